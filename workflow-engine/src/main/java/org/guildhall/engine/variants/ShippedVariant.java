package org.guildhall.engine.variants;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A variant shipped with Guildhall in {@code process-models}
 * ({@code variants/<name>/variant.json} and its BPMN), with the rule set and scenario it
 * is meant to run with.
 *
 * @param name e.g. {@code members-decide}
 * @param title a short title
 * @param description what differs from the live process
 * @param file the BPMN file in the variant's folder
 * @param ruleSet the rule set its scenario pins
 * @param ruleSetParameters a rule-set parameters file in the folder, created as a pending
 * version when the variant is deployed and the rule set does not exist; or null
 * @param scenario the scenario shipped with it
 */
public record ShippedVariant(String name, String title, String description, String file, String ruleSet,
		String ruleSetParameters, JsonNode scenario) {
}
