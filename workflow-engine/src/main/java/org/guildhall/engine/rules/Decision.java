package org.guildhall.engine.rules;

import java.util.Map;

/**
 * The result of evaluating one decision of a rule-set version.
 *
 * @param ruleSetTag the version tag evaluated, e.g. {@code sag-2008:1}
 * @param decision the decision key, e.g. {@code member-vote}
 * @param outcome e.g. {@code APPROVED}, {@code CARRIED}, {@code VALID}
 * @param explanation the outcome in words and numbers
 * @param outputs every output of the matched rule
 */
public record Decision(String ruleSetTag, String decision, String outcome, String explanation,
		Map<String, Object> outputs) {

}
