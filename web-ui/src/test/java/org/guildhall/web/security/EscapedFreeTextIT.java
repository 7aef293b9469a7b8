package org.guildhall.web.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Script in every free-text field a user can fill is stored as text and shown escaped: a
 * case's title, contract and employer, the board's minutes, a bargaining session's
 * summary, the committee's reasons, a ballot's question, a withdrawal's reason and a rule
 * set's name and citation carry {@code <script>alert(1)</script>} and
 * {@code "><img src=x onerror=alert(1)>}; every page that shows them must have them as
 * {@code &lt;script&gt;...} and never as markup. (Roll member names are shown on no
 * page.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-api-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class EscapedFreeTextIT {

	static final String SCRIPT = "<script>alert(1)</script>";

	static final String IMG = "\"><img src=x onerror=alert(1)>";

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void scriptInEveryFreeTextFieldIsShownEscapedOnEveryPage() throws Exception {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String field : List.of("TITLE", "CONTRACT", "EMPLOYER", "MINUTES", "SUMMARY", "REASONS", "QUESTION",
				"WITHDRAWAL", "RULESETNAME", "CITATION")) {
			fields.put(field, hostile(field));
		}
		String caseId = post("staff", "/api/cases", Map.of("title", fields.get("TITLE"), "contract",
				fields.get("CONTRACT"), "employer", fields.get("EMPLOYER"), "ruleSet", "sag-2008"))
			.path("id")
			.asText();
		post("secretary", "/api/tasks/" + step(caseId, "Task_RecordBoardResolution") + "/complete",
				Map.of("resolution", "SEEK_MEDIATION", "votesFor", 40, "votesAgainst", 10, "abstentions", 0,
						"membersPresent", 50, "seats", 71, "committeeMayCallVote", true, "meetingDate", "2008-10-19",
						"minutes", fields.get("MINUTES")));
		post("staff", "/api/tasks/" + step(caseId, "Task_RecordBargainingSession") + "/complete",
				Map.of("sessionDate", "2008-11-01", "summary", fields.get("SUMMARY"), "sessionOutcome", "IMPASSE"));
		post("committee", "/api/tasks/" + step(caseId, "Task_DetermineTalksFailed") + "/complete",
				Map.of("talksFailed", true, "votesFor", 8, "votesAgainst", 2, "abstentions", 0, "membersPresent", 10,
						"seats", 12, "meetingDate", "2008-11-10", "reasons", fields.get("REASONS")));
		post("officer", "/api/tasks/" + step(caseId, "Task_PrepareBallot") + "/complete",
				Map.of("question", fields.get("QUESTION"), "ballotMode", "CERTIFIED_TALLY", "windowStart", "2008-12-01",
						"windowEnd", "2008-12-31"));
		String certify = step(caseId, "Task_CertifyResults");

		String withdrawn = post("staff", "/api/cases", Map.of("title", "Withdrawn with script", "ruleSet", "sag-2008"))
			.path("id")
			.asText();
		post("staff", "/api/cases/" + withdrawn + "/withdraw", Map.of("reason", fields.get("WITHDRAWAL")));

		post("modeler", "/api/rule-sets",
				Map.of("key", "escaped-text", "name", fields.get("RULESETNAME"), "citation", fields.get("CITATION"),
						"memberVote", Map.of("threshold", "60%", "comparator", ">", "base", "VOTES_CAST")));

		List<String> pages = List.of("/", "/?status=WITHDRAWN", "/cases/" + caseId, "/tasks/" + certify,
				"/cases/" + withdrawn, "/audit", "/audit/cases/" + caseId, "/audit/cases/" + caseId + "/report",
				"/audit/cases/" + withdrawn, "/rules", "/rules/escaped-text/versions/1");
		List<String> failures = new ArrayList<>();
		Set<String> shown = new TreeSet<>();
		for (String page : pages) {
			HttpResponse<String> response = this.client
				.send(HostileInputIT.authorized(HttpRequest.newBuilder(uri(page)), "auditor")
					.header("Accept", "text/html")
					.build(), HttpResponse.BodyHandlers.ofString());
			String html = response.body();
			if (response.statusCode() != 200) {
				failures.add(page + " answered " + response.statusCode());
				continue;
			}
			if (html.contains("<script>alert") || html.contains("<img src=x")) {
				failures.add(page + " contains the script as markup");
			}
			fields.forEach((field, text) -> {
				if (html.contains(HtmlUtils.htmlEscape(text))) {
					shown.add(field);
				}
				else if (html.contains(field + " ")) {
					failures.add(page + " shows " + field + " but not escaped as a whole");
				}
			});
		}
		assertThat(failures).isEmpty();
		assertThat(shown).as("every field is shown, escaped, on some page")
			.isEqualTo(fields.keySet().stream().collect(TreeSet::new, Set::add, Set::addAll));
	}

	/** The field's name, the script tag and the attribute breakout. */
	static String hostile(String field) {
		return field + " " + SCRIPT + " " + IMG;
	}

	private String step(String caseId, String stepKey) throws Exception {
		JsonNode tasks = get("/api/tasks?caseId=" + caseId);
		return tasks.findParents("stepKey")
			.stream()
			.filter((task) -> stepKey.equals(task.path("stepKey").asText()))
			.map((task) -> task.path("id").asText())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no open " + stepKey + " in " + tasks));
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.client.send(
				HostileInputIT.authorized(HttpRequest.newBuilder(uri(path)), "auditor").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private JsonNode post(String user, String path, Object body) throws Exception {
		HttpResponse<String> response = this.client
			.send(HostileInputIT.authorized(HttpRequest.newBuilder(uri(path)), user)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 201);
		return JSON.readTree(response.body());
	}

	private URI uri(String path) {
		return URI.create(this.http.getRootUri() + path);
	}

}
