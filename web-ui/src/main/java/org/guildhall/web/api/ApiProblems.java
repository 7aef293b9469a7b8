package org.guildhall.web.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.guildhall.engine.cases.CaseNotFoundException;
import org.guildhall.engine.cases.CaseStateException;
import org.guildhall.engine.rules.RuleSetException;
import org.guildhall.engine.rules.UnknownRuleSetException;
import org.guildhall.engine.tasks.StepException;
import org.guildhall.engine.variants.VariantException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal of the API into an RFC 9457 problem detail
 * ({@code application/problem+json}) whose {@code detail} a person can act on: 400 for
 * invalid input (with the offending {@code field} where there is one), 403 for a user
 * outside the groups an action needs, 404 for unknown cases, steps and rule-set versions,
 * 409 for steps already completed or held, cases that have ended and versions approved
 * already, 413 for bodies over the size limits ({@link RequestBodyLimits}), 415 for a
 * Content-Type the endpoint does not take. Never a stack trace. Applies to every
 * {@code @RestController} (the ballot API too); refusals made before a controller is
 * chosen are {@link ApiRoutingProblems}'.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(ApiProblems.ORDER)
class ApiProblems extends ResponseEntityExceptionHandler {

	/**
	 * Early, but after advice bound to one controller (the ballot API's), which must see
	 * its own exceptions before this class's catch-all does.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

	@ExceptionHandler(StepException.Invalid.class)
	ProblemDetail invalidStep(StepException.Invalid ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid field value", ex.getMessage(), ex.field());
	}

	@ExceptionHandler({ IllegalArgumentException.class, UnknownRuleSetException.class })
	ProblemDetail badRequest(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage(), null);
	}

	@ExceptionHandler(RuleSetException.Invalid.class)
	ProblemDetail invalidRuleSet(RuleSetException.Invalid ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid rule set request", ex.getMessage(), ex.field());
	}

	@ExceptionHandler(VariantException.Invalid.class)
	ProblemDetail invalidVariant(VariantException.Invalid ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid variant request", ex.getMessage(), ex.field());
	}

	@ExceptionHandler(VariantException.Forbidden.class)
	ProblemDetail forbiddenVariant(VariantException.Forbidden ex) {
		return problem(HttpStatus.FORBIDDEN, "Forbidden", ex.getMessage(), null);
	}

	@ExceptionHandler(VariantException.NotFound.class)
	ProblemDetail unknownVariant(VariantException.NotFound ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), null);
	}

	@ExceptionHandler(RuleSetException.Forbidden.class)
	ProblemDetail forbiddenRuleSet(RuleSetException.Forbidden ex) {
		return problem(HttpStatus.FORBIDDEN, "Forbidden", ex.getMessage(), null);
	}

	@ExceptionHandler(RuleSetException.NotFound.class)
	ProblemDetail ruleSetNotFound(RuleSetException.NotFound ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), null);
	}

	@ExceptionHandler(RuleSetException.Conflict.class)
	ProblemDetail ruleSetConflict(RuleSetException.Conflict ex) {
		return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), null);
	}

	@ExceptionHandler(StepException.Forbidden.class)
	ProblemDetail forbiddenStep(StepException.Forbidden ex) {
		return problem(HttpStatus.FORBIDDEN, "Not your step", ex.getMessage(), null);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail accessDenied(AccessDeniedException ex) {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		String who = (user != null)
				? user.getName() + " is in "
						+ user.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList()
				: "you are not signed in";
		List<String> needed = neededGroups(ex);
		String detail = needed.isEmpty() ? "you may not do this; " + who
				: "only members of " + needed + " may do this; " + who;
		return problem(HttpStatus.FORBIDDEN, "Forbidden", detail, null);
	}

	@ExceptionHandler({ CaseNotFoundException.class, StepException.NotFound.class })
	ProblemDetail notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), null);
	}

	@ExceptionHandler({ StepException.Conflict.class, CaseStateException.class })
	ProblemDetail conflict(RuntimeException ex) {
		return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), null);
	}

	/** Anything else: logged with a reference the user can quote, no internals shown. */
	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		String reference = UUID.randomUUID().toString();
		log.error("Unexpected error in the API (reference {})", reference, ex);
		ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"the request failed on the server; quote reference " + reference + " to an administrator", null);
		problem.setProperty("reference", reference);
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyLimits.TooLarge tooLarge) {
				return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
					.body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "Request too large", tooLarge.getMessage(), null));
			}
		}
		Throwable cause = jacksonCause(ex);
		for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
			if (inner instanceof JsonParseException parse) {
				cause = parse;
			}
		}
		String field = null;
		String detail;
		if (cause instanceof JsonParseException parse) {
			detail = "the body is not valid JSON: " + parse.getOriginalMessage() + " (line "
					+ parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")";
		}
		else if (cause instanceof MismatchedInputException trailing && trailing.getMessage() != null
				&& trailing.getMessage().startsWith("Trailing token")) {
			detail = "the body goes on after its JSON value; send exactly one JSON document";
		}
		else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			field = path(mapping);
			if (mapping instanceof UnrecognizedPropertyException unrecognized) {
				detail = field + " is not a known property; known: " + unrecognized.getKnownPropertyIds();
			}
			else if (mapping instanceof InvalidFormatException format) {
				detail = field + " must be " + expected(format.getTargetType()) + ", not '" + format.getValue() + "'";
			}
			else if (mapping instanceof MismatchedInputException mismatched) {
				detail = field + " must be " + expected(mismatched.getTargetType());
			}
			else {
				detail = field + " has an invalid value";
			}
		}
		else if (cause instanceof MismatchedInputException mismatched) {
			detail = "the body must be " + expected(mismatched.getTargetType());
		}
		else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
			detail = "a JSON body is required";
		}
		else {
			detail = "the body could not be read as JSON of the expected shape";
		}
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Unreadable request", detail, field));
	}

	/**
	 * An upload larger than the multipart limits (16 MB a file, the largest roll; a DMN
	 * is refused above 1 MB by its own check).
	 */
	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
			.body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "File too large",
					"the upload is larger than the 16 MB allowed at most; nothing was stored or deployed", "file"));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult().getFieldErrors();
		String detail = errors.isEmpty() ? "the request is invalid"
				: errors.stream()
					.map((error) -> error.getField() + " " + error.getDefaultMessage())
					.sorted()
					.collect(Collectors.joining("; "));
		String field = errors.isEmpty() ? null : errors.get(0).getField();
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, field));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		String detail = name + " must be " + expected(ex.getRequiredType()) + ", not '" + ex.getValue() + "'";
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid parameter", detail, name));
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail, String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		if (field != null) {
			problem.setProperty("field", field);
		}
		return problem;
	}

	/** The Jackson exception behind {@code ex}, which knows the JSON path at fault. */
	private static Throwable jacksonCause(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JsonProcessingException) {
				return cause;
			}
		}
		return ex.getMostSpecificCause();
	}

	private static String path(JsonMappingException ex) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference reference : ex.getPath()) {
			if (reference.getFieldName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
		}
		if (type == LocalDate.class) {
			return "an ISO-8601 date such as 2008-06-30";
		}
		if (type == Instant.class || type == OffsetDateTime.class) {
			return "an ISO-8601 date-time such as 2008-10-19T18:00:00Z";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "text";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "a JSON object";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a JSON array";
		}
		return "a " + type.getSimpleName();
	}

	/** The groups an {@code @PreAuthorize("hasAuthority('...')")} asked for, if known. */
	private static List<String> neededGroups(AccessDeniedException ex) {
		if (ex instanceof AuthorizationDeniedException denied) {
			AuthorizationResult result = denied.getAuthorizationResult();
			Matcher matcher = QUOTED.matcher(String.valueOf(result));
			List<String> groups = new ArrayList<>();
			while (matcher.find()) {
				groups.add(matcher.group(1));
			}
			return groups;
		}
		return List.of();
	}

}
