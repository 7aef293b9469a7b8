package org.guildhall.web.ballots;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.ballots.BallotBox;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A strike-authorization vote in Guildhall's own ballot box, only through {@code /api}:
 * the roll, the once-only credentials, anonymous ballots with receipts, turnout without
 * choices while the box is open, the window closing on the engine clock, the count and
 * its certification. Same properties and profile as the {@code api} package's integration
 * tests, so it shares their application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-api-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class BallotApiIT {

	static final MediaType CSV = new MediaType("text", "csv");

	@Autowired
	TestRestTemplate http;

	@Autowired
	ManagementService management;

	@Autowired
	BallotBox box;

	@Autowired
	HistoryService history;

	@Autowired
	AuditTrail trail;

	@Test
	void aBallotBoxVoteRunsFromRollToCertifiedResult() {
		String caseId = startCase("Ballot box via API");
		complete("secretary", openStep(caseId, "Task_RecordBoardResolution"),
				Map.of("resolution", "CALL_AUTHORIZATION_VOTE", "votesFor", 48, "votesAgainst", 14, "abstentions", 2,
						"membersPresent", 64, "seats", 71, "committeeMayCallVote", false, "meetingDate", "2008-10-19"));
		String prepare = openStep(caseId, "Task_PrepareBallot");
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant end = start.plus(Duration.ofHours(2));
		Map<String, Object> ballot = Map.of("question", "Do you authorize the national board to call a strike?",
				"ballotMode", "BALLOT_BOX", "windowStart", start.toString(), "windowEnd", end.toString());

		// no roll yet: refused, naming the ballot mode, and the step stays open
		ResponseEntity<JsonNode> noRoll = post("officer", "/api/tasks/" + prepare + "/complete", ballot);
		assertThat(noRoll.getStatusCode()).as(String.valueOf(noRoll.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noRoll.getBody().path("field").asText()).isEqualTo("ballotMode");
		assertThat(noRoll.getBody().path("detail").asText()).contains("no eligibility roll has been uploaded");
		assertThat(openStep(caseId, "Task_PrepareBallot")).isEqualTo(prepare);
		assertThat(get("auditor", "/api/cases/" + caseId).getBody().path("currentVote").isNull()).isTrue();

		// the roll: 6 members, one not in good standing
		ResponseEntity<JsonNode> uploaded = uploadRoll("officer", caseId, BallotJobs.roll(6, 1));
		assertThat(uploaded.getStatusCode()).as(String.valueOf(uploaded.getBody())).isEqualTo(HttpStatus.OK);
		assertThat(uploaded.getBody().path("entries").asInt()).isEqualTo(6);
		assertThat(uploaded.getBody().path("eligible").asInt()).isEqualTo(5);
		String rollHash = uploaded.getBody().path("rollHash").asText();
		assertThat(rollHash).matches("[0-9a-f]{64}");

		ResponseEntity<JsonNode> duplicate = uploadRoll("officer", caseId,
				"memberId,name,goodStanding\nM1,Ann,true\nM2,Bob,true\nM1,Ann again,true\n");
		assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(duplicate.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(duplicate.getBody().path("line").asInt()).isEqualTo(4);
		assertThat(duplicate.getBody().path("detail").asText())
			.isEqualTo("line 4: member id 'M1' appears twice (first on line 2)");
		ResponseEntity<JsonNode> notOfficer = uploadRoll("secretary", caseId, BallotJobs.roll(2, 0));
		assertThat(notOfficer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

		// the earlier roll is the one frozen into the vote
		complete("officer", prepare, ballot);
		JsonNode prepared = get("auditor", "/api/cases/" + caseId).getBody();
		JsonNode currentVote = prepared.path("currentVote");
		assertThat(currentVote.path("rollHash").asText()).isEqualTo(rollHash);
		assertThat(currentVote.path("eligible").asInt()).isEqualTo(5);
		assertThat(Instant.parse(currentVote.path("windowStart").asText())).isEqualTo(start);
		assertThat(Instant.parse(currentVote.path("windowEnd").asText())).isEqualTo(end);
		String voteId = currentVote.path("id").asText();
		assertThat(voteId).isNotBlank();
		String memberVote = this.box.processInstanceOf(voteId);

		// credentials: never to the secretary, once to the election officer
		assertThat(credentials("secretary", voteId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<String> issued = credentials("officer", voteId);
		assertThat(issued.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(issued.getHeaders().getContentType().isCompatibleWith(CSV)).isTrue();
		assertThat(issued.getHeaders().getCacheControl()).isEqualTo("no-store");
		List<String> lines = issued.getBody().lines().toList();
		assertThat(lines.get(0)).isEqualTo("memberId,credential");
		assertThat(lines).hasSize(6);
		assertThat(lines.subList(1, 6)).extracting((line) -> line.split(",")[0])
			.containsExactly("M0001", "M0002", "M0003", "M0004", "M0005");
		List<String> credentials = lines.subList(1, 6).stream().map((line) -> line.split(",")[1]).toList();
		assertThat(credentials).allMatch((token) -> token.matches("([A-Z2-9]{4}-){4}[A-Z2-9]{4}"))
			.doesNotHaveDuplicates();
		ResponseEntity<String> again = credentials("officer", voteId);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.getBody()).contains("issued already");

		// the window opens (the job executor may beat us to it)
		BallotJobs.runJob(this.management, memberVote, "Event_VotingWindowOpens",
				() -> "OPEN".equals(this.box.find(voteId).state()));

		List<String> receipts = new ArrayList<>();
		List<String> choices = List.of("YES", "yes", "YES", "ABSTAIN");
		for (int i = 0; i < choices.size(); i++) {
			ResponseEntity<JsonNode> cast = cast(voteId, credentials.get(i), choices.get(i));
			assertThat(cast.getStatusCode()).as(String.valueOf(cast.getBody())).isEqualTo(HttpStatus.CREATED);
			String receipt = cast.getBody().path("receipt").asText();
			assertThat(receipt).isNotBlank();
			assertThat(cast.getHeaders().getLocation()).hasPath("/api/votes/" + voteId + "/receipts/" + receipt);
			// the answer names no choice (the random receipt code itself may spell YES)
			assertThat(cast.getBody().toString().replace(receipt, "")).doesNotContain(choices.get(i).toUpperCase());
			receipts.add(receipt);
		}
		assertThat(receipts).doesNotHaveDuplicates();
		ResponseEntity<JsonNode> twice = cast(voteId, credentials.get(0), "NO");
		assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(twice.getBody().path("detail").asText()).contains("already been cast");
		ResponseEntity<JsonNode> retyped = cast(voteId, credentials.get(1).replace("-", "").toLowerCase(), "NO");
		assertThat(retyped.getStatusCode()).as("the same credential typed differently").isEqualTo(HttpStatus.CONFLICT);
		ResponseEntity<JsonNode> garbage = cast(voteId, "AAAA-BBBB-CCCC-DDDD-EEEE", "YES");
		assertThat(garbage.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(garbage.getBody().path("detail").asText()).isEqualTo("this credential is not valid for this vote");
		ResponseEntity<JsonNode> badChoice = cast(voteId, credentials.get(4), "MAYBE");
		assertThat(badChoice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

		ResponseEntity<JsonNode> counted = anonymous().exchange("/api/votes/" + voteId + "/receipts/" + receipts.get(2),
				HttpMethod.GET, json(null), JsonNode.class);
		assertThat(counted.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(counted.getBody().path("counted").asBoolean()).isTrue();
		assertThat(counted.getBody().toString()).doesNotContain("YES");
		assertThat(anonymous()
			.exchange("/api/votes/" + voteId + "/receipts/ZZZZ-ZZZZ-ZZZZ-ZZZZ", HttpMethod.GET, json(null),
					JsonNode.class)
			.getBody()
			.path("counted")
			.asBoolean()).isFalse();

		// while open: turnout, and no choice counts anywhere
		JsonNode turnout = get("staff", "/api/votes/" + voteId + "/turnout").getBody();
		assertThat(turnout.path("eligible").asInt()).isEqualTo(5);
		assertThat(turnout.path("cast").asInt()).isEqualTo(4);
		assertThat(turnout.path("percent").asDouble()).isEqualTo(80.0);
		assertThat(turnout.path("history").isArray()).isTrue();
		assertNoChoices(turnout);
		JsonNode vote = get("staff", "/api/votes/" + voteId).getBody();
		assertThat(vote.path("state").asText()).isEqualTo("OPEN");
		assertThat(vote.path("cast").asInt()).isEqualTo(4);
		assertThat(vote.path("rollHash").asText()).isEqualTo(rollHash);
		assertThat(vote.path("credentialsIssued").asBoolean()).isTrue();
		assertNoChoices(vote);
		ResponseEntity<JsonNode> early = get("staff", "/api/votes/" + voteId + "/result");
		assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertNoChoices(early.getBody());

		// the window closes on the engine clock, and the box is counted
		ClockUtil.setCurrentTime(Date.from(end.plusSeconds(1)));
		try {
			BallotJobs.runJob(this.management, memberVote, "Event_VotingWindowCloses",
					() -> this.management.createJobQuery()
						.processInstanceId(memberVote)
						.activityId("Task_CloseBallotBox")
						.count() > 0 || this.box.result(voteId).isPresent());
			BallotJobs.runJob(this.management, memberVote, "Task_CloseBallotBox",
					() -> this.box.result(voteId).isPresent());
		}
		finally {
			ClockUtil.reset();
		}
		ResponseEntity<JsonNode> late = cast(voteId, credentials.get(4), "NO");
		assertThat(late.getStatusCode()).as("after the window").isEqualTo(HttpStatus.CONFLICT);
		assertThat(late.getBody().path("detail").asText()).contains("voting is not open");

		ResponseEntity<JsonNode> result = get("staff", "/api/votes/" + voteId + "/result");
		assertThat(result.getStatusCode()).as(String.valueOf(result.getBody())).isEqualTo(HttpStatus.OK);
		assertThat(result.getBody().path("yes").asLong()).isEqualTo(3);
		assertThat(result.getBody().path("no").asLong()).isZero();
		assertThat(result.getBody().path("abstain").asLong()).isEqualTo(1);
		assertThat(result.getBody().path("spoiled").asLong()).isZero();
		assertThat(result.getBody().path("eligible").asLong()).isEqualTo(5);
		assertThat(result.getBody().path("turnoutPercent").asDouble()).isEqualTo(80.0);
		assertThat(result.getBody().path("ruleSet").asText()).isEqualTo("sag-2008:1");
		assertThat(result.getBody().path("outcome").asText()).isEqualTo("APPROVED");
		assertThat(result.getBody().path("explanation").asText()).startsWith("approved: ");
		// reading a result writes nothing: no decision history, no audit event
		long decisionsBefore = this.history.createHistoricDecisionInstanceQuery().count();
		long trailBefore = this.trail.head().lastSeq();
		for (int i = 0; i < 3; i++) {
			assertThat(get("staff", "/api/votes/" + voteId + "/result").getBody().path("outcome").asText())
				.isEqualTo("APPROVED");
		}
		assertThat(this.history.createHistoricDecisionInstanceQuery().count()).isEqualTo(decisionsBefore);
		assertThat(this.trail.head().lastSeq()).isEqualTo(trailBefore);
		assertThat(get("auditor", "/api/cases/" + caseId).getBody().path("currentVote").path("state").asText())
			.isEqualTo("CLOSED");
		assertThat(get("staff", "/api/votes/" + voteId + "/turnout").getBody().path("history"))
			.extracting((sample) -> sample.path("cast").asInt())
			.startsWith(0)
			.endsWith(4);

		// the election officer certifies the box's own count, and the board decides
		String certify = openStep(caseId, "Task_CertifyResults");
		JsonNode task = get("auditor", "/api/tasks?caseId=" + caseId).getBody()
			.findParents("stepKey")
			.stream()
			.filter((open) -> certify.equals(open.path("id").asText()))
			.findFirst()
			.orElseThrow();
		assertThat(task.path("candidateGroups")).extracting(JsonNode::asText).containsExactly("election-officer");
		JsonNode afterVote = complete("officer", certify, Map.of("certified", true));
		assertThat(afterVote.path("activeSteps").findValuesAsText("stepKey")).containsExactly("Task_DecideStrike");
		JsonNode decided = get("auditor", "/api/cases/" + caseId).getBody();
		JsonNode memberDecision = decided.path("decisions")
			.findParents("decision")
			.stream()
			.filter((decision) -> "member-vote".equals(decision.path("decision").asText()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no member-vote decision in " + decided));
		assertThat(memberDecision.path("outcome").asText()).isEqualTo("APPROVED");
		assertThat(memberDecision.path("explanation").asText())
			.isEqualTo(result.getBody().path("explanation").asText());
		// a job that failed and was retried would leave a failure log (PostgreSQL aborts
		// a
		// transaction on any failed statement, so races show up here)
		assertThat(this.history.createHistoricJobLogQuery().failureLog().list())
			.filteredOn((log) -> caseId.equals(log.getRootProcessInstanceId()))
			.extracting((log) -> log.getJobDefinitionType() + ": " + log.getJobExceptionMessage())
			.isEmpty();
	}

	/** Neither choice counts nor choices appear in {@code json}. */
	private static void assertNoChoices(JsonNode json) {
		List<String> names = new ArrayList<>();
		collectFieldNames(json, names);
		assertThat(names).as(json.toString())
			.doesNotContain("yes", "no", "abstain", "spoiled", "choice", "choices", "counts", "tally");
		assertThat(json.toString()).doesNotContain("YES", "ABSTAIN", "\"NO\"");
	}

	private static void collectFieldNames(JsonNode json, List<String> names) {
		Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			names.add(field.getKey());
			collectFieldNames(field.getValue(), names);
		}
		json.elements().forEachRemaining((element) -> collectFieldNames(element, names));
	}

	private String startCase(String title) {
		ResponseEntity<JsonNode> created = post("staff", "/api/cases",
				Map.of("title", title, "contract", "TV/Theatrical", "employer", "AMPTP", "expiryDate", "2008-06-30",
						"finalOfferDate", "2008-06-30", "ruleSet", "sag-2008"));
		assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
		return created.getBody().path("id").asText();
	}

	private String openStep(String caseId, String stepKey) {
		JsonNode tasks = get("auditor", "/api/tasks?caseId=" + caseId).getBody();
		List<String> ids = tasks.findParents("stepKey")
			.stream()
			.filter((task) -> stepKey.equals(task.path("stepKey").asText()))
			.map((task) -> task.path("id").asText())
			.toList();
		assertThat(ids).as("open " + stepKey + " of case " + caseId + " in " + tasks).hasSize(1);
		return ids.get(0);
	}

	private JsonNode complete(String user, String taskId, Map<String, Object> values) {
		ResponseEntity<JsonNode> completed = post(user, "/api/tasks/" + taskId + "/complete", values);
		assertThat(completed.getStatusCode()).as(String.valueOf(completed.getBody())).isEqualTo(HttpStatus.OK);
		return completed.getBody();
	}

	private ResponseEntity<JsonNode> uploadRoll(String user, String caseId, String csv) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(CSV);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		return as(user).exchange("/api/cases/" + caseId + "/roll", HttpMethod.POST, new HttpEntity<>(csv, headers),
				JsonNode.class);
	}

	private ResponseEntity<String> credentials(String user, String voteId) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(CSV, MediaType.APPLICATION_PROBLEM_JSON));
		return as(user).exchange("/api/votes/" + voteId + "/credentials.csv", HttpMethod.GET, new HttpEntity<>(headers),
				String.class);
	}

	private ResponseEntity<JsonNode> cast(String voteId, String credential, String choice) {
		Map<String, Object> ballot = new LinkedHashMap<>();
		ballot.put("credential", credential);
		ballot.put("choice", choice);
		return anonymous().exchange("/api/votes/" + voteId + "/ballots", HttpMethod.POST, json(ballot), JsonNode.class);
	}

	private ResponseEntity<JsonNode> get(String user, String path) {
		return as(user).exchange(path, HttpMethod.GET, json(null), JsonNode.class);
	}

	private ResponseEntity<JsonNode> post(String user, String path, Object body) {
		return as(user).exchange(path, HttpMethod.POST, json(body), JsonNode.class);
	}

	private TestRestTemplate as(String user) {
		return this.http.withBasicAuth(user, "demo");
	}

	private TestRestTemplate anonymous() {
		return this.http;
	}

	private static HttpEntity<Object> json(Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		if (body != null) {
			headers.setContentType(MediaType.APPLICATION_JSON);
		}
		return new HttpEntity<>(body, headers);
	}

}
