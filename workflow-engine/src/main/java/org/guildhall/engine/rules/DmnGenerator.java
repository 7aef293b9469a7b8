package org.guildhall.engine.rules;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.guildhall.engine.rules.RuleSetParameters.Base;
import org.guildhall.engine.rules.RuleSetParameters.Comparator;
import org.guildhall.engine.rules.RuleSetParameters.MotionRule;
import org.guildhall.engine.rules.RuleSetParameters.Treatment;
import org.guildhall.engine.rules.RuleSetParameters.VoteRule;

/**
 * Generates a rule-set version's DMN from its {@link RuleSetParameters} with Camunda's
 * DMN model API: the same decision ids, inputs, outputs ({@code outcome} and
 * {@code explanation} in words and numbers) and history time to live as the shipped,
 * hand-made rule sets, every decision tagged {@code <key>:<version>}.
 * <p>
 * Shares are compared in whole numbers ({@code yes * 4 > (yes + no) * 3}), never in
 * floating point. Only Guildhall's own fixed text and numbers go into FEEL expressions;
 * the name and citation go into descriptions only.
 */
public final class DmnGenerator {

	/** The history time to live of every decision, as the shipped rule sets have it. */
	public static final String HISTORY_TIME_TO_LIVE = "P3650D";

	static final String NAMESPACE = "https://guildhall.example/rulesets";

	private final DmnModelInstance model;

	private DmnGenerator() {
		this.model = Dmn.createEmptyModel();
	}

	/** The DMN of {@code parameters} as version {@code version}. */
	public static DmnModelInstance generate(RuleSetParameters parameters, int version) {
		return new DmnGenerator().build(parameters, RuleSetCatalog.tag(parameters.key(), version));
	}

	/** The DMN XML of {@code parameters} as version {@code version}. */
	public static String generateXml(RuleSetParameters parameters, int version) {
		return Dmn.convertToString(generate(parameters, version));
	}

	private DmnModelInstance build(RuleSetParameters parameters, String tag) {
		Definitions definitions = this.model.newInstance(Definitions.class);
		definitions.setId("ruleset-" + parameters.key());
		definitions.setName(parameters.name());
		definitions.setNamespace(NAMESPACE);
		definitions.setExporter("Guildhall");
		definitions.setExporterVersion("1");
		definitions.setDescription(
				description(parameters.name() + " (" + tag + ", generated from parameters). " + parameters.citation()));
		this.model.setDefinitions(definitions);

		memberVote(definitions, tag, "member-vote", "Member vote (strike authorization)", "MemberVote",
				parameters.memberVote());
		memberVote(definitions, tag, "ratification-vote", "Member vote (contract ratification)", "Ratification",
				parameters.ratification());
		motion(definitions, tag, "board-motion", "National board motion", "BoardMotion", parameters.board());
		motion(definitions, tag, "committee-determination", "Negotiating committee determination", "Committee",
				parameters.committee());
		motion(definitions, tag, "final-decision", "National board final strike decision", "FinalDecision",
				parameters.finalDecision());
		windowPolicy(definitions, tag, parameters.windowMinDays(), parameters.windowMaxDays());
		Dmn.validateModel(this.model);
		return this.model;
	}

	private void memberVote(Definitions definitions, String tag, String id, String name, String prefix, VoteRule rule) {
		String returned = "yes + no" + ((rule.abstentions() != Treatment.NOT_COUNTED) ? " + abstain" : "")
				+ ((rule.spoiled() != Treatment.NOT_COUNTED) ? " + spoiled" : "");
		String votesCast = "yes + no" + ((rule.abstentions() == Treatment.AS_VOTES_CAST) ? " + abstain" : "")
				+ ((rule.spoiled() == Treatment.AS_VOTES_CAST) ? " + spoiled" : "");
		String base = switch (rule.base()) {
			case VOTES_CAST -> votesCast;
			case BALLOTS_RETURNED -> returned;
			case ELIGIBLE -> "eligible";
		};
		String noun = switch (rule.base()) {
			case VOTES_CAST -> "votes cast";
			case BALLOTS_RETURNED -> "ballots returned";
			case ELIGIBLE -> "eligible members";
		};
		String required = rule.comparator().words() + " " + rule.threshold().words() + " of " + noun;
		boolean turnout = !rule.minTurnoutOfEligible().isZero();
		boolean yesOfEligible = !rule.minYesOfEligible().isZero();
		String turnoutWords = "at least " + rule.minTurnoutOfEligible().words();
		String yesWords = "at least " + rule.minYesOfEligible().words();

		List<String> descriptions = new ArrayList<>();
		descriptions.add("Yes must be " + required + " (" + base + ").");
		descriptions.add(treatment(rule));
		descriptions
			.add(turnout ? "Ballots returned (" + returned + ") must be " + turnoutWords + " of eligible members."
					: "No turnout quorum.");
		if (yesOfEligible) {
			descriptions.add("Yes votes must be " + yesWords + " of eligible members.");
		}
		Table table = new Table(definitions, id, name, tag, prefix, String.join(" ", descriptions));
		table.input("VotesCast", "Yes and no votes (yes + no)", "long", "yes + no");
		if (turnout) {
			table.input("Turnout", "Ballots returned " + turnoutWords + " of eligible", "boolean",
					atLeast(paren(returned), "eligible", rule.minTurnoutOfEligible()));
		}
		if (yesOfEligible) {
			table.input("YesOfEligible", "Yes " + yesWords + " of eligible", "boolean",
					atLeast("yes", "eligible", rule.minYesOfEligible()));
		}
		table.input("Support", "Yes " + required, "boolean",
				compare("yes", paren(base), rule.threshold(), rule.comparator()));
		table.outputs();

		String needed = needed(paren(base), rule.threshold(), rule.comparator());
		String share = percent("yes", paren(base), 1) + " + \"% yes of \" + string(" + base + ") + \" " + noun;
		String counts = " (\" + string(yes) + \" yes, \" + string(" + needed + ") + \" needed)";
		String turnoutClause = turnout ? "; turnout \" + " + percent(paren(returned), "eligible", 2)
				+ " + \"% of \" + string(eligible) + \" eligible (\" + string(" + returned
				+ ") + \" ballots returned), " + turnoutWords + " required" : "";
		String yesClause = yesOfEligible ? "; yes votes are \" + " + percent("yes", "eligible", 2)
				+ " + \"% of eligible, " + yesWords + " required" : "";
		String note = "; " + treatmentNote(rule) + "\"";

		table.rule("NoVotes", "Nothing is approved when no yes/no vote was cast", "REJECTED",
				"\"rejected: no yes or no votes were cast (\" + string(abstain) + \" abstentions, \" + string(spoiled)"
						+ " + \" spoiled); nothing is approved without a yes/no vote\"",
				"0", turnout ? "-" : null, yesOfEligible ? "-" : null, "-");
		if (turnout) {
			table.rule("TurnoutTooLow", null, "REJECTED",
					"\"rejected: turnout \" + " + percent(paren(returned), "eligible", 2)
							+ " + \"% of \" + string(eligible) + \" eligible (\" + string(" + returned
							+ ") + \" ballots returned), " + turnoutWords + " required\"",
					"-", "false", yesOfEligible ? "-" : null, "-");
		}
		if (yesOfEligible) {
			table.rule("YesBelowMinimum", null, "REJECTED",
					"\"rejected: yes votes are \" + " + percent("yes", "eligible", 2)
							+ " + \"% of \" + string(eligible) + \" eligible (\" + string(yes) + \" yes, \" + string("
							+ needed("eligible", rule.minYesOfEligible(), Comparator.AT_LEAST) + ") + \" needed), "
							+ yesWords + " required\"",
					"-", turnout ? "-" : null, "false", "-");
		}
		table.rule("Approved", null, "APPROVED",
				"\"approved: \" + " + share + ", " + phrase(rule.comparator(), rule.threshold()) + " required" + counts
						+ turnoutClause + yesClause + note,
				"-", turnout ? "-" : null, yesOfEligible ? "-" : null, "true");
		table.rule("Rejected", null, "REJECTED",
				"\"rejected: \" + " + share + ", " + shortOf(rule.comparator(), rule.threshold()) + counts + note, "-",
				turnout ? "-" : null, yesOfEligible ? "-" : null, "false");
	}

	private void motion(Definitions definitions, String tag, String id, String name, String prefix, MotionRule rule) {
		String base = switch (rule.base()) {
			case VOTES_CAST -> "votesFor + votesAgainst";
			case BALLOTS_RETURNED -> "votesFor + votesAgainst + abstentions";
			case ELIGIBLE -> "seats";
		};
		String noun = switch (rule.base()) {
			case VOTES_CAST -> "votes cast";
			case BALLOTS_RETURNED -> "members voting (for, against or abstaining)";
			case ELIGIBLE -> "seats";
		};
		boolean quorum = !rule.quorumOfSeats().isZero();
		boolean half = rule.quorumOfSeats().numerator() == 1 && rule.quorumOfSeats().denominator() == 2;
		String quorumWords = rule.quorumComparator().words() + " "
				+ (half ? "half" : rule.quorumOfSeats().words() + " of") + " the seats";
		String quorumShort = half ? rule.quorumComparator().words() + " half" : quorumWords;
		String phrase = phrase(rule.comparator(), rule.threshold());
		String required = rule.comparator().words() + " " + rule.threshold().words() + " of " + noun;
		boolean tieFails = rule.base() == Base.VOTES_CAST && rule.comparator() == Comparator.MORE_THAN
				&& rule.threshold().numerator() == 1 && rule.threshold().denominator() == 2;
		String description = (quorum ? "Quorum: " + quorumWords + " present. " : "No quorum. ") + "Carried by "
				+ required + " (" + base + ")"
				+ ((rule.base() == Base.VOTES_CAST) ? "; abstentions do not count as votes cast" : "")
				+ (tieFails ? "; a tie fails." : ".");
		Table table = new Table(definitions, id, name, tag, prefix, description);
		if (quorum) {
			table.input("Quorum", quorumWords.substring(0, 1).toUpperCase() + quorumWords.substring(1) + " present",
					"boolean", compare("membersPresent", "seats", rule.quorumOfSeats(), rule.quorumComparator()));
		}
		table.input("VotesCast", "Votes cast (for + against)", "long", "votesFor + votesAgainst");
		table.input("Support", "For " + required, "boolean",
				compare("votesFor", paren(base), rule.threshold(), rule.comparator()));
		table.outputs();

		String counts = "\" + string(votesFor) + \" for, \" + string(votesAgainst) + \" against, \" + string(abstentions)"
				+ " + \" abstaining; \" + " + percent("votesFor", paren(base), 1) + " + \"% of \" + string(" + base
				+ ") + \" " + noun;
		if (quorum) {
			table.rule("NoQuorum", null, "NO_QUORUM",
					"\"no quorum: \" + string(membersPresent) + \" of \" + string(seats) + \" seats present, "
							+ quorumShort + " (\" + string("
							+ needed("seats", rule.quorumOfSeats(), rule.quorumComparator()) + ") + \") required\"",
					"false", "-", "-");
		}
		table.rule("NoVotes", null, "FAILED",
				"\"failed: no votes for or against were cast (\" + string(abstentions) + \" abstaining)\"",
				quorum ? "-" : null, "0", "-");
		table.rule("Carried", null, "CARRIED",
				"\"carried: " + counts + ", " + phrase + " required"
						+ (quorum ? "; quorum met with \" + string(membersPresent) + \" of \" + string(seats)"
								+ " + \" seats present\"" : "; no quorum required\""),
				quorum ? "-" : null, "-", "true");
		table.rule("Failed", null, "FAILED",
				"\"failed: " + counts + ", " + phrase + " required" + (tieFails ? " (a tie fails)" : "") + "\"",
				quorum ? "-" : null, "-", "false");
	}

	private void windowPolicy(Definitions definitions, String tag, int minDays, int maxDays) {
		String allowed = (minDays > 0) ? minDays + " to " + maxDays + " days allowed" : maxDays + " days allowed";
		Table table = new Table(definitions, "window-policy", "Voting window policy", tag, "WindowPolicy",
				"A member vote's window must end after it starts"
						+ ((minDays > 0) ? ", last at least " + minDays + " days" : "") + " and last at most " + maxDays
						+ " days. windowDays is the window length in days (fractions allowed).");
		table.input("Days", "Window length in days", "double", "windowDays");
		table.outputs();
		table.output("MinDays", "Shortest window (days)", "minDays", "integer");
		table.output("MaxDays", "Longest window (days)", "maxDays", "integer");
		String length = "\"a voting window of \" + string(decimal(windowDays, 1)) + \" days ";
		table.rule("NotAfterStart", null, "INVALID", "\"the voting window must end after it starts\"", "<= 0");
		table.extra(String.valueOf(minDays), String.valueOf(maxDays));
		if (minDays > 0) {
			table.rule("TooShort", null, "INVALID", length + "is shorter than the " + minDays + " days required\"",
					"< " + minDays);
			table.extra(String.valueOf(minDays), String.valueOf(maxDays));
		}
		table.rule("TooLong", null, "INVALID", length + "is longer than the " + maxDays + " days allowed\"",
				"> " + maxDays);
		table.extra(String.valueOf(minDays), String.valueOf(maxDays));
		table.rule("Valid", null, "VALID", length + "is within the " + allowed + "\"", "-");
		table.extra(String.valueOf(minDays), String.valueOf(maxDays));
	}

	/** {@code left * d > right * n} (or {@code >=}) for the fraction n/d. */
	static String compare(String left, String right, Fraction fraction, Comparator comparator) {
		return left + fraction.times(fraction.denominator()) + " " + comparator.symbol() + " " + right
				+ fraction.times(fraction.numerator());
	}

	/** "more than 75%", "at least two-thirds". */
	static String phrase(Comparator comparator, Fraction threshold) {
		return comparator.words() + " " + threshold.words();
	}

	/**
	 * Why a share fell short: "not more than the 75% required", "less than half
	 * required".
	 */
	private static String shortOf(Comparator comparator, Fraction threshold) {
		String words = threshold.words();
		String amount = "half".equals(words) ? words : "the " + words;
		return ((comparator == Comparator.MORE_THAN) ? "not more than " : "less than ") + amount + " required";
	}

	private static String atLeast(String left, String right, Fraction fraction) {
		return compare(left, right, fraction, Comparator.AT_LEAST);
	}

	/**
	 * The smallest whole number that meets the threshold: {@code floor(base * n / d) + 1}
	 * for "more than", {@code ceiling(base * n / d)} for "at least".
	 */
	static String needed(String base, Fraction fraction, Comparator comparator) {
		String share = base + fraction.times(fraction.numerator())
				+ ((fraction.denominator() == 1) ? "" : " / " + fraction.denominator());
		return (comparator == Comparator.MORE_THAN) ? "floor(" + share + ") + 1" : "ceiling(" + share + ")";
	}

	/** {@code numerator / denominator} as a percentage with {@code scale} decimals. */
	private static String percent(String numerator, String denominator, int scale) {
		return "(if " + denominator + " > 0 then string(decimal(" + numerator + " / " + denominator + " * 100, " + scale
				+ ")) else \"0\")";
	}

	private static String paren(String expression) {
		return expression.contains(" ") ? "(" + expression + ")" : expression;
	}

	private static String treatment(VoteRule rule) {
		if (rule.abstentions() == rule.spoiled()) {
			return "Abstentions and spoiled ballots " + treatmentWords(rule.abstentions()) + ".";
		}
		return "Abstentions " + treatmentWords(rule.abstentions()) + "; spoiled ballots "
				+ treatmentWords(rule.spoiled()) + ".";
	}

	private static String treatmentWords(Treatment treatment) {
		return switch (treatment) {
			case TURNOUT_ONLY -> "count in turnout only";
			case AS_VOTES_CAST -> "count as votes cast (like a no vote)";
			case NOT_COUNTED -> "are not counted";
		};
	}

	/** The closing note of a member-vote explanation (FEEL, inside a string). */
	private static String treatmentNote(VoteRule rule) {
		if (rule.abstentions() == rule.spoiled()) {
			return "\" + string(abstain) + \" abstentions and \" + string(spoiled) + \" spoiled ballots "
					+ treatmentWords(rule.abstentions());
		}
		return "\" + string(abstain) + \" abstentions " + treatmentWords(rule.abstentions())
				+ "; \" + string(spoiled) + \" spoiled ballots " + treatmentWords(rule.spoiled());
	}

	private Description description(String text) {
		Description description = this.model.newInstance(Description.class);
		description.setTextContent(text);
		return description;
	}

	private Text text(String content) {
		Text text = this.model.newInstance(Text.class);
		text.setTextContent(content);
		return text;
	}

	/**
	 * One decision with its decision table (hit policy FIRST), built column by column.
	 */
	private final class Table {

		private final DecisionTable table;

		private final String prefix;

		private Rule last;

		Table(Definitions definitions, String id, String name, String tag, String prefix, String description) {
			this.prefix = prefix;
			Decision decision = DmnGenerator.this.model.newInstance(Decision.class);
			decision.setId(id);
			decision.setName(name);
			decision.setVersionTag(tag);
			decision.setCamundaHistoryTimeToLiveString(HISTORY_TIME_TO_LIVE);
			decision.setDescription(description(description));
			definitions.addChildElement(decision);
			this.table = DmnGenerator.this.model.newInstance(DecisionTable.class);
			this.table.setId(prefix + "_Table");
			this.table.setHitPolicy(HitPolicy.FIRST);
			decision.addChildElement(this.table);
		}

		void input(String id, String label, String typeRef, String expression) {
			Input input = DmnGenerator.this.model.newInstance(Input.class);
			input.setId(this.prefix + "_Input_" + id);
			input.setLabel(label);
			InputExpression inputExpression = DmnGenerator.this.model.newInstance(InputExpression.class);
			inputExpression.setId(this.prefix + "_Expr_" + id);
			inputExpression.setTypeRef(typeRef);
			inputExpression.setText(text(expression));
			input.setInputExpression(inputExpression);
			this.table.getInputs().add(input);
		}

		void outputs() {
			output("Outcome", "Outcome", "outcome", "string");
			output("Explanation", "Explanation", "explanation", "string");
		}

		void output(String id, String label, String name, String typeRef) {
			Output output = DmnGenerator.this.model.newInstance(Output.class);
			output.setId(this.prefix + "_Output_" + id);
			output.setLabel(label);
			output.setName(name);
			output.setTypeRef(typeRef);
			this.table.getOutputs().add(output);
		}

		/**
		 * A rule: its input entries (null entries are skipped: inputs this table does not
		 * have), outcome and explanation.
		 */
		void rule(String id, String description, String outcome, String explanation, String... entries) {
			Rule rule = DmnGenerator.this.model.newInstance(Rule.class);
			String ruleId = this.prefix + "_Rule_" + id;
			rule.setId(ruleId);
			if (description != null) {
				rule.setDescription(description(description));
			}
			int n = 0;
			for (String entry : entries) {
				if (entry == null) {
					continue;
				}
				InputEntry inputEntry = DmnGenerator.this.model.newInstance(InputEntry.class);
				inputEntry.setId(ruleId + "_In" + (++n));
				inputEntry.setText(text(entry));
				rule.getInputEntries().add(inputEntry);
			}
			rule.getOutputEntries().add(outputEntry(ruleId + "_Outcome", "\"" + outcome + "\""));
			rule.getOutputEntries().add(outputEntry(ruleId + "_Explanation", explanation));
			this.table.getRules().add(rule);
			this.last = rule;
		}

		/**
		 * More output entries for the last rule (outputs beyond outcome and explanation).
		 */
		void extra(String... values) {
			int n = this.last.getOutputEntries().size();
			for (String value : values) {
				this.last.getOutputEntries().add(outputEntry(this.last.getId() + "_Out" + (++n), value));
			}
		}

		private OutputEntry outputEntry(String id, String expression) {
			OutputEntry entry = DmnGenerator.this.model.newInstance(OutputEntry.class);
			entry.setId(id);
			entry.setText(text(expression));
			return entry;
		}

	}

}
