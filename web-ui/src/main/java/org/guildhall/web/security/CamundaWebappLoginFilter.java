package org.guildhall.web.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.guildhall.engine.identity.GuildGroup;
import org.guildhall.web.security.AuthenticationAuditListener.SignInDetails;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Only Camunda administrators may sign in to Cockpit, Tasklist and Admin. Camunda's
 * authorization checks are off in Guildhall (its own services decide who may act), so
 * without this gate any user — an auditor included — could change cases there. Staff and
 * auditors use Guildhall's pages.
 * <p>
 * The webapps check the password themselves; their sign-ins go into the audit trail like
 * Guildhall's own (through {@link AuthenticationAuditListener}, method
 * {@code camunda-cockpit}, {@code camunda-tasklist}, ...): a refused one (not a
 * camunda-admin, or refused by Camunda) as {@code LOGIN_FAILED}, a successful one as
 * {@code LOGIN}, and a sign-out from them as {@code LOGOUT} (the user the webapp's
 * session held for that engine).
 */
class CamundaWebappLoginFilter extends OncePerRequestFilter {

	private static final String LOGIN_PATH = "/camunda/api/admin/auth/user/";

	private final IdentityService identity;

	private final ApplicationEventPublisher events;

	CamundaWebappLoginFilter(IdentityService identity, ApplicationEventPublisher events) {
		this.identity = identity;
		this.events = events;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !(isSignIn(request) || isSignOut(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isSignOut(request)) {
			signOut(request, response, chain);
			return;
		}
		// the user name from the form body, read here and handed on unread: asking the
		// container for a parameter would consume the body before the webapp's JAX-RS
		// resource reads it (Jersey then warns on every sign-in)
		FormBody form = FormBody.read(request);
		request = form.request();
		String user = form.field("username");
		String path = path(request);
		SignInDetails details = new SignInDetails(request,
				"camunda-" + path.substring(path.lastIndexOf("/login/") + "/login/".length()));
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken
			.unauthenticated((user != null) ? user : "", null);
		attempt.setDetails(details);
		List<String> groups = (user != null)
				? this.identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList()
				: List.of();
		if (!groups.contains(GuildGroup.CAMUNDA_ADMIN.id())) {
			this.events.publishEvent(new AuthenticationFailureBadCredentialsEvent(attempt,
					new BadCredentialsException("not a camunda-admin user: the Camunda webapps are for "
							+ GuildGroup.CAMUNDA_ADMIN.id() + " users (password not checked)")));
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType("application/json");
			response.getWriter()
				.write("{\"type\":\"Forbidden\",\"message\":\"The Camunda webapps are for camunda-admin users; "
						+ "use Guildhall's pages\"}");
			return;
		}
		chain.doFilter(request, response);
		int status = response.getStatus();
		if (status >= 200 && status < 300) {
			UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null,
					groups.stream().map(SimpleGrantedAuthority::new).toList());
			signedIn.setDetails(details);
			this.events.publishEvent(new InteractiveAuthenticationSuccessEvent(signedIn, getClass()));
		}
		else {
			this.events.publishEvent(new AuthenticationFailureBadCredentialsEvent(attempt,
					new BadCredentialsException("refused by Camunda's webapp (HTTP " + status + ")")));
		}
	}

	/**
	 * The webapp's sign-out ({@code POST .../auth/user/{engine}/logout}): who its session
	 * held for that engine is read before the webapp forgets it, and recorded once the
	 * webapp has answered 2xx.
	 */
	private void signOut(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = path(request);
		String engine = path.substring(LOGIN_PATH.length(), path.length() - "/logout".length());
		HttpSession session = request.getSession(false);
		Authentication held = (session != null)
				? AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engine) : null;
		chain.doFilter(request, response);
		int status = response.getStatus();
		if (held != null && status >= 200 && status < 300) {
			UsernamePasswordAuthenticationToken signedOut = UsernamePasswordAuthenticationToken
				.authenticated(held.getName(), null, List.of());
			signedOut.setDetails(new SignInDetails(request, "camunda-webapp"));
			this.events.publishEvent(new LogoutSuccessEvent(signedOut));
		}
	}

	/**
	 * A small URL-encoded form body (a sign-in) read once: its fields, and the request
	 * with the same body to read again.
	 */
	private record FormBody(HttpServletRequest request, byte[] body) {

		/** More than a sign-in form ever holds; the rest is left to the webapp. */
		private static final int LIMIT = 16 * 1024;

		static FormBody read(HttpServletRequest request) throws IOException {
			byte[] body = request.getInputStream().readNBytes(LIMIT);
			HttpServletRequest replay = new HttpServletRequestWrapper(request) {

				private final ServletInputStream rest = request.getInputStream();

				private final ByteArrayInputStream read = new ByteArrayInputStream(body);

				@Override
				public ServletInputStream getInputStream() {
					return new ServletInputStream() {

						@Override
						public int read() throws IOException {
							int next = read.read();
							return (next >= 0) ? next : rest.read();
						}

						@Override
						public boolean isFinished() {
							return read.available() == 0 && rest.isFinished();
						}

						@Override
						public boolean isReady() {
							return true;
						}

						@Override
						public void setReadListener(ReadListener listener) {
							throw new UnsupportedOperationException("blocking reads only");
						}

					};
				}

				@Override
				public BufferedReader getReader() throws IOException {
					Charset charset = (getCharacterEncoding() != null) ? Charset.forName(getCharacterEncoding())
							: StandardCharsets.UTF_8;
					return new BufferedReader(new InputStreamReader(getInputStream(), charset));
				}

			};
			return new FormBody(replay, body);
		}

		/** The first value of form field {@code name}, or null. */
		String field(String name) {
			for (String pair : new String(this.body, StandardCharsets.UTF_8).split("&")) {
				int equals = pair.indexOf('=');
				String key = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair,
						StandardCharsets.UTF_8);
				if (key.equals(name)) {
					return (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
				}
			}
			return null;
		}

	}

	/** A webapp's sign-in: {@code POST .../auth/user/{engine}/login/{app}}. */
	static boolean isSignIn(HttpServletRequest request) {
		String path = path(request);
		return "POST".equals(request.getMethod()) && path.startsWith(LOGIN_PATH) && path.contains("/login/");
	}

	/** A webapp's sign-out: {@code POST .../auth/user/{engine}/logout}. */
	private static boolean isSignOut(HttpServletRequest request) {
		String path = path(request);
		return "POST".equals(request.getMethod()) && path.startsWith(LOGIN_PATH) && path.endsWith("/logout");
	}

	/** The request's path within the application. */
	static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
