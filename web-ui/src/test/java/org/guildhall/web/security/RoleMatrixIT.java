package org.guildhall.web.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.guildhall.engine.audit.AuditCaseQuery;
import org.guildhall.engine.audit.AuditTrail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, as one table: every page, API endpoint, the engine REST API and the
 * actuator, for every demo user (one per group) and for nobody. A row names the groups
 * allowed (or that anyone signed in, or anyone at all, is) and what an allowed caller
 * gets; everyone else signed in gets 403, nobody gets 401 (machines) or the login page
 * (pages). Allowed actions are sent with invalid input, so the matrix changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-api-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false) // the Prometheus endpoint, as in the app
class RoleMatrixIT {

	/** Each demo user and the one group they are in. */
	static final Map<String, String> USERS = Map.of("staff", "guild-staff", "secretary", "board-secretary", "committee",
			"negotiating-committee", "officer", "election-officer", "auditor", "auditor", "modeler", "rules-modeler",
			"admin", "camunda-admin");

	static final Set<String> ANYONE_SIGNED_IN = Set.of("*");

	static final Set<String> PUBLIC = Set.of("public");

	static final Set<String> MODELERS_AND_AUDITORS = Set.of("rules-modeler", "auditor");

	@Autowired
	TestRestTemplate http;

	@Autowired
	AuditTrail trail;

	@Test
	void everyEndpointForEveryGroupAndForNobody() throws Exception {
		String caseId = startCase();
		String boardStep = boardStep(caseId);
		String closedCase = this.trail.cases(new AuditCaseQuery("SETTLED", null, null, null, null, 1)).get(0).caseId();
		List<Row> table = List.of(
				// pages
				page("/", ANYONE_SIGNED_IN), page("/cases/new", Set.of("guild-staff")),
				page("/cases/" + caseId, ANYONE_SIGNED_IN), page("/tasks/" + boardStep, ANYONE_SIGNED_IN),
				page("/audit", ANYONE_SIGNED_IN), page("/audit/cases/" + caseId, ANYONE_SIGNED_IN),
				page("/rules", ANYONE_SIGNED_IN), page("/rules/new", Set.of("rules-modeler")),
				page("/rules/sag-2008/versions/1", ANYONE_SIGNED_IN),
				// what-if replay and sweeps: rules modelers and auditors, read only
				page("/rules/sweep", MODELERS_AND_AUDITORS),
				page("/rules/sweep?a=sag-2008:1&b=two-thirds:1&eligible=1000&steps=10", MODELERS_AND_AUDITORS),
				page("/rules/what-if?case=" + closedCase + "&ruleSet=two-thirds:1", MODELERS_AND_AUDITORS),
				new Row("GET", "/rules/sweep/progress?job=no-such-job", null, "text/html", MODELERS_AND_AUDITORS, 404),
				api("GET", "/api/cases/" + closedCase + "/what-if?ruleSet=two-thirds:1", null, MODELERS_AND_AUDITORS,
						200),
				api("GET", "/api/rule-sets/sweep?a=sag-2008:1&b=two-thirds:1&eligible=1000&steps=10", null,
						MODELERS_AND_AUDITORS, 200),
				new Row("GET", "/api/rule-sets/sweep.csv?a=sag-2008:1&b=two-thirds:1&eligible=1000&steps=10", null,
						"text/csv, application/problem+json", MODELERS_AND_AUDITORS, 200),
				page("/rules/variants", Set.of("rules-modeler", "auditor")),
				api("GET", "/v3/api-docs", null, ANYONE_SIGNED_IN, 200),
				new Row("GET", "/login", null, "text/html", PUBLIC, 200),
				// the JSON API: reading
				api("GET", "/api/cases", null, ANYONE_SIGNED_IN, 200),
				api("GET", "/api/cases/" + caseId, null, ANYONE_SIGNED_IN, 200),
				api("GET", "/api/tasks?caseId=" + caseId, null, ANYONE_SIGNED_IN, 200),
				api("GET", "/api/rule-sets", null, ANYONE_SIGNED_IN, 200),
				api("GET", "/api/cases/" + caseId + "/history", null, ANYONE_SIGNED_IN, 200),
				api("GET", "/api/audit/verify", null, Set.of("auditor", "camunda-admin"), 200),
				api("GET", "/api/variants", null, Set.of("rules-modeler", "auditor"), 200),
				api("GET", "/api/variants/no-such-variant", null, Set.of("rules-modeler", "auditor"), 404),
				api("POST", "/api/rule-sets/sag-2008/evaluate",
						"{\"decision\":\"member-vote\",\"yes\":4,\"no\":1,\"abstain\":0,\"spoiled\":0,\"eligible\":9}",
						ANYONE_SIGNED_IN, 200),
				// the JSON API: acting (invalid input: an allowed caller gets 400 or 404)
				api("POST", "/api/cases", "{}", Set.of("guild-staff"), 400),
				api("POST", "/api/cases/" + caseId + "/withdraw", "{\"reason\":\" \"}", Set.of("guild-staff"), 400),
				api("POST", "/api/tasks/" + boardStep + "/complete", "{\"votesFor\":\"many\"}",
						Set.of("board-secretary"), 400),
				api("POST", "/api/rule-sets", "{}", Set.of("rules-modeler"), 400),
				api("POST", "/api/variants", "{}", Set.of("rules-modeler"), 400),
				api("POST", "/api/variants/no-such-variant/simulations", "{}", Set.of("rules-modeler"), 404),
				new Row("POST", "/api/cases/" + caseId + "/roll", "memberId,name\n", "application/json",
						Set.of("election-officer"), 400),
				new Row("GET", "/api/votes/no-such-vote/credentials.csv", null, "text/csv, application/problem+json",
						Set.of("election-officer"), 404),
				// members: a ballot and a receipt check need no account (their own
				// filter chain); an unknown vote is a 404 for everyone
				api("POST", "/api/votes/no-such-vote/ballots",
						"{\"credential\":\"ABCD-EFGH-JKLM-NPQR-STUV\",\"choice\":\"YES\"}", PUBLIC, 404),
				api("GET", "/api/votes/no-such-vote/receipts/ABCD-EFGH-JKLM-NPQR", null, PUBLIC, 404),
				// the vote itself (turnout, roll hash) is for signed-in staff
				api("GET", "/api/votes/no-such-vote", null, ANYONE_SIGNED_IN, 404),
				// Camunda's REST API and the actuator
				api("GET", "/engine-rest/engine", null, Set.of("camunda-admin"), 200),
				api("GET", "/actuator/health", null, PUBLIC, 200),
				new Row("GET", "/actuator/prometheus", null, "text/plain", Set.of("camunda-admin"), 200));

		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		List<String> mismatches = new ArrayList<>();
		int cells = 0;
		for (Row row : table) {
			for (String user : users()) {
				HttpResponse<String> response = client.send(row.request(this.http.getRootUri(), user),
						HttpResponse.BodyHandlers.ofString());
				cells++;
				String expected = row.expectedFor(user);
				String actual = row.describe(response);
				if (!expected.equals(actual)) {
					mismatches.add(row.method() + " " + row.path() + " as " + user + ": expected " + expected + ", got "
							+ actual);
				}
			}
		}
		assertThat(mismatches).as("cells of %d that did not answer as the table says", cells).isEmpty();
		assertThat(boardStep(caseId)).as("the matrix changed nothing").isEqualTo(boardStep);
	}

	private static List<String> users() {
		List<String> users = new ArrayList<>(USERS.keySet());
		users.sort(null);
		users.add(0, "anonymous");
		return users;
	}

	private static Row page(String path, Set<String> allowed) {
		return new Row("GET", path, null, "text/html", allowed, 200);
	}

	private static Row api(String method, String path, String body, Set<String> allowed, int allowedStatus) {
		return new Row(method, path, body, "application/json", allowed, allowedStatus);
	}

	private String startCase() {
		ResponseEntity<JsonNode> created = this.http.withBasicAuth("staff", "demo")
			.postForEntity("/api/cases", Map.of("title", "Role matrix case", "ruleSet", "sag-2008"), JsonNode.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return created.getBody().path("id").asText();
	}

	private String boardStep(String caseId) {
		JsonNode tasks = this.http.withBasicAuth("auditor", "demo")
			.getForEntity("/api/tasks?caseId=" + caseId, JsonNode.class)
			.getBody();
		return tasks.findParents("stepKey")
			.stream()
			.filter((task) -> "Task_RecordBoardResolution".equals(task.path("stepKey").asText()))
			.map((task) -> task.path("id").asText())
			.findFirst()
			.orElseThrow();
	}

	/**
	 * One endpoint of the table.
	 *
	 * @param allowed the groups allowed, {@link #ANYONE_SIGNED_IN} or {@link #PUBLIC}
	 * @param allowedStatus what an allowed caller gets
	 */
	record Row(String method, String path, String body, String accept, Set<String> allowed, int allowedStatus) {

		boolean isPage() {
			return "text/html".equals(this.accept);
		}

		String expectedFor(String user) {
			if (this.allowed == PUBLIC) {
				return String.valueOf(this.allowedStatus);
			}
			if ("anonymous".equals(user)) {
				return isPage() ? "302 /login" : "401";
			}
			boolean allowedHere = this.allowed == ANYONE_SIGNED_IN || this.allowed.contains(USERS.get(user));
			return allowedHere ? String.valueOf(this.allowedStatus) : "403";
		}

		String describe(HttpResponse<String> response) {
			if (response.statusCode() == 302) {
				String location = response.headers().firstValue("Location").orElse("");
				return "302 " + (location.endsWith("/login") ? "/login" : location);
			}
			return String.valueOf(response.statusCode());
		}

		HttpRequest request(String root, String user) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + this.path))
				.header("Accept", this.accept);
			if (!"anonymous".equals(user)) {
				request.header("Authorization", "Basic "
						+ Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
			}
			if ("POST".equals(this.method)) {
				String contentType = this.path.endsWith("/roll") ? "text/csv" : "application/json";
				request.header("Content-Type", contentType)
					.POST(HttpRequest.BodyPublishers.ofString((this.body != null) ? this.body : ""));
			}
			return request.build();
		}

	}

}
