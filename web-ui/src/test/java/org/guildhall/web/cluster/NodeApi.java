package org.guildhall.web.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** A running Guildhall node's API, as the demo users (the cluster and crash tests). */
final class NodeApi {

	final String base;

	NodeApi(int port) {
		this.base = "http://localhost:" + port;
	}

	TestRestTemplate as(String user) {
		return new TestRestTemplate().withBasicAuth(user, "demo");
	}

	JsonNode get(String user, String path) {
		return as(user).getForEntity(this.base + path, JsonNode.class).getBody();
	}

	/** Starts a case under sag-2008 as staff; answers its id. */
	String startCase(String title) {
		ResponseEntity<JsonNode> created = as("staff")
			.postForEntity(
					this.base + "/api/cases", Map.of("title", title + " " + System.nanoTime(), "contract",
							"TV/Theatrical", "employer", "AMPTP", "expiryDate", "2008-06-30", "ruleSet", "sag-2008"),
					JsonNode.class);
		assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
		return created.getBody().path("id").asText();
	}

	List<String> stepKeys(String caseId) {
		return get("auditor", "/api/tasks?caseId=" + caseId).findValuesAsText("stepKey");
	}

	String openStep(String caseId, String stepKey) {
		JsonNode tasks = get("auditor", "/api/tasks?caseId=" + caseId);
		return tasks.findParents("stepKey")
			.stream()
			.filter((task) -> stepKey.equals(task.path("stepKey").asText()))
			.map((task) -> task.path("id").asText())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no open " + stepKey + " in " + tasks));
	}

	void complete(String user, String taskId, Map<String, Object> values) {
		ResponseEntity<JsonNode> completed = as(user).postForEntity(this.base + "/api/tasks/" + taskId + "/complete",
				values, JsonNode.class);
		assertThat(completed.getStatusCode()).as(String.valueOf(completed.getBody())).isEqualTo(HttpStatus.OK);
	}

	/** A member casts a ballot (no login). */
	ResponseEntity<JsonNode> cast(String voteId, String credential, String choice) {
		return new TestRestTemplate().postForEntity(this.base + "/api/votes/" + voteId + "/ballots",
				Map.of("credential", credential, "choice", choice), JsonNode.class);
	}

	void awaitState(String voteId, String state, Duration within) throws InterruptedException {
		Instant deadline = Instant.now().plus(within);
		while (!state.equals(get("auditor", "/api/votes/" + voteId).path("state").asText())) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("waited " + within.toSeconds() + " s for vote " + voteId + " to be " + state);
			}
			Thread.sleep(250);
		}
	}

}
