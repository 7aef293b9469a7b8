package org.guildhall.web.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guildhall.web.api.ApiRefusalsIT.assertProblem;

/**
 * Who may read the audit trail, as a table: the chain (verification, whole export) is for
 * auditors and Camunda administrators, a case's history for any staff member, nothing for
 * anonymous callers. And the auditor, who reads everything, changes nothing: every action
 * that would is refused with 403 and leaves the case as it was.
 */
class AuditRoleMatrixIT extends ApiIntegrationTest {

	static final List<String> USERS = List.of("anonymous", "auditor", "admin", "staff", "secretary", "committee",
			"officer", "modeler");

	static final Set<String> CHAIN_READERS = Set.of("auditor", "admin");

	@Test
	void whoMayReadTheTrail() throws Exception {
		String caseId = startCase("Audit role matrix", "sag-2008");
		List<Row> table = new ArrayList<>();
		for (String user : USERS) {
			int chain = "anonymous".equals(user) ? 401 : CHAIN_READERS.contains(user) ? 200 : 403;
			int history = "anonymous".equals(user) ? 401 : 200;
			table.add(new Row("/api/audit/verify", user, chain));
			table.add(new Row("/api/audit/export.jsonl", user, chain));
			table.add(new Row("/api/cases/" + caseId + "/history", user, history));
			table.add(new Row("/api/cases/" + caseId + "/history.csv", user, history));
			table.add(new Row("/api/cases/" + caseId + "/history.jsonl", user, history));
		}

		List<String> mismatches = new ArrayList<>();
		for (Row row : table) {
			HttpResponse<String> response = send(row.user(), row.path(), "*/*");
			if (response.statusCode() != row.expected()) {
				mismatches.add(row + " answered " + response.statusCode() + " " + response.body());
				continue;
			}
			String contentType = response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse("");
			if (row.expected() == 401
					&& !response.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE).orElse("").startsWith("Basic")) {
				mismatches.add(row + " has no Basic challenge");
			}
			if (row.expected() == 403
					&& !(contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE) && response.body()
						.contains("only members of [auditor, camunda-admin] may do this; " + row.user() + " is in"))) {
				mismatches.add(row + " is not a problem naming the groups: " + contentType + " " + response.body());
			}
		}
		assertThat(mismatches).as("rows of %d that did not answer as expected", table.size()).isEmpty();
	}

	@Test
	void theAuditorPagesNeedASignedInStaffMember() throws Exception {
		for (String path : List.of("/audit", "/audit/cases/no-such-case")) {
			HttpResponse<String> anonymous = send("anonymous", path, "text/html");
			assertThat(anonymous.statusCode()).as(path).isEqualTo(302);
			assertThat(anonymous.headers().firstValue(HttpHeaders.LOCATION))
				.hasValueSatisfying((location) -> assertThat(location).as(path).endsWith("/login"));
			// every staff member may read the auditor's pages (an unknown case: 404)
			for (String user : USERS.subList(1, USERS.size())) {
				HttpResponse<String> response = send(user, path, "text/html");
				assertThat(response.statusCode()).as(user + " " + path).isEqualTo(path.equals("/audit") ? 200 : 404);
				assertThat(response.headers().firstValue(HttpHeaders.LOCATION).orElse("")).as(user + " " + path)
					.doesNotEndWith("/login");
			}
		}
	}

	@Test
	void theAuditorChangesNothing() {
		String caseId = startCase("Auditor changes nothing", "sag-2008");
		complete("secretary", openStep(caseId, "Task_RecordBoardResolution"), ApiRefusalsIT.CALL_THE_VOTE);
		String prepare = openStep(caseId, "Task_PrepareBallot");
		String roll = "memberId,name,goodStanding\nM1,Ann,true\nM2,Bob,true\nM3,Cy,true\n";
		ResponseEntity<JsonNode> uploaded = uploadRoll("officer", caseId, roll);
		assertThat(uploaded.getStatusCode()).as(String.valueOf(uploaded.getBody())).isEqualTo(HttpStatus.OK);
		Snapshot before = snapshot(caseId);

		Map<String, Object> ballot = ballot();
		assertProblem(
				as("auditor").post("/api/cases", Map.of("title", "The auditor's own case", "ruleSet", "sag-2008")),
				HttpStatus.FORBIDDEN, "only members of [guild-staff] may do this; auditor is in [auditor]");
		assertProblem(as("auditor").post("/api/cases/" + caseId + "/agreement", null), HttpStatus.FORBIDDEN,
				"auditor is in [auditor]");
		assertProblem(as("auditor").post("/api/cases/" + caseId + "/withdraw", Map.of("reason", "Audited away")),
				HttpStatus.FORBIDDEN, "auditor is in [auditor]");
		assertProblem(as("auditor").post("/api/tasks/" + prepare + "/claim", null), HttpStatus.FORBIDDEN,
				"is for [election-officer]");
		assertProblem(as("auditor").post("/api/tasks/" + prepare + "/complete", ballot), HttpStatus.FORBIDDEN,
				"auditor is in [auditor]");
		assertProblem(as("auditor").post("/api/tasks/" + prepare + "/unclaim", null), HttpStatus.FORBIDDEN,
				"auditor is in [auditor]");
		assertProblem(uploadRoll("auditor", caseId, "memberId,name,goodStanding\nX1,Mallory,true\n"),
				HttpStatus.FORBIDDEN, "only members of [election-officer] may do this; auditor is in [auditor]");
		assertThat(snapshot(caseId)).isEqualTo(before);
		assertThat(as("auditor").get("/api/cases").getBody().findValuesAsText("title"))
			.doesNotContain("The auditor's own case");

		// a vote whose credentials nobody has downloaded yet
		complete("officer", prepare, ballot);
		String voteId = as("auditor").get("/api/cases/" + caseId).getBody().path("currentVote").path("id").asText();
		assertThat(voteId).isNotBlank();
		Snapshot prepared = snapshot(caseId);
		HttpHeaders csv = new HttpHeaders();
		csv.setAccept(List.of(new MediaType("text", "csv"), MediaType.APPLICATION_PROBLEM_JSON));
		ResponseEntity<JsonNode> credentials = as("auditor").http()
			.exchange("/api/votes/" + voteId + "/credentials.csv", HttpMethod.GET, new HttpEntity<>(csv),
					JsonNode.class);
		assertProblem(credentials, HttpStatus.FORBIDDEN,
				"only members of [election-officer] may do this; auditor is in [auditor]");
		assertThat(as("auditor").get("/api/votes/" + voteId).getBody().path("credentialsIssued").asBoolean()).isFalse();
		assertThat(snapshot(caseId)).isEqualTo(prepared);
	}

	/** What an auditor's refused action must leave as it was. */
	private Snapshot snapshot(String caseId) {
		JsonNode details = as("auditor").get("/api/cases/" + caseId).getBody();
		JsonNode tasks = as("auditor").get("/api/tasks?caseId=" + caseId).getBody();
		List<String> trail = as("auditor").get("/api/cases/" + caseId + "/history").getBody().findValuesAsText("hash");
		return new Snapshot(details.path("status").asText(), tasks.toString(), details.path("timeline").toString(),
				details.path("currentVote").toString(), trail);
	}

	private static Map<String, Object> ballot() {
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1));
		return Map.of("question", "Do you authorize a strike?", "ballotMode", "BALLOT_BOX", "windowStart",
				start.toString(), "windowEnd", start.plus(Duration.ofDays(2)).toString());
	}

	private ResponseEntity<JsonNode> uploadRoll(String user, String caseId, String csv) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(new MediaType("text", "csv"));
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		return as(user).http()
			.exchange("/api/cases/" + caseId + "/roll", HttpMethod.POST, new HttpEntity<>(csv, headers),
					JsonNode.class);
	}

	/** A plain request, no redirects followed, as {@code user} (or nobody). */
	private HttpResponse<String> send(String user, String path, String accept)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.http.getRootUri() + path))
			.header(HttpHeaders.ACCEPT, accept);
		if (!"anonymous".equals(user)) {
			request.header(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
		}
		return HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.build()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** One cell of the matrix. */
	record Row(String path, String user, int expected) {

		@Override
		public String toString() {
			return this.user + " GET " + this.path + " (expected " + this.expected + ")";
		}

	}

	/**
	 * A case's status, open steps (with assignees), timeline, current vote and trail.
	 */
	record Snapshot(String status, String openSteps, String timeline, String currentVote, List<String> trail) {
	}

}
