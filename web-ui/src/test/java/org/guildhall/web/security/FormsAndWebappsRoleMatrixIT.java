package org.guildhall.web.security;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest of the role matrix, as one table: the pages' forms (POST with the CSRF token
 * of a signed-in browser session) and Camunda's webapps under {@code /camunda}, for every
 * demo user and for nobody. {@link RoleMatrixIT} covers reading pages, the API, engine
 * REST and the actuator.
 * <ul>
 * <li>A form row names the groups allowed and what an allowed user gets for invalid input
 * (a validation message or a redirect back with one, so the matrix changes nothing);
 * everyone else signed in gets 403, nobody (a session and token from the sign-in page) is
 * sent to sign in.</li>
 * <li>A webapp row signs in to Cockpit, Tasklist, Admin or the welcome page the way their
 * login screen does and then calls the webapp's REST API: only camunda-admin users may
 * sign in (the others get 403 from {@code CamundaWebappLoginFilter}) and without a webapp
 * session the API answers 401.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-api-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class FormsAndWebappsRoleMatrixIT {

	static final Set<String> ANYONE_SIGNED_IN = RoleMatrixIT.ANYONE_SIGNED_IN;

	static final Set<String> ADMIN = Set.of("camunda-admin");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final Map<String, Session> sessions = new HashMap<>();

	@Test
	void everyFormAndWebappForEveryGroupAndForNobody() throws Exception {
		String caseId = startCase("Form matrix case");
		String board = boardStep(caseId);
		String ended = startCase("Form matrix ended case");
		api("staff", "/api/cases/" + ended + "/withdraw", "{\"reason\":\"ended for the matrix\"}");

		List<Row> table = List.of(
				// Guildhall's forms, with invalid input
				form("/cases/new", Map.of("title", "", "ruleSet", "sag-2008"), Set.of("guild-staff"), "200"),
				form("/cases/" + caseId + "/withdraw", Map.of("reason", ""), Set.of("guild-staff"),
						"302 /cases/" + caseId),
				form("/cases/" + ended + "/agreement", Map.of(), Set.of("guild-staff"), "302 /cases/" + ended),
				form("/tasks/" + board + "/complete",
						Map.of("resolution", "CALL_AUTHORIZATION_VOTE", "votesFor", "many"), Set.of("board-secretary"),
						"422"),
				form("/rules/new", Map.of("key", ""), Set.of("rules-modeler"), "422"),
				upload("/rules/upload", "file", "empty.dmn", "", Map.of("key", "form-matrix"), Set.of("rules-modeler"),
						"422"),
				form("/rules/sag-2008/versions/1/approve", Map.of(), Set.of("rules-modeler"),
						"302 /rules/sag-2008/versions/1"),
				form("/rules/sag-2008/evaluate", Map.of("decision", "member-vote", "yes", "-1"), ANYONE_SIGNED_IN,
						"200"),
				upload("/cases/" + caseId + "/roll", "roll", "roll.csv", "memberId,name\n", Map.of(),
						Set.of("election-officer"), "422"),
				// Camunda's webapps: signing in, then their REST API
				webapp("cockpit", "/camunda/api/engine/engine/default/process-definition/count"),
				webapp("tasklist", "/camunda/api/engine/engine/default/task/count"),
				webapp("admin", "/camunda/api/engine/engine/default/user/count"),
				webapp("welcome", "/camunda/api/engine/engine/default/group/count"));

		List<String> mismatches = new ArrayList<>();
		int cells = 0;
		for (Row row : table) {
			for (String user : users()) {
				String expected = row.expectedFor(user);
				String actual = row.webapp() ? webappOutcome(row, user) : formOutcome(row, user);
				cells++;
				if (!expected.equals(actual)) {
					mismatches.add(row.path() + " as " + user + ": expected " + expected + ", got " + actual);
				}
			}
		}
		assertThat(mismatches).as("cells of %d that did not answer as the table says", cells).isEmpty();
		assertThat(boardStep(caseId)).as("the matrix changed nothing").isEqualTo(board);
		assertThat(api("auditor", "/api/cases/" + caseId, null).path("status").asText()).isEqualTo("ACTIVE");
	}

	@Test
	void camundasWebappsAndEngineRestCarryTheSecurityHeadersToo() throws Exception {
		for (String path : List.of("/camunda/app/cockpit/default/", "/camunda/app/welcome/default/",
				"/engine-rest/engine")) {
			HttpResponse<String> response = this.client.send(
					HostileInputIT.authorized(HttpRequest.newBuilder(uri(path)), "admin").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(response.headers().firstValue("X-Frame-Options")).as(path)
				.hasValueSatisfying((frames) -> assertThat(frames).isIn("DENY", "SAMEORIGIN"));
		}
		HttpResponse<String> cockpit = this.client.send(
				HttpRequest.newBuilder(uri("/camunda/app/cockpit/default/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(cockpit.headers().firstValue("Content-Security-Policy")).as("Camunda's own policy")
			.hasValueSatisfying((policy) -> assertThat(policy).contains("script-src"));
	}

	private static List<String> users() {
		List<String> users = new ArrayList<>(RoleMatrixIT.USERS.keySet());
		users.sort(null);
		users.add(0, "anonymous");
		return users;
	}

	static Row form(String path, Map<String, String> fields, Set<String> allowed, String allowedOutcome) {
		return new Row(path, fields, null, null, null, allowed, allowedOutcome, false);
	}

	static Row upload(String path, String part, String fileName, String content, Map<String, String> fields,
			Set<String> allowed, String allowedOutcome) {
		return new Row(path, fields, part, fileName, content, allowed, allowedOutcome, false);
	}

	static Row webapp(String app, String apiPath) {
		return new Row(apiPath, Map.of("app", app), null, null, null, ADMIN, "login 200, api 200", true);
	}

	// --- Guildhall's forms

	private String formOutcome(Row row, String user) throws Exception {
		Session session = session(user);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(row.path()))
			.header("Cookie", "JSESSIONID=" + session.id())
			.header("X-CSRF-TOKEN", session.csrf())
			.header("Accept", "text/html");
		if (row.part() != null) {
			String boundary = "form-matrix-boundary";
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			row.fields()
				.forEach((name, value) -> body
					.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
							+ value + "\r\n")
						.getBytes(StandardCharsets.UTF_8)));
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + row.part()
					+ "\"; filename=\"" + row.fileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
					+ row.content() + "\r\n--" + boundary + "--\r\n")
				.getBytes(StandardCharsets.UTF_8));
			request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		}
		else {
			String encoded = row.fields()
				.entrySet()
				.stream()
				.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(encoded));
		}
		HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 302) {
			String location = URI.create(response.headers().firstValue("Location").orElse("")).getPath();
			return "302 " + location;
		}
		return String.valueOf(response.statusCode());
	}

	/**
	 * A browser session: signed in through the sign-in form (or not, for
	 * {@code anonymous}), with a CSRF token from a page.
	 */
	private Session session(String user) throws Exception {
		Session known = this.sessions.get(user);
		if (known != null) {
			return known;
		}
		HttpResponse<String> login = this.client.send(HttpRequest.newBuilder(uri("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		String id = sessionId(login, null);
		String csrf = csrf(login.body());
		if (!"anonymous".equals(user)) {
			HttpResponse<String> signedIn = this.client.send(HttpRequest.newBuilder(uri("/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Cookie", "JSESSIONID=" + id)
				.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf=" + csrf))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(signedIn.statusCode()).as("sign-in of " + user).isEqualTo(302);
			id = sessionId(signedIn, id);
			HttpResponse<String> home = this.client.send(
					HttpRequest.newBuilder(uri("/")).header("Cookie", "JSESSIONID=" + id).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(home.statusCode()).as("home of " + user).isEqualTo(200);
			csrf = csrf(home.body());
		}
		Session session = new Session(id, csrf);
		this.sessions.put(user, session);
		return session;
	}

	private static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
		return matcher.group(1);
	}

	private static String sessionId(HttpResponse<?> response, String otherwise) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.map((cookie) -> cookie.substring("JSESSIONID=".length(), cookie.indexOf(';')))
			.findFirst()
			.orElse(otherwise);
	}

	// --- Camunda's webapps

	private String webappOutcome(Row row, String user) throws Exception {
		String app = row.fields().get("app");
		HttpResponse<String> page = this.client
			.send(HttpRequest.newBuilder(uri("/camunda/app/" + (app.equals("welcome") ? "welcome" : app) + "/default/"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).as("the " + app + " page itself is public").isEqualTo(200);
		Map<String, String> cookies = cookies(page, new LinkedHashMap<>());
		String form = "anonymous".equals(user) ? "" : "username=" + user + "&password=demo";
		HttpResponse<String> login = this.client
			.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
				.header("Cookie", cookieHeader(cookies))
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		cookies(login, cookies);
		HttpResponse<String> api = this.client.send(HttpRequest.newBuilder(uri(row.path()))
			.header("Accept", "application/json")
			.header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
			.header("Cookie", cookieHeader(cookies))
			.build(), HttpResponse.BodyHandlers.ofString());
		return "login " + login.statusCode() + ", api " + api.statusCode();
	}

	private static Map<String, String> cookies(HttpResponse<?> response, Map<String, String> cookies) {
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			String pair = cookie.substring(0, (cookie.indexOf(';') >= 0) ? cookie.indexOf(';') : cookie.length());
			int equals = pair.indexOf('=');
			cookies.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return cookies;
	}

	private static String cookieHeader(Map<String, String> cookies) {
		return cookies.entrySet()
			.stream()
			.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
	}

	// --- set-up through the API

	private String startCase(String title) throws Exception {
		return api("staff", "/api/cases", "{\"title\":\"" + title + "\",\"ruleSet\":\"sag-2008\"}").path("id").asText();
	}

	private String boardStep(String caseId) throws Exception {
		return api("auditor", "/api/tasks?caseId=" + caseId, null).findParents("stepKey")
			.stream()
			.filter((task) -> "Task_RecordBoardResolution".equals(task.path("stepKey").asText()))
			.map((task) -> task.path("id").asText())
			.findFirst()
			.orElseThrow();
	}

	private JsonNode api(String user, String path, String body) throws Exception {
		HttpRequest.Builder request = HostileInputIT.authorized(HttpRequest.newBuilder(uri(path)), user);
		if (body != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
		}
		HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 201);
		return JSON.readTree(response.body());
	}

	private URI uri(String path) {
		return URI.create(this.http.getRootUri() + path);
	}

	record Session(String id, String csrf) {
	}

	/**
	 * One row: a form (fields, or a file {@code part} with its content) or a webapp.
	 *
	 * @param allowed the groups allowed, or {@link #ANYONE_SIGNED_IN}
	 * @param allowedOutcome what an allowed user gets
	 */
	record Row(String path, Map<String, String> fields, String part, String fileName, String content,
			Set<String> allowed, String allowedOutcome, boolean webapp) {

		String expectedFor(String user) {
			boolean allowedHere = !"anonymous".equals(user)
					&& (this.allowed == ANYONE_SIGNED_IN || this.allowed.contains(RoleMatrixIT.USERS.get(user)));
			if (allowedHere) {
				return this.allowedOutcome;
			}
			if (this.webapp) {
				return "login 403, api 401";
			}
			return "anonymous".equals(user) ? "302 /login" : "403";
		}

	}

}
