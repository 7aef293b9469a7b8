package org.guildhall.web.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.guildhall.engine.metrics.GuildhallMetrics;
import org.guildhall.web.api.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refused sign-ins per client address. Camunda's identity service throttles each user
 * (growing delays, locked after 10 wrong passwords); this limits an address that tries
 * many users: after {@link SecurityProperties#signInFailuresPerAddress()} refused
 * sign-ins within {@link SecurityProperties#signInWindow()}, further sign-ins from that
 * address are refused without checking the password until the oldest refusal leaves the
 * window. It counts every refused authentication Spring Security publishes (the sign-in
 * form, HTTP Basic on the API, the engine REST API, and the Camunda webapps' sign-in
 * through {@link CamundaWebappLoginFilter}); {@link #filter()} is the gate the staff,
 * engine-REST and webapp chains put before their sign-in filters. Requests of a session
 * already signed in carry no credentials and are never held back. The address is the
 * connection's ({@code getRemoteAddr}); behind a proxy, configure Spring Boot's
 * forwarded-header handling so that it is the client's. A bean of
 * {@link SecurityConfiguration}, so that every context with the chains has it.
 */
class SignInLimiter {

	private static final Logger log = LoggerFactory.getLogger(SignInLimiter.class);

	/**
	 * Addresses whose hold has been logged, sweeping the rest when they pass this many.
	 */
	private static final int LOGGED_HOLDS_SWEEP = 1024;

	private final AttemptWindow failures;

	private final GuildhallMetrics metrics;

	private final Clock clock;

	/** Per address held back: until when its hold has been logged. */
	private final Map<String, Instant> loggedUntil = new ConcurrentHashMap<>();

	SignInLimiter(SecurityProperties properties, GuildhallMetrics metrics) {
		this(properties, metrics, Clock.systemUTC());
	}

	SignInLimiter(SecurityProperties properties, GuildhallMetrics metrics, Clock clock) {
		this.failures = new AttemptWindow(properties.signInFailuresPerAddress(), properties.signInWindow(), clock);
		this.metrics = metrics;
		this.clock = clock;
	}

	@EventListener
	void refused(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			this.failures.failed(details.getRemoteAddress());
		}
	}

	/** Seconds until {@code address} may sign in again, or 0 if it may now. */
	long retryAfterSeconds(String address) {
		return this.failures.retryAfterSeconds(address);
	}

	/**
	 * Counts a held-back sign-in and logs the hold: one warning when an address is first
	 * held back, and again only once that hold has run out, so that an address hammering
	 * the sign-in does not write a line per request (each one is counted in
	 * {@code guildhall_sign_ins_held_back_total}).
	 */
	void heldBack(String address, long wait) {
		this.metrics.signInHeldBack();
		Instant now = this.clock.instant();
		Instant logged = this.loggedUntil.get(address);
		if (logged != null && now.isBefore(logged)) {
			log.debug("Sign-in from {} held back ({} s to wait)", address, wait);
			return;
		}
		if (this.loggedUntil.size() >= LOGGED_HOLDS_SWEEP) {
			this.loggedUntil.values().removeIf(now::isAfter);
		}
		this.loggedUntil.put(address, now.plusSeconds(wait));
		log.warn(
				"Sign-ins from {} held back for {} s: too many refused sign-ins from that address (further "
						+ "attempts until then are counted in guildhall_sign_ins_held_back_total, not logged)",
				address, wait);
	}

	/** The gate, one instance per chain (not a servlet filter of its own). */
	OncePerRequestFilter filter() {
		return new Gate(this);
	}

	/**
	 * Holds back a sign-in attempt from an address over the limit: the sign-in form is
	 * sent back to the sign-in page with {@code ?throttled}; anything else gets a 429
	 * problem with {@code Retry-After}.
	 */
	static final class Gate extends OncePerRequestFilter {

		private final SignInLimiter limiter;

		Gate(SignInLimiter limiter) {
			this.limiter = limiter;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return !(isFormSignIn(request) || CamundaWebappLoginFilter.isSignIn(request) || carriesBasic(request));
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			long wait = this.limiter.retryAfterSeconds(request.getRemoteAddr());
			if (wait == 0) {
				chain.doFilter(request, response);
				return;
			}
			this.limiter.heldBack(request.getRemoteAddr(), wait);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
			if (isFormSignIn(request)) {
				response.sendRedirect(request.getContextPath() + "/login?throttled");
				return;
			}
			ProblemResponses.write(response,
					ProblemResponses.problem(request, HttpStatus.TOO_MANY_REQUESTS, "Too many refused sign-ins",
							"too many refused sign-ins from this address; try again in " + wait + " seconds"));
		}

		private static boolean isFormSignIn(HttpServletRequest request) {
			return "POST".equals(request.getMethod()) && "/login".equals(CamundaWebappLoginFilter.path(request));
		}

		private static boolean carriesBasic(HttpServletRequest request) {
			String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
			return authorization != null && authorization.length() >= 6
					&& authorization.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ");
		}

	}

}
