package org.guildhall.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.guildhall.web.api.ProblemResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
			throws IOException {
		String detail = (refused instanceof BadCredentialsException) ? "the user name or password is wrong"
				: "sign in: send a Guildhall user's name and password with HTTP Basic";
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
		ProblemResponses.write(response,
				ProblemResponses.problem(request, HttpStatus.UNAUTHORIZED, "Unauthorized", detail));
	}

}
