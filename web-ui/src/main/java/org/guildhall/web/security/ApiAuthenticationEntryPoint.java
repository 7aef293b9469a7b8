package org.guildhall.web.security;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A 401 for machines (the API, metrics scrapers, HTTP Basic that failed): the Basic
 * challenge, and an RFC 9457 problem that says what to send, as the API answers every
 * other refusal.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String REALM = "Guildhall";

	private final ObjectMapper json = new ObjectMapper().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
			throws IOException {
		String detail = (refused instanceof BadCredentialsException) ? "the user name or password is wrong"
				: "sign in: send a Guildhall user's name and password with HTTP Basic";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
		problem.setTitle("Unauthorized");
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
