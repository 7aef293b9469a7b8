package org.guildhall.web.security;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-ins, refused sign-ins and sign-outs land in the audit trail, over real HTTP: a
 * form sign-in as {@code LOGIN}, a refused one (form or HTTP Basic) as
 * {@code LOGIN_FAILED} without the password, a sign-out as {@code LOGOUT}; an API
 * client's HTTP Basic requests are no sign-ins. Same properties and profile as the API
 * integration tests, so it shares their application context. Refused sign-ins use made-up
 * users: Camunda would throttle a demo user after a wrong password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-api-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class LoginAuditIT {

	@LocalServerPort
	int port;

	@Autowired
	AuditTrail trail;

	@Test
	void aFormSignInAndTheSignOutAreRecordedWithTheUser() throws Exception {
		long before = this.trail.head().lastSeq();
		Browser browser = new Browser();
		HttpResponse<String> signedIn = browser.signIn("auditor", "demo");
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue(HttpHeaders.LOCATION))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));

		List<AuditEvent> logins = since(before, AuditKind.LOGIN);
		assertThat(logins).hasSize(1);
		AuditEvent login = logins.get(0);
		assertThat(login.actor()).isEqualTo("auditor");
		assertThat(login.subject()).isEqualTo("auditor");
		assertThat(login.caseId()).isNull();
		assertThat(login.details()).containsEntry("method", "form")
			.containsEntry("groups", List.of("auditor"))
			.containsKey("remoteAddress");
		assertThat((String) login.details().get("remoteAddress")).isNotBlank();

		// the session's later requests are no new sign-ins
		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(since(before, AuditKind.LOGIN)).hasSize(1);
		assertThat(since(before, AuditKind.LOGOUT)).isEmpty();

		HttpResponse<String> signedOut = browser.post("/logout", Map.of("_csrf", csrf(home)));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(signedOut.headers().firstValue(HttpHeaders.LOCATION))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?logout"));
		List<AuditEvent> logouts = since(before, AuditKind.LOGOUT);
		assertThat(logouts).hasSize(1);
		assertThat(logouts.get(0).actor()).isEqualTo("auditor");
		assertThat(logouts.get(0).seq()).isGreaterThan(login.seq());
		assertThat(logouts.get(0).details()).containsEntry("method", "form");
		assertThat(since(before, AuditKind.LOGIN_FAILED)).isEmpty();
	}

	@Test
	void aRefusedSignInIsRecordedWithoutThePassword() throws Exception {
		long before = this.trail.head().lastSeq();
		String user = "nobody-" + System.nanoTime();
		String password = "not-a-password-" + System.nanoTime();
		HttpResponse<String> refused = new Browser().signIn(user, password);
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue(HttpHeaders.LOCATION))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?error"));

		String basicUser = "nobody-else-" + System.nanoTime();
		String basicPassword = "not-a-password-either-" + System.nanoTime();
		HttpResponse<String> basic = basic(basicUser, basicPassword, "/api/cases");
		assertThat(basic.statusCode()).isEqualTo(401);

		List<AuditEvent> failures = since(before, AuditKind.LOGIN_FAILED);
		// names that are no user's may be passwords typed in the wrong field: not
		// recorded
		assertThat(failures).extracting(AuditEvent::subject).containsExactly("(not a user)", "(not a user)");
		assertThat(failures).extracting(AuditEvent::actor).containsOnly("anonymous");
		assertThat(failures.get(0).details()).containsEntry("knownUser", false).containsEntry("method", "form");
		assertThat(failures.get(1).details()).containsEntry("knownUser", false).containsEntry("method", "basic");
		assertThat(failures).allSatisfy((event) -> {
			assertThat((String) event.details().get("remoteAddress")).isNotBlank();
			assertThat(event.toExport().toString()).doesNotContain(password)
				.doesNotContain(basicPassword)
				.doesNotContain(user)
				.doesNotContain(basicUser);
		});
		assertThat(since(before, AuditKind.LOGIN)).isEmpty();
	}

	@Test
	void anApiClientsBasicRequestsAreNoSignIns() throws Exception {
		long before = this.trail.head().lastSeq();
		for (int i = 0; i < 2; i++) {
			assertThat(basic("staff", "demo", "/api/cases").statusCode()).isEqualTo(200);
		}
		assertThat(since(before, AuditKind.LOGIN)).isEmpty();
		assertThat(since(before, AuditKind.LOGIN_FAILED)).isEmpty();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void signInsToCamundasWebappsAreRecordedToo(CapturedOutput log) throws Exception {
		long before = this.trail.head().lastSeq();
		// a camunda-admin into Cockpit: Camunda checks the password, the trail records it
		Browser admin = new Browser();
		HttpResponse<String> cockpit = admin.camundaSignIn("cockpit", "admin", "demo");
		assertThat(cockpit.statusCode()).as(cockpit.body()).isEqualTo(200);
		// the sign-in's form body reached Camunda's resource unread by the audit filter
		assertThat(log.getAll()).doesNotContain("the request body has been consumed");
		// an auditor into Tasklist: refused before any password is checked, recorded
		HttpResponse<String> tasklist = new Browser().camundaSignIn("tasklist", "auditor",
				"not-checked-" + System.nanoTime());
		assertThat(tasklist.statusCode()).isEqualTo(403);

		List<AuditEvent> logins = since(before, AuditKind.LOGIN);
		assertThat(logins).hasSize(1);
		assertThat(logins.get(0).actor()).isEqualTo("admin");
		assertThat(logins.get(0).details()).containsEntry("method", "camunda-cockpit")
			.containsEntry("groups", List.of("camunda-admin"));
		assertThat((String) logins.get(0).details().get("remoteAddress")).isNotBlank();
		List<AuditEvent> refused = since(before, AuditKind.LOGIN_FAILED);
		assertThat(refused).hasSize(1);
		assertThat(refused.get(0).subject()).isEqualTo("auditor");
		assertThat(refused.get(0).details()).containsEntry("method", "camunda-tasklist")
			.containsEntry("knownUser", true);
		assertThat((String) refused.get(0).details().get("reason")).contains("not a camunda-admin user");

		// signing out of the webapps: recorded for the user their session held; a
		// sign-out without one records nothing
		assertThat(since(before, AuditKind.LOGOUT)).isEmpty();
		assertThat(new Browser().camundaSignOut().statusCode()).isLessThan(300);
		assertThat(since(before, AuditKind.LOGOUT)).isEmpty();
		HttpResponse<String> signedOut = admin.camundaSignOut();
		assertThat(signedOut.statusCode()).as(signedOut.body()).isLessThan(300);
		List<AuditEvent> logouts = since(before, AuditKind.LOGOUT);
		assertThat(logouts).singleElement().satisfies((logout) -> {
			assertThat(logout.actor()).isEqualTo("admin");
			assertThat(logout.details()).containsEntry("method", "camunda-webapp");
			assertThat((String) logout.details().get("remoteAddress")).isNotBlank();
		});
	}

	/** The events of {@code kind} after row {@code seq}, oldest first. */
	private List<AuditEvent> since(long seq, AuditKind kind) {
		return this.trail.latest(kind, 100)
			.stream()
			.filter((event) -> event.seq() > seq)
			.sorted((a, b) -> Long.compare(a.seq(), b.seq()))
			.toList();
	}

	private HttpResponse<String> basic(String user, String password, String path)
			throws IOException, InterruptedException {
		return new Browser().basic(user, password, path);
	}

	private static String csrf(HttpResponse<String> page) {
		return Browser.csrf(page);
	}

	private final class Browser extends TestBrowser {

		Browser() {
			super(LoginAuditIT.this.port);
		}

	}

}
