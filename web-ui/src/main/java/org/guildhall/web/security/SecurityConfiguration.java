package org.guildhall.web.security;

import java.util.Arrays;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.identity.GuildGroup;
import org.guildhall.engine.metrics.GuildhallMetrics;
import org.guildhall.web.security.AuthenticationAuditListener.SignInDetails;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Four filter chains: members' ballots and receipt checks (no account, no session: the
 * one-time credential is the authority), the engine REST API (HTTP Basic, Camunda
 * administrators only, stateless), the Camunda webapps (which run their own login and
 * CSRF protection against the same identity service), and everything else (form login for
 * pages, HTTP Basic for {@code /api}, CSRF on browser forms).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	/** The Content-Security-Policy of Guildhall's own pages and API. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

	/** Every Guildhall group: a signed-in user in none of them is no staff member. */
	private static final String[] STAFF = Arrays.stream(GuildGroup.values()).map(GuildGroup::id).toArray(String[]::new);

	/**
	 * Spring Security observes every request through every filter of its chain (an
	 * observation per filter, for tracing) and every authorization decision; with no
	 * tracing here that was about 6% of a request's CPU under the intake load
	 * (docs/PERFORMANCE.md). Sign-ins are still observed
	 * ({@code spring.security.authentications} in the metrics), and every request still
	 * is, once, as {@code http.server.requests}.
	 */
	@Bean
	static SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthorizations(false)
			.build();
	}

	@Bean
	SignInLimiter signInLimiter(SecurityProperties properties, ObjectProvider<GuildhallMetrics> metrics,
			ObjectProvider<MeterRegistry> registry) {
		// a web slice test has the chains without the engine's metrics
		return new SignInLimiter(properties, metrics.getIfAvailable(() -> new GuildhallMetrics(registry)));
	}

	/**
	 * The busiest path of a vote, a member casting a ballot (and later checking its
	 * receipt), passes no login of any kind: a chain of its own keeps it clear of the
	 * staff chain's sign-in filters, session, saved requests and URL rules (there each
	 * ballot was matched against the rules in order until its {@code permitAll},
	 * docs/PERFORMANCE.md). Same response headers as Guildhall's other API.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain memberBallots(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		http.securityMatcher(new OrRequestMatcher(paths.matcher(HttpMethod.POST, "/api/votes/*/ballots"),
				paths.matcher(HttpMethod.GET, "/api/votes/*/receipts/*")))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.headers(SecurityConfiguration::guildhallHeaders)
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain engineRest(HttpSecurity http, IdentityService identity, SignInLimiter signIns)
			throws Exception {
		http.securityMatcher(path("/engine-rest/**"))
			.addFilterBefore(signIns.filter(), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(GuildGroup.CAMUNDA_ADMIN.id()))
			.httpBasic((basic) -> basic.authenticationDetailsSource(SignInDetails.source("basic"))
				.authenticationEntryPoint(new ApiAuthenticationEntryPoint()))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterAfter(new CamundaAuthenticationFilter(identity), AuthorizationFilter.class);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain camundaWebapps(HttpSecurity http, IdentityService identity, ApplicationEventPublisher events,
			SignInLimiter signIns) throws Exception {
		// Cockpit, Tasklist and Admin authenticate against Camunda's identity service
		// themselves and
		// protect their forms with their own CSRF filter.
		http.securityMatcher(path("/camunda/**"))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.headers((headers) -> headers.frameOptions((frame) -> frame.sameOrigin()))
			.addFilterBefore(signIns.filter(), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new CamundaWebappLoginFilter(identity, events), AuthorizationFilter.class);
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain application(HttpSecurity http, IdentityService identity, SignInLimiter signIns)
			throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
			.permitAll()
			// metrics (Prometheus) and the other actuator endpoints: operators only
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.hasAuthority(GuildGroup.CAMUNDA_ADMIN.id())
			.requestMatchers("/login", "/css/**", "/js/**", "/vendor/**", "/favicon.ico", "/error")
			.permitAll()
			// members vote without an account: a one-time credential is their authority
			.requestMatchers("/vote/**")
			.permitAll()
			// decided before the body is read, so a non-staff caller gets 403 even with a
			// bad body
			.requestMatchers(HttpMethod.POST, "/api/cases", "/api/cases/*/agreement", "/api/cases/*/withdraw")
			.hasAuthority(GuildGroup.GUILD_STAFF.id())
			// new rule-set versions and approvals: rules modelers (the studio also checks
			// that the approver is not the author)
			.requestMatchers(HttpMethod.POST, "/api/rule-sets", "/api/rule-sets/*/versions/*/approve")
			.hasAuthority(GuildGroup.RULES_MODELER.id())
			// what-if replay and rule sweeps (pages and API): rules modelers and
			// auditors,
			// read only
			.requestMatchers(HttpMethod.GET, "/api/cases/*/what-if", "/api/rule-sets/sweep", "/api/rule-sets/sweep.csv",
					"/rules/sweep", "/rules/sweep/progress", "/rules/what-if")
			.hasAnyAuthority(GuildGroup.RULES_MODELER.id(), GuildGroup.AUDITOR.id())
			// process variants in the sandbox: rules modelers deploy and run them,
			// auditors
			// read them (decided before the body is read)
			.requestMatchers(HttpMethod.POST, "/api/variants", "/api/variants/**", "/rules/variants",
					"/rules/variants/**")
			.hasAuthority(GuildGroup.RULES_MODELER.id())
			.requestMatchers("/api/variants", "/api/variants/**", "/rules/variants", "/rules/variants/**")
			.hasAnyAuthority(GuildGroup.RULES_MODELER.id(), GuildGroup.AUDITOR.id())
			// the whole chain (verification, export) for auditors and administrators;
			// a case's history and the auditor's pages for any staff member
			.requestMatchers("/api/audit/**")
			.hasAnyAuthority(GuildGroup.AUDITOR.id(), GuildGroup.CAMUNDA_ADMIN.id())
			.requestMatchers("/api/cases/*/history", "/api/cases/*/history.*", "/audit", "/audit/**")
			.hasAnyAuthority(STAFF)
			.anyRequest()
			.authenticated())
			.headers(SecurityConfiguration::guildhallHeaders)
			.sessionManagement((session) -> session.sessionFixation((fixation) -> fixation.changeSessionId()))
			.requestCache((cache) -> cache.requestCache(pagesRequestCache()))
			.formLogin((form) -> form.loginPage("/login")
				.defaultSuccessUrl("/", false)
				.authenticationDetailsSource(SignInDetails.source("form"))
				.permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.httpBasic((basic) -> basic.authenticationDetailsSource(SignInDetails.source("basic"))
				.authenticationEntryPoint(new ApiAuthenticationEntryPoint()))
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/api/**"))
			// the URL rules above only guard the staff-only API posts
			// machines (the API, metrics scrapers) get a Basic challenge, never the login
			// page, whatever they accept
			.exceptionHandling((exceptions) -> exceptions
				.defaultAccessDeniedHandlerFor(new ApiAccessDeniedHandler(), path("/api/**"))
				.defaultAuthenticationEntryPointFor(new ApiAuthenticationEntryPoint(),
						new OrRequestMatcher(path("/api/**"), EndpointRequest.toAnyEndpoint())))
			.addFilterBefore(signIns.filter(), UsernamePasswordAuthenticationFilter.class)
			.addFilterAfter(new CamundaAuthenticationFilter(identity), AuthorizationFilter.class);
		return http.build();
	}

	/**
	 * Where a signed-out browser was going, kept in its session for after the sign-in:
	 * pages only. Spring Security's default cache keeps any GET that does not ask for
	 * JSON and is not a script's (X-Requested-With), so an anonymous call to the API or
	 * the actuator that accepts anything (curl, a scraper) opened a session for a client
	 * that never comes back through the sign-in form. Not kept either: htmx's fragment
	 * requests (a part of a page, not a page to return to) and the favicon.
	 */
	private static RequestCache pagesRequestCache() {
		MediaTypeRequestMatcher json = new MediaTypeRequestMatcher(MediaType.APPLICATION_JSON);
		json.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache.setRequestMatcher(
				new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/**"),
						new NegatedRequestMatcher(new OrRequestMatcher(path("/api/**"), EndpointRequest.toAnyEndpoint(),
								path("/favicon.ico"), json,
								new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest"),
								new RequestHeaderRequestMatcher("HX-Request")))));
		return cache;
	}

	/**
	 * Scripts only from Guildhall itself (no inline script anywhere); inline styles are
	 * needed by bpmn-js (SVG style attributes) and htmx's indicator.
	 */
	private static void guildhallHeaders(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
	}

	/**
	 * Matches the request path itself: the engine REST API and the webapps are served by
	 * their own servlets, which an MVC-based matcher would not see.
	 */
	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

}
