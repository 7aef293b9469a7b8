package org.guildhall.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The running application's JSON API as the demo users, for set-up (not timed). */
final class Api {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String base;

	Api(int port) {
		this.base = "http://localhost:" + port;
	}

	JsonNode get(String user, String path) throws IOException, InterruptedException {
		return JSON.readTree(send(user, HttpRequest.newBuilder(URI.create(this.base + path)).GET(), 200));
	}

	String getText(String user, String path) throws IOException, InterruptedException {
		return send(user, HttpRequest.newBuilder(URI.create(this.base + path)).GET(), 200);
	}

	JsonNode post(String user, String path, Map<String, ?> body, int expected)
			throws IOException, InterruptedException {
		return JSON.readTree(send(user,
				HttpRequest.newBuilder(URI.create(this.base + path))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
				expected));
	}

	JsonNode postCsv(String user, String path, String csv) throws IOException, InterruptedException {
		return JSON.readTree(send(user,
				HttpRequest.newBuilder(URI.create(this.base + path))
					.header("Content-Type", "text/csv")
					.POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)),
				200));
	}

	/** Starts a case under sag-2008 as staff; answers its id. */
	String startCase(String title) throws IOException, InterruptedException {
		return post("staff", "/api/cases", Map.of("title", title, "contract", "TV/Theatrical", "employer", "AMPTP",
				"expiryDate", "2008-06-30", "ruleSet", "sag-2008"), 201)
			.path("id")
			.asText();
	}

	/** The id of the case's open step {@code stepKey}. */
	String openStep(String caseId, String stepKey) throws IOException, InterruptedException {
		JsonNode tasks = get("auditor", "/api/tasks?caseId=" + caseId);
		for (JsonNode task : tasks.findParents("stepKey")) {
			if (stepKey.equals(task.path("stepKey").asText())) {
				return task.path("id").asText();
			}
		}
		throw new IllegalStateException("no open " + stepKey + " in " + tasks);
	}

	void complete(String user, String caseId, String stepKey, Map<String, ?> values)
			throws IOException, InterruptedException {
		post(user, "/api/tasks/" + openStep(caseId, stepKey) + "/complete", values, 200);
	}

	void awaitVoteState(String voteId, String state, Duration within) throws Exception {
		Instant deadline = Instant.now().plus(within);
		while (!state.equals(get("auditor", "/api/votes/" + voteId).path("state").asText())) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("vote " + voteId + " not " + state + " within " + within);
			}
			Thread.sleep(200);
		}
	}

	private String send(String user, HttpRequest.Builder request, int expected)
			throws IOException, InterruptedException {
		request.header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
		request.timeout(Duration.ofMinutes(5));
		HttpResponse<String> response = this.http.send(request.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		if (response.statusCode() != expected) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
					+ response.statusCode() + ", expected " + expected + ": " + response.body());
		}
		return response.body();
	}

}
