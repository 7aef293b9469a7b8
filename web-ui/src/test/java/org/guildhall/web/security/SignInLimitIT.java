package org.guildhall.web.security;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused sign-ins are limited per client address, whichever way they come: after three
 * (this test's limit) from one address, by the form, HTTP Basic and a Camunda webapp,
 * that address's sign-ins are held back unchecked everywhere — even with the right
 * password — while requests without credentials and members' ballots pass. The limiter is
 * per application, so this test has an application context (and database) of its own:
 * every test request comes from 127.0.0.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:guildhall-sign-in-limit-it;DB_CLOSE_DELAY=-1",
				"guildhall.security.sign-in-failures-per-address=3", "guildhall.security.sign-in-window=10m" })
@ActiveProfiles("demo")
class SignInLimitIT {

	@LocalServerPort
	int port;

	@Autowired
	AuditTrail trail;

	@Autowired
	MeterRegistry registry;

	@Test
	void anAddressWithTooManyRefusedSignInsIsHeldBackEverywhere() throws Exception {
		TestBrowser browser = new TestBrowser(this.port);
		assertThat(browser.basic("auditor", "demo", "/api/cases").statusCode()).isEqualTo(200);
		long before = this.trail.head().lastSeq();

		// three refusals, three ways (made-up users: Camunda would lock a real one)
		HttpResponse<String> form = new TestBrowser(this.port).signIn("nobody-" + System.nanoTime(), "not-it");
		assertThat(form.headers().firstValue(HttpHeaders.LOCATION))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));
		assertThat(browser.basic("nobody-" + System.nanoTime(), "not-it", "/api/cases").statusCode()).isEqualTo(401);
		assertThat(new TestBrowser(this.port).camundaSignIn("tasklist", "auditor", "not-checked").statusCode())
			.isEqualTo(403);
		assertThat(since(before, AuditKind.LOGIN_FAILED)).hasSize(3);

		// now even the right password is held back, unchecked and unrecorded
		HttpResponse<String> api = browser.basic("auditor", "demo", "/api/cases");
		assertThat(api.statusCode()).isEqualTo(429);
		assertThat(api.headers().firstValue(HttpHeaders.RETRY_AFTER))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 600L));
		JsonNode problem = new ObjectMapper().readTree(api.body());
		assertThat(problem.path("status").asInt()).isEqualTo(429);
		assertThat(problem.path("detail").asText()).startsWith("too many refused sign-ins from this address");
		assertThat(api.headers().firstValue(HttpHeaders.CONTENT_TYPE))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		HttpResponse<String> signIn = new TestBrowser(this.port).signIn("auditor", "demo");
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue(HttpHeaders.LOCATION))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?throttled"));
		HttpResponse<String> page = new TestBrowser(this.port).get("/login?throttled");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Too many refused sign-ins from your");

		assertThat(new TestBrowser(this.port).camundaSignIn("cockpit", "admin", "demo").statusCode()).isEqualTo(429);
		assertThat(browser.basic("admin", "demo", "/engine-rest/engine").statusCode()).isEqualTo(429);
		assertThat(since(before, AuditKind.LOGIN_FAILED)).as("held back, not checked").hasSize(3);
		assertThat(since(before, AuditKind.LOGIN)).isEmpty();
		assertThat(this.registry.counter("guildhall.sign-ins.held-back").count()).as("held back, counted").isEqualTo(4);

		// what carries no credentials passes: the health check, a member's receipt check
		assertThat(browser.get("/actuator/health", "application/json").statusCode()).isEqualTo(200);
		assertThat(browser.get("/api/votes/no-such-vote/receipts/ABCD", "application/json").statusCode())
			.isEqualTo(404);
	}

	/** The events of {@code kind} after row {@code seq}. */
	private List<AuditEvent> since(long seq, AuditKind kind) {
		return this.trail.latest(kind, 100).stream().filter((event) -> event.seq() > seq).toList();
	}

}
