package org.guildhall.web.api;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * Writes an RFC 9457 problem to a servlet response where no controller (and so no
 * {@link ApiProblems}) answers: the security chain's 401 and 403, the body-size filter's
 * 413. Extra properties are written as members, as Spring MVC writes them.
 */
public final class ProblemResponses {

	private static final ObjectMapper JSON = new ObjectMapper().addMixIn(ProblemDetail.class,
			ProblemDetailJacksonMixin.class);

	private ProblemResponses() {
	}

	/**
	 * A problem with {@code status}, {@code title} and {@code detail} about
	 * {@code request}.
	 */
	public static ProblemDetail problem(HttpServletRequest request, HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setInstance(URI.create(request.getRequestURI()));
		return problem;
	}

	/**
	 * Sends {@code problem} with its status as {@code application/problem+json} (UTF-8,
	 * as JSON always is: Jackson writes the bytes).
	 */
	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JSON.writeValue(response.getOutputStream(), problem);
	}

}
