package org.guildhall.engine.variants;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a simulated case answers at each step: for each step key, the values of each pass
 * in order (a loop takes the next answer each time round).
 *
 * <pre>
 * {"title": "...", "ruleSet": "sag-2008", "ruleSetVersion": 1,
 *  "steps": {"Task_RecordBoardResolution": [{"resolution": "CALL_AUTHORIZATION_VOTE", ...}], ...}}
 * </pre>
 *
 * @param title the simulated case's title
 * @param ruleSet the rule set to pin, or null for the variant's default
 * @param ruleSetVersion the version to pin (any state), or null for the latest
 * @param steps step key to the answers of each pass
 */
public record Scenario(String title, String ruleSet, Integer ruleSetVersion,
		Map<String, List<Map<String, Object>>> steps) {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Set<String> FIELDS = Set.of("title", "ruleSet", "ruleSetVersion", "steps");

	/**
	 * Reads a scenario; {@code knownSteps} are the variant's user task ids.
	 * @throws VariantException.Invalid naming the part at fault
	 */
	@SuppressWarnings("unchecked")
	public static Scenario parse(JsonNode json, Set<String> knownSteps) {
		if (json == null || !json.isObject()) {
			throw new VariantException.Invalid(null, "the scenario must be a JSON object with \"steps\"");
		}
		for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!FIELDS.contains(name)) {
				throw new VariantException.Invalid(name,
						name + " is not a scenario field; a scenario has " + FIELDS.stream().sorted().toList());
			}
		}
		JsonNode version = json.path("ruleSetVersion");
		if (!version.isMissingNode() && !version.isNull() && !(version.isInt() && version.asInt() > 0)) {
			throw new VariantException.Invalid("ruleSetVersion", "ruleSetVersion must be a whole number from 1");
		}
		JsonNode stepsJson = json.path("steps");
		if (!stepsJson.isObject() || stepsJson.isEmpty()) {
			throw new VariantException.Invalid("steps",
					"steps is required: an object from step key to a list of answers, e.g. "
							+ "{\"Task_RecordBoardResolution\": [{\"resolution\": \"CALL_AUTHORIZATION_VOTE\", ...}]}");
		}
		Map<String, List<Map<String, Object>>> steps = new LinkedHashMap<>();
		for (Iterator<Map.Entry<String, JsonNode>> fields = stepsJson.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> step = fields.next();
			String key = step.getKey();
			if (!knownSteps.contains(key)) {
				throw new VariantException.Invalid("steps." + key,
						key + " is not a step of this variant; its steps are " + knownSteps.stream().sorted().toList());
			}
			JsonNode answers = step.getValue().isObject() ? JSON.createArrayNode().add(step.getValue())
					: step.getValue();
			if (!answers.isArray()) {
				throw new VariantException.Invalid("steps." + key,
						"steps." + key + " must be a list of answers (one object of field values per pass)");
			}
			List<Map<String, Object>> list = new ArrayList<>();
			for (JsonNode answer : answers) {
				if (!answer.isObject()) {
					throw new VariantException.Invalid("steps." + key,
							"each answer of steps." + key + " must be an object of field values");
				}
				Map<String, Object> values = JSON.convertValue(answer, Map.class);
				Object mode = values.get("ballotMode");
				if (mode != null && !"CERTIFIED_TALLY".equals(mode)) {
					throw new VariantException.Invalid("steps." + key + ".ballotMode",
							"the sandbox runs member votes as CERTIFIED_TALLY (certified counts, no timers, no "
									+ "ballot box), not " + mode);
				}
				list.add(values);
			}
			steps.put(key, List.copyOf(list));
		}
		String title = text(json, "title");
		return new Scenario((title != null) ? title : "Simulated case", text(json, "ruleSet"),
				(version.isInt()) ? version.asInt() : null, steps);
	}

	private static String text(JsonNode json, String field) {
		JsonNode node = json.path(field);
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (!node.isTextual() || node.asText().isBlank()) {
			throw new VariantException.Invalid(field, field + " must be non-blank text");
		}
		if (node.asText().length() > 200) {
			throw new VariantException.Invalid(field, field + " must be at most 200 characters");
		}
		return node.asText().trim();
	}

}
