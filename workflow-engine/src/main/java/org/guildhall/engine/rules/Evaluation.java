package org.guildhall.engine.rules;

/**
 * A decision of a rule-set version tried on counts given by hand (nothing is recorded).
 *
 * @param ruleSet the rule set's key
 * @param version the version evaluated
 * @param state whether that version is approved
 * @param decision the decision point, e.g. {@code member-vote}
 * @param outcome e.g. {@code APPROVED}, {@code CARRIED}, {@code VALID}
 * @param explanation the outcome in words and numbers
 */
public record Evaluation(String ruleSet, int version, RuleSetState state, String decision, String outcome,
		String explanation) {

}
