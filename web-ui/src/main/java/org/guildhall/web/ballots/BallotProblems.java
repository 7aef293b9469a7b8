package org.guildhall.web.ballots;

import jakarta.servlet.http.HttpServletRequest;
import org.guildhall.engine.ballots.BallotException;
import org.guildhall.engine.cases.CaseNotFoundException;
import org.guildhall.engine.cases.CaseStateException;
import org.guildhall.web.api.RequestBodyLimits;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem details for the ballot API, with messages a member or officer can act
 * on.
 */
@RestControllerAdvice(assignableTypes = BallotApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before ApiProblems' catch-all
class BallotProblems {

	@ExceptionHandler(BallotException.class)
	ProblemDetail ballot(BallotException ex, HttpServletRequest request) {
		if (request.getAttribute(RequestBodyLimits.LIMIT_EXCEEDED) instanceof Long limit) {
			// a roll sent without a length that passed the limit: the parser only saw a
			// read error
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
					RequestBodyLimits.tooLarge(limit));
			problem.setTitle("Request too large");
			return problem;
		}
		HttpStatus status = BallotApiController.statusOf(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(switch (status) {
			case FORBIDDEN -> "Invalid credential";
			case CONFLICT -> "Not possible now";
			case NOT_FOUND -> "No such vote";
			default -> "Invalid input";
		});
		if (ex instanceof BallotException.Invalid invalid && invalid.line() > 0) {
			problem.setProperty("line", invalid.line());
		}
		return problem;
	}

	@ExceptionHandler(BallotApiController.TooManyAttempts.class)
	ResponseEntity<ProblemDetail> tooMany(BallotApiController.TooManyAttempts ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
		problem.setTitle("Too many attempts");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
			.body(problem);
	}

	@ExceptionHandler(CaseNotFoundException.class)
	ProblemDetail caseNotFound(CaseNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(CaseStateException.class)
	ProblemDetail caseState(CaseStateException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

}
