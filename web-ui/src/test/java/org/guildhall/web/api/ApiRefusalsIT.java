package org.guildhall.web.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code /api} refuses: 400 naming the field (and storing nothing), 403 for users
 * outside a step's or an action's groups, 404 for unknown cases and steps, 409 for a step
 * completed already (also when two people complete it at the same moment), 401 without
 * credentials. Every refusal is an RFC 9457 problem detail.
 */
class ApiRefusalsIT extends ApiIntegrationTest {

	static final Map<String, Object> CALL_THE_VOTE = motion(48, 14, 2, 64, 71, "resolution", "CALL_AUTHORIZATION_VOTE",
			"committeeMayCallVote", false, "meetingDate", "2008-10-19");

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void invalidValuesAreRefusedNamingTheFieldAndNothingIsStored(CapturedOutput log) {
		LoggerFactory.getLogger(ApiRefusalsIT.class).info("refusing invalid values");
		String caseId = startCase("Invalid values via API", "sag-2008");
		String board = openStep(caseId, "Task_RecordBoardResolution");

		assertRefused(board, with(CALL_THE_VOTE, "resolution", "STRIKE_NOW"), "resolution",
				"resolution must be one of [SEEK_MEDIATION, CALL_AUTHORIZATION_VOTE, CONTINUE_BARGAINING, "
						+ "ACCEPT_OFFER], not 'STRIKE_NOW'");
		assertRefused(board, with(CALL_THE_VOTE, "votesAgainst", -1), "votesAgainst",
				"votesAgainst must be at least 0, not -1");
		assertRefused(board, with(CALL_THE_VOTE, "votesFor", 60), "votesFor",
				"votesFor + votesAgainst + abstentions (76) must not exceed membersPresent (64)");
		assertRefused(board, with(CALL_THE_VOTE, "membersPresent", 80), "membersPresent",
				"membersPresent (80) must not exceed seats (71)");
		assertRefused(board, with(CALL_THE_VOTE, "votesFor", "many"), "votesFor",
				"votesFor must be a whole number, not 'many'");
		assertRefused(board, with(CALL_THE_VOTE, "meetingDate", "19/10/2008"), "meetingDate",
				"meetingDate must be an ISO-8601 date");
		assertRefused(board, with(CALL_THE_VOTE, "quorum", true), "quorum", "quorum is not a field of step");

		ResponseEntity<JsonNode> notAnObject = as("secretary").post("/api/tasks/" + board + "/complete", List.of(1, 2));
		assertThat(notAnObject.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(notAnObject.getBody().path("detail").asText()).isEqualTo("the body must be a JSON object");

		// the step is still open, unclaimed, and holds none of the refused values
		assertThat(openStep(caseId, "Task_RecordBoardResolution")).isEqualTo(board);
		JsonNode form = as("secretary").get("/api/tasks/" + board + "/form").getBody();
		assertThat(form.path("task").path("assignee").isNull()).isTrue();
		for (JsonNode field : form.path("fields")) {
			if (List.of("resolution", "votesFor", "votesAgainst", "membersPresent", "meetingDate")
				.contains(field.path("id").asText())) {
				assertThat(field.path("value").isNull()).as(field.toString()).isTrue();
			}
		}
		assertThat(as("auditor").get("/api/cases/" + caseId).getBody().path("timeline")).isEmpty();

		// counts of a certified tally that exceed the eligible members
		complete("secretary", board, CALL_THE_VOTE);
		complete("officer", openStep(caseId, "Task_PrepareBallot"), Map.of("question", "Strike?", "ballotMode",
				"CERTIFIED_TALLY", "windowStart", "2008-12-01", "windowEnd", "2008-12-31"));
		String certify = openStep(caseId, "Task_CertifyResults");
		ResponseEntity<JsonNode> tooMany = as("officer").post("/api/tasks/" + certify + "/complete",
				Map.of("certified", true, "yes", 1500, "no", 600, "abstain", 0, "spoiled", 0, "eligible", 2000));
		assertProblem(tooMany, HttpStatus.BAD_REQUEST, "yes + no + abstain + spoiled (2100) must not exceed eligible");
		assertThat(tooMany.getBody().path("field").asText()).isEqualTo("eligible");
		assertThat(openStep(caseId, "Task_CertifyResults")).isEqualTo(certify);

		// a person's refused value is answered, not logged as an engine error (Camunda
		// logs an exception leaving a command as ENGINE-16004 ERROR with its stack trace)
		assertThat(log.getOut()).as("the application log during these refusals")
			.contains("refusing invalid values")
			.doesNotContain("ENGINE-16004", "FormFieldValidatorException");
	}

	@Test
	void usersOutsideAStepsGroupsOrAnActionsGroupAreForbidden() {
		String caseId = startCase("Forbidden via API", "sag-2008");
		String board = openStep(caseId, "Task_RecordBoardResolution");

		ResponseEntity<JsonNode> staff = as("staff").post("/api/tasks/" + board + "/complete", CALL_THE_VOTE);
		assertProblem(staff, HttpStatus.FORBIDDEN, "is for [board-secretary]; staff is in [guild-staff]");
		ResponseEntity<JsonNode> auditor = as("auditor").post("/api/tasks/" + board + "/complete", CALL_THE_VOTE);
		assertProblem(auditor, HttpStatus.FORBIDDEN, "auditor is in [auditor]");
		ResponseEntity<JsonNode> auditorClaims = as("auditor").post("/api/tasks/" + board + "/claim", null);
		assertProblem(auditorClaims, HttpStatus.FORBIDDEN, "is for [board-secretary]");

		ResponseEntity<JsonNode> secretaryStarts = as("secretary").post("/api/cases",
				Map.of("title", "Not mine to start", "ruleSet", "sag-2008"));
		assertProblem(secretaryStarts, HttpStatus.FORBIDDEN,
				"only members of [guild-staff] may do this; secretary is in [board-secretary]");
		assertThat(as("auditor").get("/api/cases").getBody().findValuesAsText("title"))
			.doesNotContain("Not mine to start");

		assertThat(openStep(caseId, "Task_RecordBoardResolution")).isEqualTo(board);
		assertThat(as("auditor").get("/api/cases/" + caseId).getBody().path("timeline")).isEmpty();
	}

	@Test
	void unknownCasesAndStepsAreNotFound() {
		assertProblem(as("staff").get("/api/cases/no-such-case"), HttpStatus.NOT_FOUND, "no case with id no-such-case");
		assertProblem(as("staff").get("/api/tasks?caseId=no-such-case"), HttpStatus.NOT_FOUND,
				"no case with id no-such-case");
		assertProblem(as("secretary").post("/api/tasks/no-such-task/complete", Map.of()), HttpStatus.NOT_FOUND,
				"no step with id no-such-task");
		assertProblem(as("secretary").get("/api/tasks/no-such-task/form"), HttpStatus.NOT_FOUND,
				"no step with id no-such-task");
		assertProblem(as("staff").get("/api/rule-sets/fifty-five"), HttpStatus.NOT_FOUND, "no rule set 'fifty-five'");
		assertProblem(as("staff").post("/api/cases", Map.of("title", "Unknown rules", "ruleSet", "fifty-five")),
				HttpStatus.BAD_REQUEST, "unknown rule set 'fifty-five'");
		assertProblem(as("staff").get("/api/cases?status=ON_STRIKE"), HttpStatus.BAD_REQUEST,
				"status must be one of [ACTIVE, STRIKE_CALLED");
	}

	@Test
	void completingACompletedStepIsAConflictNamingWhoCompletedIt() {
		String caseId = startCase("Completed twice via API", "sag-2008");
		String board = openStep(caseId, "Task_RecordBoardResolution");
		complete("secretary", board, CALL_THE_VOTE);

		ResponseEntity<JsonNode> again = as("secretary").post("/api/tasks/" + board + "/complete", CALL_THE_VOTE);
		assertProblem(again, HttpStatus.CONFLICT,
				"step Task_RecordBoardResolution was already completed by secretary at 20");
		assertProblem(as("secretary").post("/api/tasks/" + board + "/claim", null), HttpStatus.CONFLICT,
				"already completed by secretary");
	}

	@Test
	void whenTwoCompleteAStepAtOnceOneWinsAndTheOtherGetsAConflict() throws Exception {
		String caseId = startCase("Completed at once via API", "sag-2008");
		String board = openStep(caseId, "Task_RecordBoardResolution");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch ready = new CountDownLatch(2);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<ResponseEntity<JsonNode>>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				results.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return as("secretary").post("/api/tasks/" + board + "/complete", CALL_THE_VOTE);
				}));
			}
			ready.await();
			go.countDown();
			List<ResponseEntity<JsonNode>> responses = new ArrayList<>();
			for (Future<ResponseEntity<JsonNode>> result : results) {
				responses.add(result.get(60, TimeUnit.SECONDS));
			}
			assertThat(responses).extracting(ResponseEntity::getStatusCode)
				.as(responses.toString())
				.containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
			ResponseEntity<JsonNode> loser = responses.stream()
				.filter((response) -> response.getStatusCode() == HttpStatus.CONFLICT)
				.findFirst()
				.orElseThrow();
			assertThat(loser.getBody().path("detail").asText()).contains("already completed by secretary");
		}
		finally {
			pool.shutdownNow();
		}
		JsonNode details = as("auditor").get("/api/cases/" + caseId).getBody();
		assertThat(details.path("timeline").findValuesAsText("stepKey")).containsExactly("Task_RecordBoardResolution");
		assertThat(details.path("decisions").findValuesAsText("decision")).containsExactly("board-motion");
	}

	@Test
	void withoutCredentialsTheApiAnswers401WithABasicChallenge() throws Exception {
		for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
			ResponseEntity<JsonNode> response = anonymous().exchange(method, "/api/cases",
					(method == HttpMethod.POST) ? Map.of("title", "Anonymous", "ruleSet", "sag-2008") : null);
			assertThat(response.getStatusCode()).as(method.name()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo("Basic realm=\"Guildhall\"");
			assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
			assertThat(response.getBody().path("status").asInt()).isEqualTo(401);
			assertThat(response.getBody().path("detail").asText()).contains("HTTP Basic");
		}
		// credentials that do not sign in: the same challenge, and a detail that says so
		// (a
		// user name that is no user's: a real user's wrong password would lock that user
		// out for a while, and the other tests of this context sign in as them)
		ResponseEntity<JsonNode> wrong = new Client(this.http.withBasicAuth("nobody-at-all", "not-a-password"))
			.get("/api/cases");
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(wrong.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
		assertThat(wrong.getBody().path("detail").asText()).isEqualTo("the user name or password is wrong");
		assertThat(as("auditor").get("/api/cases").getBody().findValuesAsText("title")).doesNotContain("Anonymous");
		// as curl asks: any media type, or none at all; no redirect to the sign-in page
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		for (String accept : List.of("*/*", "")) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.http.getRootUri() + "/api/cases"));
			if (!accept.isEmpty()) {
				request.header(HttpHeaders.ACCEPT, accept);
			}
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("Accept: " + accept).isEqualTo(401);
			assertThat(response.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Basic"));
		}
	}

	private void assertRefused(String taskId, Map<String, Object> values, String field, String detail) {
		ResponseEntity<JsonNode> refused = as("secretary").post("/api/tasks/" + taskId + "/complete", values);
		assertProblem(refused, HttpStatus.BAD_REQUEST, detail);
		assertThat(refused.getBody().path("field").asText()).isEqualTo(field);
	}

	static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String detail) {
		assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.as(String.valueOf(response.getHeaders().getContentType()))
			.isTrue();
		assertThat(response.getBody().path("status").asInt()).isEqualTo(status.value());
		assertThat(response.getBody().path("detail").asText()).contains(detail);
		assertThat(response.getBody().toString()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	private static Map<String, Object> with(Map<String, Object> values, String field, Object value) {
		Map<String, Object> changed = new LinkedHashMap<>(values);
		changed.put(field, value);
		return changed;
	}

}
