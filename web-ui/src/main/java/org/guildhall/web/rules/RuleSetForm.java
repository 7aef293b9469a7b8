package org.guildhall.web.rules;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The "new rule set" form's fields and their place in the parameters JSON (DESIGN.md
 * "Rule-set parameters"): the form posts flat fields, the rules studio reads the JSON,
 * and a refused parameter's JSON path leads back to its form field.
 */
final class RuleSetForm {

	/** Form field → JSON path, in the order the form shows them. */
	static final Map<String, String> FIELDS = fields();

	private static final Pattern WHOLE = Pattern.compile("\\d{1,6}");

	private RuleSetForm() {
	}

	private static Map<String, String> fields() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("key", "key");
		fields.put("name", "name");
		fields.put("citation", "citation");
		fields.put("memberThreshold", "memberVote.threshold");
		fields.put("memberComparator", "memberVote.comparator");
		fields.put("memberBase", "memberVote.base");
		fields.put("abstentions", "memberVote.abstentions");
		fields.put("spoiled", "memberVote.spoiled");
		fields.put("minTurnout", "memberVote.minTurnoutOfEligible");
		fields.put("minYes", "memberVote.minYesOfEligible");
		fields.put("windowMinDays", "memberVote.windowMinDays");
		fields.put("windowMaxDays", "memberVote.windowMaxDays");
		fields.put("ratificationThreshold", "ratification.threshold");
		fields.put("ratificationComparator", "ratification.comparator");
		fields.put("ratificationBase", "ratification.base");
		for (String[] body : new String[][] { { "board", "board" }, { "committee", "committee" },
				{ "final", "finalDecision" } }) {
			fields.put(body[0] + "Quorum", body[1] + ".quorumOfSeats");
			fields.put(body[0] + "QuorumComparator", body[1] + ".quorumComparator");
			fields.put(body[0] + "Threshold", body[1] + ".threshold");
			fields.put(body[0] + "Comparator", body[1] + ".comparator");
			fields.put(body[0] + "Base", body[1] + ".base");
		}
		return Collections.unmodifiableMap(fields);
	}

	/** The values of a blank form: Guildhall's defaults, no member-vote threshold yet. */
	static Map<String, String> defaults() {
		Map<String, String> values = new LinkedHashMap<>();
		FIELDS.keySet().forEach((field) -> values.put(field, ""));
		values.put("memberComparator", ">");
		values.put("memberBase", "VOTES_CAST");
		values.put("abstentions", "TURNOUT_ONLY");
		values.put("spoiled", "TURNOUT_ONLY");
		values.put("minTurnout", "0%");
		values.put("minYes", "0%");
		values.put("windowMinDays", "0");
		values.put("windowMaxDays", "45");
		values.put("ratificationThreshold", "50%");
		values.put("ratificationComparator", ">");
		values.put("ratificationBase", "VOTES_CAST");
		for (String body : List.of("board", "committee", "final")) {
			values.put(body + "Quorum", "50%");
			values.put(body + "QuorumComparator", ">");
			values.put(body + "Threshold", "50%");
			values.put(body + "Comparator", ">");
			values.put(body + "Base", "VOTES_CAST");
		}
		return values;
	}

	/**
	 * The form filled from a version's parameters (to make its next version); the key,
	 * name and citation stay.
	 */
	static Map<String, String> from(JsonNode parameters) {
		Map<String, String> values = defaults();
		FIELDS.forEach((field, path) -> {
			JsonNode value = parameters;
			for (String part : path.split("\\.")) {
				value = value.path(part);
			}
			if (value.isNumber()) {
				values.put(field, path.endsWith("Days") ? value.asText() : percent(value.decimalValue()));
			}
			else if (value.isTextual()) {
				values.put(field, value.asText());
			}
		});
		return values;
	}

	/** The parameters JSON of the submitted {@code values}; blank fields are left out. */
	static ObjectNode toJson(Map<String, String> values) {
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		FIELDS.forEach((field, path) -> {
			String value = values.getOrDefault(field, "").trim();
			if (value.isEmpty()) {
				return;
			}
			ObjectNode parent = json;
			String[] parts = path.split("\\.");
			for (int i = 0; i < parts.length - 1; i++) {
				parent = parent.has(parts[i]) ? (ObjectNode) parent.get(parts[i]) : parent.putObject(parts[i]);
			}
			String name = parts[parts.length - 1];
			if (name.endsWith("Days") && WHOLE.matcher(value).matches()) {
				parent.put(name, Integer.parseInt(value));
			}
			else {
				parent.put(name, value);
			}
		});
		return json;
	}

	/** The form field of a parameter's JSON path, or null if the form has none. */
	static String fieldOf(String path) {
		if (path == null) {
			return null;
		}
		for (Map.Entry<String, String> entry : FIELDS.entrySet()) {
			if (entry.getValue().equals(path)) {
				return entry.getKey();
			}
		}
		return null;
	}

	private static String percent(BigDecimal fraction) {
		return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
	}

}
