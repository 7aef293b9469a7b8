package org.guildhall.web.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.guildhall.engine.rules.RuleSet;

/**
 * A rule set's parameters in plain words, e.g. "Member vote passes with yes more than 75%
 * of votes cast; no turnout quorum; window at most 45 days".
 */
public final class RuleSetWording {

	private RuleSetWording() {
	}

	/** A rule set as the pages show it. */
	public record Described(String key, int version, String name, String citation, List<String> rules) {

		/** The first rule: how the member vote is decided. */
		String summary() {
			return this.rules.isEmpty() ? "" : this.rules.get(0);
		}

	}

	/** {@code ruleSet} in words. */
	public static Described describe(RuleSet ruleSet) {
		JsonNode parameters = (ruleSet.parameters() != null) ? ruleSet.parameters() : MissingNode.getInstance();
		return new Described(ruleSet.key(), ruleSet.version(), ruleSet.name(), ruleSet.citation(), rules(parameters));
	}

	/** Rule-set parameters in words, one line per decision. */
	public static List<String> rules(JsonNode parameters) {
		List<String> rules = new ArrayList<>();
		JsonNode vote = parameters.path("memberVote");
		if (!vote.isMissingNode()) {
			rules.add("Member vote passes with " + memberVote(vote));
		}
		JsonNode ratification = parameters.path("ratification");
		if (!ratification.isMissingNode()) {
			rules.add("Ratification of an agreement passes with " + memberVote(ratification));
		}
		JsonNode board = parameters.path("board");
		JsonNode committee = parameters.path("committee");
		JsonNode finalDecision = parameters.path("finalDecision");
		if (!board.isMissingNode() && board.equals(committee)
				&& (finalDecision.isMissingNode() || board.equals(finalDecision))) {
			rules.add("Board and committee motions" + (finalDecision.isMissingNode() ? "" : " (and the final decision)")
					+ " carry with " + motion(board));
		}
		else {
			addMotion(rules, "Board motions carry with ", board);
			addMotion(rules, "Committee determinations carry with ", committee);
			addMotion(rules, "The final strike decision carries with ", finalDecision);
		}
		return rules;
	}

	private static void addMotion(List<String> rules, String prefix, JsonNode motion) {
		if (!motion.isMissingNode()) {
			rules.add(prefix + motion(motion));
		}
	}

	private static String memberVote(JsonNode vote) {
		StringBuilder words = new StringBuilder("yes ").append(threshold(vote));
		double turnout = vote.path("minTurnoutOfEligible").asDouble(0);
		if (vote.has("minTurnoutOfEligible")) {
			words.append((turnout > 0) ? "; turnout at least " + percent(turnout) + " of eligible members"
					: "; no turnout quorum");
		}
		double yesOfEligible = vote.path("minYesOfEligible").asDouble(0);
		if (yesOfEligible > 0) {
			words.append("; yes from at least ").append(percent(yesOfEligible)).append(" of eligible members");
		}
		if (vote.has("windowMaxDays")) {
			int min = vote.path("windowMinDays").asInt(0);
			int max = vote.path("windowMaxDays").asInt();
			words.append((min > 0) ? "; window at least " + min + " and at most " + max + " days"
					: "; window at most " + max + " days");
		}
		return words.toString();
	}

	private static String motion(JsonNode motion) {
		String words = threshold(motion);
		double quorum = motion.path("quorumOfSeats").asDouble(0);
		if (quorum > 0) {
			words += ", with " + ((quorum == 0.5) ? "more than half" : "more than " + percent(quorum) + " of")
					+ " the seats present";
		}
		return words;
	}

	private static String threshold(JsonNode rule) {
		String comparator = ">=".equals(rule.path("comparator").asText()) ? "at least " : "more than ";
		JsonNode threshold = rule.path("threshold");
		String amount;
		if (threshold.isTextual() && "2/3".equals(threshold.asText())) {
			amount = "two-thirds";
		}
		else if (threshold.isTextual() && threshold.asText().contains("/")) {
			amount = threshold.asText();
		}
		else {
			amount = percent(threshold.asDouble());
		}
		return comparator + amount + " " + base(rule.path("base").asText("VOTES_CAST"));
	}

	private static String base(String base) {
		return switch (base) {
			case "BALLOTS_RETURNED" -> "of ballots returned";
			case "ELIGIBLE" -> "of eligible members";
			default -> "of votes cast";
		};
	}

	/** A fraction as a percentage, e.g. "75%" for 0.75. */
	public static String percent(double fraction) {
		return BigDecimal.valueOf(fraction * 100).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
				+ "%";
	}

}
