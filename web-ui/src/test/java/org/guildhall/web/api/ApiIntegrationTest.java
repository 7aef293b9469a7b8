package org.guildhall.web.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

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
 * Base of the API integration tests: the whole application in the demo profile on its own
 * in-memory database, driven only through {@code /api} with HTTP Basic as the demo users
 * (password {@code demo}). Every subclass shares one application context. No test sends a
 * wrong password: Camunda would throttle that user's later logins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-api-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
abstract class ApiIntegrationTest {

	@Autowired
	TestRestTemplate http;

	/** Requests as {@code user} with the demo password. */
	Client as(String user) {
		return new Client(this.http.withBasicAuth(user, "demo"));
	}

	/** Requests without credentials. */
	Client anonymous() {
		return new Client(this.http);
	}

	/** Starts a case as staff under {@code ruleSet}; answers its id. */
	String startCase(String title, String ruleSet) {
		ResponseEntity<JsonNode> created = as("staff").post("/api/cases",
				Map.of("title", title, "contract", "TV/Theatrical", "employer", "AMPTP", "expiryDate", "2008-06-30",
						"finalOfferDate", "2008-06-30", "ruleSet", ruleSet));
		assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
		return created.getBody().path("id").asText();
	}

	/** The id of the single open step {@code stepKey} of case {@code caseId}. */
	String openStep(String caseId, String stepKey) {
		JsonNode tasks = as("auditor").get("/api/tasks?caseId=" + caseId).getBody();
		List<String> ids = tasks.findParents("stepKey")
			.stream()
			.filter((task) -> stepKey.equals(task.path("stepKey").asText()))
			.map((task) -> task.path("id").asText())
			.toList();
		assertThat(ids).as("open " + stepKey + " of case " + caseId + " in " + tasks).hasSize(1);
		return ids.get(0);
	}

	/**
	 * Completes step {@code taskId} as {@code user}; answers where the case went next.
	 */
	JsonNode complete(String user, String taskId, Map<String, Object> values) {
		ResponseEntity<JsonNode> completed = as(user).post("/api/tasks/" + taskId + "/complete", values);
		assertThat(completed.getStatusCode()).as(String.valueOf(completed.getBody())).isEqualTo(HttpStatus.OK);
		return completed.getBody();
	}

	/** The board's (or committee's) vote counts and {@code extra} fields. */
	static Map<String, Object> motion(int votesFor, int votesAgainst, int abstentions, int present, int seats,
			Object... extra) {
		Map<String, Object> fields = new LinkedHashMap<>(Map.of("votesFor", votesFor, "votesAgainst", votesAgainst,
				"abstentions", abstentions, "membersPresent", present, "seats", seats));
		for (int i = 0; i < extra.length; i += 2) {
			fields.put((String) extra[i], extra[i + 1]);
		}
		return fields;
	}

	/** JSON requests of one user. */
	record Client(TestRestTemplate http) {

		ResponseEntity<JsonNode> get(String path) {
			return exchange(HttpMethod.GET, path, null);
		}

		ResponseEntity<JsonNode> post(String path, Object body) {
			return exchange(HttpMethod.POST, path, body);
		}

		ResponseEntity<JsonNode> exchange(HttpMethod method, String path, Object body) {
			HttpHeaders headers = new HttpHeaders();
			headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
			if (body != null) {
				headers.setContentType(MediaType.APPLICATION_JSON);
			}
			return this.http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
		}

	}

}
