package org.guildhall.web.api;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problem details for the refusals Spring MVC makes before it has chosen a controller — a
 * method or Content-Type no {@code /api} endpoint takes, a path none serves — which
 * {@link ApiProblems} (bound to the controllers) never sees. Other paths (pages) keep
 * Spring Boot's error page: the exception is thrown on.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiRoutingProblems {

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException ex,
			HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
		requireApi(request, ex);
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "Content-Type '"
				+ ex.getContentType() + "' is not accepted here; send one of " + ex.getSupportedMediaTypes());
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException ex,
			HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
		requireApi(request, ex);
		Set<HttpMethod> allowed = (ex.getSupportedHttpMethods() != null) ? ex.getSupportedHttpMethods() : Set.of();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
				request.getMethod() + " is not allowed here; allowed: " + allowed);
		problem.setTitle("Method not allowed");
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
			.allow(allowed.toArray(HttpMethod[]::new))
			.body(problem);
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NoResourceFoundException ex, HttpServletRequest request)
			throws NoResourceFoundException {
		requireApi(request, ex);
		return problem(HttpStatus.NOT_FOUND, "Not found", "no API endpoint at " + request.getRequestURI());
	}

	private static <E extends Exception> void requireApi(HttpServletRequest request, E ex) throws E {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/api/")) {
			throw ex;
		}
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).body(problem);
	}

}
