package org.guildhall.web.tasks;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.guildhall.engine.tasks.StepField;
import org.guildhall.engine.tasks.StepForm;

import org.springframework.util.MultiValueMap;

/**
 * A step's form as HTML inputs: which control each field gets, the value to show (the
 * submitted one when re-rendering, else the process's), and each field's error.
 */
final class StepFormView {

	/**
	 * Date fields that carry a time of day: the voting window opens and closes at a time.
	 */
	static final Set<String> DATE_TIME_FIELDS = Set.of("windowStart", "windowEnd");

	private static final Pattern FORM_DATE = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{4})");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
		.withZone(ZoneOffset.UTC);

	/** Cross-field rules the engine checks on submission, which the model cannot list. */
	private static final Map<String, List<String>> RULES = Map.of("Task_RecordBoardResolution", List.of(Rules.COUNTS),
			"Task_DetermineTalksFailed", List.of(Rules.COUNTS), "Task_DecideStrike",
			List.of(Rules.COUNTS,
					"A strike date is required when the decision is Strike, and must be left empty otherwise."),
			"Task_PrepareBallot",
			List.of("Times are in UTC. The voting window must end after it opens, and its length must be within the limits of the case's rule set."),
			"Task_CertifyResults",
			List.of("Tick Certified to certify the result. With a certified tally, enter the vendor's counts: yes + no + abstaining + spoiled must not exceed eligible. With the ballot box, the counts come from the box and cannot be edited."));

	private StepFormView() {
	}

	/**
	 * One input.
	 *
	 * @param control {@code radio}, {@code select}, {@code checkbox}, {@code number},
	 * {@code date}, {@code datetime-local}, {@code text} or {@code textarea}
	 * @param value the value to show: what was submitted when re-rendering, else empty
	 * @param previous the value the case holds from an earlier step, in words, or null
	 * @param error the message to show beside it, or null
	 */
	record Input(StepField field, String control, String value, String previous, String error) {

		public String id() {
			return this.field.id();
		}

		public boolean checked() {
			return "true".equals(this.value);
		}

		/** The ids of its help and error paragraphs, for aria-describedby, or null. */
		public String describedBy() {
			String ids = ((this.field.help() != null) ? id() + "-help " : "")
					+ ((this.previous != null) ? id() + "-previous " : "")
					+ ((this.error != null) ? id() + "-error" : "");
			return ids.isBlank() ? null : ids.trim();
		}

	}

	/**
	 * An engine message in the form's words: field ids (e.g. {@code membersPresent})
	 * become their labels in quotes.
	 */
	static String humanize(String message, StepForm form) {
		Map<String, String> labels = new HashMap<>();
		form.fields()
			.stream()
			.filter((field) -> !field.label().equals(field.id()))
			.forEach((field) -> labels.put(field.id(), field.label()));
		if (message == null || labels.isEmpty()) {
			return message;
		}
		String ids = labels.keySet().stream().map(Pattern::quote).collect(Collectors.joining("|"));
		return Pattern.compile("\\b(" + ids + ")\\b")
			.matcher(message)
			.replaceAll((match) -> Matcher.quoteReplacement("\u201c" + labels.get(match.group(1)) + "\u201d"));
	}

	static List<String> rules(String stepKey) {
		return RULES.getOrDefault(stepKey, List.of());
	}

	/**
	 * The inputs, empty unless re-rendering a submission. A field's current value is a
	 * variable an earlier step of the case set (the models have no defaults), e.g. the
	 * board's vote counts on the committee's form: it is shown beside the input as "last
	 * recorded", never filled in, so nobody submits another body's numbers by accident.
	 */
	static List<Input> inputs(StepForm form, MultiValueMap<String, String> submitted, String errorField, String error) {
		List<Input> inputs = new ArrayList<>();
		for (StepField field : form.fields()) {
			String value = (submitted != null) ? submittedValue(field, submitted) : "";
			inputs.add(new Input(field, control(field), value, previous(field),
					field.id().equals(errorField) ? error : null));
		}
		return inputs;
	}

	/** The field's current value in words, or null if it has none. */
	static String previous(StepField field) {
		Object value = field.value();
		if (value == null || value.toString().isBlank()) {
			return null;
		}
		if (value instanceof Boolean bool) {
			return bool ? "yes" : "no";
		}
		if (value instanceof Date) {
			String shown = shown(field);
			return DATE_TIME_FIELDS.contains(field.id()) ? shown.replace('T', ' ') + " UTC" : shown;
		}
		String text = value.toString();
		Matcher formDate = FORM_DATE.matcher(text);
		if ("date".equals(field.type()) && formDate.matches()) {
			// the engine's date form type renders dates as dd/MM/yyyy; show them as ISO
			return formDate.group(3) + "-" + formDate.group(2) + "-" + formDate.group(1);
		}
		for (StepField.Option option : field.options()) {
			if (option.value().equals(text)) {
				return option.label();
			}
		}
		return (text.length() > 120) ? text.substring(0, 117) + "..." : text;
	}

	/**
	 * The submitted values of the form's fields, as {@code StepService.complete} takes
	 * them: a checkbox's hidden "false" gives way to its "true"; other parameters are
	 * ignored.
	 */
	static Map<String, Object> values(StepForm form, MultiValueMap<String, String> submitted) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (StepField field : form.fields()) {
			if (!field.readOnly() && submitted.containsKey(field.id())) {
				values.put(field.id(), submittedValue(field, submitted));
			}
		}
		return values;
	}

	private static String submittedValue(StepField field, MultiValueMap<String, String> submitted) {
		List<String> given = submitted.get(field.id());
		if (given == null || given.isEmpty()) {
			return "boolean".equals(field.type()) ? "false" : "";
		}
		if ("boolean".equals(field.type())) {
			return given.contains("true") ? "true" : "false";
		}
		return given.get(given.size() - 1);
	}

	static String control(StepField field) {
		if (field.readOnly()) {
			return "readonly";
		}
		return switch (field.type()) {
			case "enum" -> (field.options().size() <= 4) ? "radio" : "select";
			case "boolean" -> "checkbox";
			case "long" -> "number";
			case "date" -> DATE_TIME_FIELDS.contains(field.id()) ? "datetime-local" : "date";
			default -> (field.maxLength() != null && field.maxLength() <= 200) ? "text" : "textarea";
		};
	}

	static String shown(StepField field) {
		Object value = field.value();
		if (value == null) {
			return "";
		}
		if (value instanceof Date date) {
			return (DATE_TIME_FIELDS.contains(field.id()) ? DATE_TIME : DATE).format(date.toInstant());
		}
		return value.toString();
	}

	private static final class Rules {

		static final String COUNTS = "Members present must not exceed the seats, and votes for, against and abstentions together must not exceed the members present.";

	}

}
