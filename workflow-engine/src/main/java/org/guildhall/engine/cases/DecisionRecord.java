package org.guildhall.engine.cases;

import java.util.Date;
import java.util.Map;

/**
 * One decision the case evaluated.
 *
 * @param decision the decision key, e.g. {@code member-vote}
 * @param ruleSetTag the rule-set version it was evaluated under
 * @param outcome e.g. {@code APPROVED}
 * @param explanation the outcome in words and numbers
 * @param inputs the recorded inputs (counts)
 * @param evaluated when
 */
public record DecisionRecord(String decision, String ruleSetTag, String outcome, String explanation,
		Map<String, Object> inputs, Date evaluated) {

}
