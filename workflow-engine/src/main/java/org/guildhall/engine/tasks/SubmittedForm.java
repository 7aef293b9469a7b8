package org.guildhall.engine.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Read access to a form being submitted: a field's submitted value, falling back to the
 * value the process already holds (a field left out of a submission keeps its variable).
 * Values may arrive as Java objects, typed values or strings; numbers and dates are
 * normalised here.
 */
final class SubmittedForm {

	private final Map<String, Object> submitted;

	private final VariableScope scope;

	SubmittedForm(FormFieldValidatorContext context) {
		this.submitted = context.getSubmittedValues();
		this.scope = context.getVariableScope();
	}

	Object value(String field) {
		Object value = this.submitted.containsKey(field) ? this.submitted.get(field) : this.scope.getVariable(field);
		return (value instanceof TypedValue typed) ? typed.getValue() : value;
	}

	String string(String field) {
		Object value = value(field);
		return (value != null) ? value.toString() : null;
	}

	boolean isTrue(String field) {
		Object value = value(field);
		return (value instanceof Boolean b) ? b : "true".equalsIgnoreCase(String.valueOf(value));
	}

	/** The field as a whole number, or null when absent or blank. */
	Long number(String field) {
		Object value = value(field);
		if (value == null || (value instanceof String s && s.isBlank())) {
			return null;
		}
		if (value instanceof Number n) {
			return n.longValue();
		}
		try {
			return Long.parseLong(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw invalid(field, value, field + " must be a whole number, not '" + value + "'");
		}
	}

	/**
	 * The field as an instant; accepts dates, ISO-8601 date-times and ISO dates (midnight
	 * UTC).
	 */
	Instant instant(String field) {
		Object value = value(field);
		if (value == null || (value instanceof String s && s.isBlank())) {
			return null;
		}
		if (value instanceof Date date) {
			return date.toInstant();
		}
		String text = value.toString().trim();
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException notDateTime) {
			try {
				return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException ex) {
				throw invalid(field, value, field + " must be an ISO-8601 date or date-time, not '" + text + "'");
			}
		}
	}

	static FormFieldValidatorException invalid(String field, Object value, String message) {
		return new FormFieldValidatorException(field, "validator", null, value, message);
	}

}
