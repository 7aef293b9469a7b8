package org.guildhall.web.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.identity.IdentityDirectory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Records sign-ins, refused sign-ins and sign-outs in the audit trail.
 * <p>
 * {@code LOGIN} is an interactive sign-in (the sign-in form), not every request an API
 * client authenticates with HTTP Basic. {@code LOGIN_FAILED} is any refused
 * authentication, form or Basic: the user name tried, how, and from where; never the
 * password. A user name that is not a user's is recorded as {@value #NOT_A_USER}: people
 * type passwords into the user-name field, and the trail cannot be edited afterwards. The
 * events come from Spring Security: the authentication managers publish failures through
 * Spring Boot's {@code DefaultAuthenticationEventPublisher}, the form login filter
 * publishes {@link InteractiveAuthenticationSuccessEvent} and the logout filter
 * {@link LogoutSuccessEvent}. Camunda's webapps check their administrators' passwords
 * themselves; {@link CamundaWebappLoginFilter} publishes the same events for those
 * sign-ins (method {@code camunda-cockpit}, ...). Signing out of a webapp is not
 * recorded.
 */
@Component
class AuthenticationAuditListener {

	/** The actor of a refused sign-in: nobody was authenticated. */
	static final String ANONYMOUS = "anonymous";

	/** What a refused sign-in records instead of a name that is no user's. */
	static final String NOT_A_USER = "(not a user)";

	/** Longer user names are cut: whatever is typed there lands in the trail. */
	private static final int MAX_USERNAME = 100;

	private final AuditTrail trail;

	private final IdentityDirectory directory;

	AuthenticationAuditListener(AuditTrail trail, IdentityDirectory directory) {
		this.trail = trail;
		this.directory = directory;
	}

	@EventListener
	void signedIn(InteractiveAuthenticationSuccessEvent event) {
		Authentication user = event.getAuthentication();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("method", method(user));
		data.put("remoteAddress", remoteAddress(user));
		data.put("groups", user.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
		this.trail.record(AuditKind.LOGIN, null, user.getName(), user.getName(), data);
	}

	@EventListener
	void refused(AbstractAuthenticationFailureEvent event) {
		Authentication attempt = event.getAuthentication();
		boolean knownUser = this.directory.exists(attempt.getName());
		String username = knownUser ? truncate(attempt.getName()) : NOT_A_USER;
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("username", username);
		data.put("knownUser", knownUser);
		data.put("method", method(attempt));
		data.put("remoteAddress", remoteAddress(attempt));
		data.put("reason", event.getException().getMessage());
		this.trail.record(AuditKind.LOGIN_FAILED, null, ANONYMOUS, username, data);
	}

	@EventListener
	void signedOut(LogoutSuccessEvent event) {
		Authentication user = event.getAuthentication();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("remoteAddress", remoteAddress(user));
		data.put("method", method(user));
		this.trail.record(AuditKind.LOGOUT, null, user.getName(), user.getName(), data);
	}

	/**
	 * How the credentials came: {@code form} or {@code basic} (see
	 * {@link SignInDetails}).
	 */
	private static String method(Authentication authentication) {
		return (authentication != null && authentication.getDetails() instanceof SignInDetails details)
				? details.getMethod() : "unknown";
	}

	private static String remoteAddress(Authentication authentication) {
		return (authentication != null && authentication.getDetails() instanceof WebAuthenticationDetails details)
				? details.getRemoteAddress() : null;
	}

	/**
	 * The details Spring Security keeps of a request that carries credentials, and how it
	 * carried them: the form and HTTP Basic filters are given a source of these
	 * ({@link #source(String)}) in {@link SecurityConfiguration}. (Spring's request
	 * context is not bound yet while the security filters run.)
	 */
	static final class SignInDetails extends WebAuthenticationDetails {

		private static final long serialVersionUID = 1L;

		private final String method;

		SignInDetails(HttpServletRequest request, String method) {
			super(request);
			this.method = method;
		}

		String getMethod() {
			return this.method;
		}

		/**
		 * A source of details for the filter that reads credentials by {@code method}.
		 */
		static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> source(String method) {
			return (request) -> new SignInDetails(request, method);
		}

	}

	private static String truncate(String username) {
		if (username == null) {
			return "";
		}
		return (username.length() <= MAX_USERNAME) ? username : username.substring(0, MAX_USERNAME) + "…";
	}

}
