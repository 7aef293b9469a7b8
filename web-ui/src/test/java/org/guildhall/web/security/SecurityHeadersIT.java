package org.guildhall.web.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages and API answer with the security headers (Content-Security-Policy, frame options,
 * content type options, referrer policy), and signing in gives the browser a new session
 * id (no session fixation).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-api-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class SecurityHeadersIT {

	@Autowired
	TestRestTemplate http;

	@LocalServerPort
	int port;

	@Test
	void pagesAndApiCarryTheSecurityHeaders() {
		for (String path : List.of("/login", "/api/cases")) {
			ResponseEntity<String> response = this.http.withBasicAuth("auditor", "demo")
				.getForEntity(path, String.class);
			assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
			HttpHeaders headers = response.getHeaders();
			assertThat(headers.getFirst("Content-Security-Policy")).as(path)
				.contains("default-src 'self'")
				.contains("script-src 'self';")
				.contains("object-src 'none'")
				.contains("frame-ancestors 'self'");
			assertThat(headers.getFirst("X-Frame-Options")).as(path).isEqualTo("DENY");
			assertThat(headers.getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
			assertThat(headers.getFirst("Referrer-Policy")).as(path).isEqualTo("same-origin");
			assertThat(headers.getCacheControl()).as(path).contains("no-store");
		}
	}

	@Test
	void membersBallotsCarryTheHeadersAndOpenNoSession() {
		// the ballot and receipt paths have a filter chain of their own (no sign-in, no
		// session): the same headers as the rest of the API, and no session cookie
		HttpHeaders json = new HttpHeaders();
		json.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> ballot = this.http.postForEntity("/api/votes/no-such-vote/ballots",
				new HttpEntity<>("{\"credential\":\"ABCD-EFGH-JKLM-NPQR-STUV\",\"choice\":\"YES\"}", json),
				String.class);
		ResponseEntity<String> receipt = this.http.getForEntity("/api/votes/no-such-vote/receipts/ABCD-EFGH-JKLM-NPQR",
				String.class);
		for (ResponseEntity<String> response : List.of(ballot, receipt)) {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(response.getBody()).contains("no-such-vote");
			HttpHeaders headers = response.getHeaders();
			assertThat(headers.getFirst("Content-Security-Policy")).contains("default-src 'self'");
			assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
			assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("same-origin");
			assertThat(headers.get(HttpHeaders.SET_COOKIE)).as("no session for a member's ballot").isNull();
		}
	}

	@Test
	void signingInChangesTheSessionId() throws Exception {
		HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		String base = "http://localhost:" + this.port;
		// a session (and its CSRF token) before signing in
		HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		String before = sessionId(loginPage.headers().allValues("Set-Cookie"));
		assertThat(before).isNotNull();

		HttpResponse<String> signedIn = signInAsAuditor(browser, before, csrf(loginPage));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(URI.create(location)).hasPath("/"));
		String after = sessionId(signedIn.headers().allValues("Set-Cookie"));
		assertThat(after).as("a new session id after signing in").isNotNull().isNotEqualTo(before);
	}

	@Test
	void aRefusedMachineCallOpensNoSessionWhileAPageRemembersWhereItWasGoing() throws Exception {
		HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		String base = "http://localhost:" + this.port;
		// the API and the actuator answer an anonymous call with a Basic challenge; there
		// is nothing to come back to after a sign-in, so no session is opened for it
		for (String path : List.of("/api/cases", "/api/tasks", "/actuator/info")) {
			HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).as(path).isEqualTo(401);
			assertThat(sessionId(refused.headers().allValues("Set-Cookie"))).as("no session for " + path).isNull();
		}
		// a page sends the browser to the sign-in and takes it back afterwards
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/audit"))
			.header("Accept", "text/html,application/xhtml+xml")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		String session = sessionId(page.headers().allValues("Set-Cookie"));
		assertThat(session).as("the page asked for is remembered in a session").isNotNull();
		HttpResponse<String> loginPage = browser.send(
				HttpRequest.newBuilder(URI.create(base + "/login")).header("Cookie", "JSESSIONID=" + session).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> signedIn = signInAsAuditor(browser, session, csrf(loginPage));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(URI.create(location)).hasPath("/audit"));
	}

	/** Posts the sign-in form as {@code auditor} in session {@code session}. */
	private HttpResponse<String> signInAsAuditor(HttpClient browser, String session, String csrf) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "JSESSIONID=" + session)
			.POST(HttpRequest.BodyPublishers.ofString("username=auditor&password=demo&_csrf=" + csrf))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The CSRF token of the sign-in form on {@code page}. */
	private static String csrf(HttpResponse<String> page) {
		String csrf = page.body().replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
		assertThat(csrf).doesNotContain("<");
		return csrf;
	}

	private static String sessionId(List<String> cookies) {
		return cookies.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.map((cookie) -> cookie.substring("JSESSIONID=".length(), cookie.indexOf(';')))
			.findFirst()
			.orElse(null);
	}

}
