package org.guildhall.engine.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the counts a decision is tried on by hand, with the rules the step forms apply
 * (CertifiedResultsValidator, VoteCountsValidator): whole numbers, none negative, ballots
 * returned no more than the eligible members, votes no more than the members present and
 * members present no more than the seats.
 */
final class EvaluationInputs {

	/**
	 * Counts above this are refused as typing errors (and keep sums far from overflow).
	 */
	static final long MAX_COUNT = 1_000_000_000_000L;

	private EvaluationInputs() {
	}

	/**
	 * The variables to evaluate {@code decision} with.
	 * @throws RuleSetException.Invalid naming the field at fault
	 */
	static Map<String, Object> validate(String decision, Map<String, ?> inputs) {
		List<String> names = DmnChecks.VARIABLES.get(decision);
		for (String given : inputs.keySet()) {
			if (inputs.get(given) != null && !names.contains(given)) {
				throw new RuleSetException.Invalid(given,
						given + " is not an input of " + decision + "; it takes " + names);
			}
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		if (names.equals(RuleSetStudio.WINDOW_INPUTS)) {
			Object days = inputs.get("windowDays");
			if (!(days instanceof Number number) || !Double.isFinite(number.doubleValue())) {
				throw new RuleSetException.Invalid("windowDays",
						"windowDays is required: the voting window's length in days, e.g. 30 or 14.5");
			}
			variables.put("windowDays", number.doubleValue());
			return variables;
		}
		for (String name : names) {
			Object value = inputs.get(name);
			if (value == null) {
				throw new RuleSetException.Invalid(name, name + " is required: " + decision + " takes " + names);
			}
			if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
				throw new RuleSetException.Invalid(name, name + " must be a whole number, not " + value);
			}
			long count = number.longValue();
			if (count < 0) {
				throw new RuleSetException.Invalid(name, name + " must not be negative (" + count + ")");
			}
			if (count > MAX_COUNT) {
				throw new RuleSetException.Invalid(name, name + " (" + count + ") is implausibly large");
			}
			variables.put(name, count);
		}
		if (names.equals(RuleSetStudio.MEMBER_VOTE_INPUTS)) {
			long returned = (Long) variables.get("yes") + (Long) variables.get("no") + (Long) variables.get("abstain")
					+ (Long) variables.get("spoiled");
			long eligible = (Long) variables.get("eligible");
			if (returned > eligible) {
				throw new RuleSetException.Invalid("eligible",
						"yes + no + abstain + spoiled (" + returned + ") must not exceed eligible (" + eligible + ")");
			}
		}
		else {
			long votes = (Long) variables.get("votesFor") + (Long) variables.get("votesAgainst")
					+ (Long) variables.get("abstentions");
			long present = (Long) variables.get("membersPresent");
			long seats = (Long) variables.get("seats");
			if (seats < 1) {
				throw new RuleSetException.Invalid("seats", "seats must be at least 1");
			}
			if (present > seats) {
				throw new RuleSetException.Invalid("membersPresent",
						"membersPresent (" + present + ") must not exceed seats (" + seats + ")");
			}
			if (votes > present) {
				throw new RuleSetException.Invalid("membersPresent", "votesFor + votesAgainst + abstentions (" + votes
						+ ") must not exceed membersPresent (" + present + ")");
			}
		}
		return variables;
	}

}
