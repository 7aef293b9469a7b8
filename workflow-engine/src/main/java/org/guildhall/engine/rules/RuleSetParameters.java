package org.guildhall.engine.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parameters of a rule-set version, validated (DESIGN.md "Rule-set parameters"): how
 * the member vote, the ratification vote, the board, the committee and the board's final
 * decision are decided, and the voting window's length. Guildhall generates the DMN of a
 * version from these ({@link DmnGenerator}).
 *
 * @param key the rule set's key ({@code a-z}, {@code 0-9}, {@code -})
 * @param name a short human name, or null to keep the previous version's
 * @param citation the bylaw or statute, or null to keep the previous version's
 * @param memberVote the strike authorization vote
 * @param ratification the contract ratification vote
 * @param board the national board's motions
 * @param committee the negotiating committee's determination
 * @param finalDecision the board's final strike decision
 * @param windowMinDays the shortest voting window in days (0: no minimum)
 * @param windowMaxDays the longest voting window in days
 */
public record RuleSetParameters(String key, String name, String citation, VoteRule memberVote, VoteRule ratification,
		MotionRule board, MotionRule committee, MotionRule finalDecision, int windowMinDays, int windowMaxDays) {

	/** What a rule-set key looks like. */
	public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

	/**
	 * Control characters: none belongs in a name or citation (PostgreSQL refuses NUL).
	 */
	private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

	private static final Set<String> TOP = Set.of("key", "version", "name", "citation", "memberVote", "ratification",
			"board", "committee", "finalDecision");

	private static final Set<String> VOTE = Set.of("threshold", "comparator", "base", "abstentions", "spoiled",
			"minTurnoutOfEligible", "minYesOfEligible");

	private static final Set<String> MEMBER_VOTE = union(VOTE, Set.of("windowMinDays", "windowMaxDays"));

	private static final Set<String> MOTION = Set.of("quorumOfSeats", "quorumComparator", "threshold", "comparator",
			"base");

	/** How a share is compared with its threshold. */
	public enum Comparator {

		/** Strictly more than ({@code >}). */
		MORE_THAN(">", "more than"),
		/** At least ({@code >=}). */
		AT_LEAST(">=", "at least");

		private final String symbol;

		private final String words;

		Comparator(String symbol, String words) {
			this.symbol = symbol;
			this.words = words;
		}

		/** {@code >} or {@code >=}, as JSON and FEEL write it. */
		public String symbol() {
			return this.symbol;
		}

		/** "more than" or "at least". */
		public String words() {
			return this.words;
		}

		static Comparator parse(String field, String value) {
			return switch (value.trim()) {
				case ">" -> MORE_THAN;
				case ">=", "≥", "=>" -> AT_LEAST;
				default -> throw new RuleSetException.Invalid(field,
						field + " must be \">\" (more than) or \">=\" (at least), not \"" + value + "\"");
			};
		}

	}

	/** What a threshold is a share of. */
	public enum Base {

		/**
		 * Votes cast: yes + no (for + against), plus abstentions or spoiled ballots
		 * counted as votes cast.
		 */
		VOTES_CAST,
		/**
		 * Ballots returned: every counted ballot, yes, no, abstain and spoiled (a motion:
		 * for + against + abstentions).
		 */
		BALLOTS_RETURNED,
		/** Every eligible member (a motion: every seat). */
		ELIGIBLE

	}

	/** How abstentions or spoiled ballots of a member vote count. */
	public enum Treatment {

		/**
		 * Counted as ballots returned (turnout, a {@code BALLOTS_RETURNED} base), never
		 * as votes cast.
		 */
		TURNOUT_ONLY,
		/**
		 * Counted as votes cast too: in a {@code VOTES_CAST} base they weigh like a no
		 * vote.
		 */
		AS_VOTES_CAST,
		/** Not counted at all: neither turnout nor any base. */
		NOT_COUNTED

	}

	/**
	 * How a member vote (strike authorization or ratification) passes.
	 *
	 * @param threshold the share of {@code base} yes must reach
	 * @param comparator more than, or at least, the threshold
	 * @param base what the threshold is a share of
	 * @param abstentions how abstentions count
	 * @param spoiled how spoiled ballots count
	 * @param minTurnoutOfEligible ballots returned must be at least this share of
	 * eligible members (0: no turnout quorum)
	 * @param minYesOfEligible yes votes must be at least this share of eligible members
	 * (0: none)
	 */
	public record VoteRule(Fraction threshold, Comparator comparator, Base base, Treatment abstentions,
			Treatment spoiled, Fraction minTurnoutOfEligible, Fraction minYesOfEligible) {

		/** A simple majority of votes cast, no quorum: the default ratification rule. */
		public static final VoteRule SIMPLE_MAJORITY = new VoteRule(new Fraction(1, 2), Comparator.MORE_THAN,
				Base.VOTES_CAST, Treatment.TURNOUT_ONLY, Treatment.TURNOUT_ONLY, Fraction.ZERO, Fraction.ZERO);

	}

	/**
	 * How a motion of a body with seats (board, committee) carries.
	 *
	 * @param quorumOfSeats members present must be more than (or at least, see
	 * {@code quorumComparator}) this share of the seats (0: no quorum)
	 * @param quorumComparator more than (the default) or at least the quorum share
	 * @param threshold the share of {@code base} votes for must reach
	 * @param comparator more than, or at least, the threshold
	 * @param base what the threshold is a share of
	 */
	public record MotionRule(Fraction quorumOfSeats, Comparator quorumComparator, Fraction threshold,
			Comparator comparator, Base base) {

		/**
		 * A majority of votes cast with more than half the seats present, as every
		 * shipped rule set.
		 */
		public static final MotionRule MAJORITY = new MotionRule(new Fraction(1, 2), Comparator.MORE_THAN,
				new Fraction(1, 2), Comparator.MORE_THAN, Base.VOTES_CAST);

	}

	/**
	 * Reads and validates parameters JSON.
	 * @throws RuleSetException.Invalid naming the first field at fault
	 */
	public static RuleSetParameters parse(JsonNode json) {
		if (json == null || !json.isObject()) {
			throw new RuleSetException.Invalid(null, "the rule set must be a JSON object");
		}
		known(json, "", TOP);
		String key = text(json, "key");
		if (key == null) {
			throw new RuleSetException.Invalid("key", "key is required, e.g. \"sixty-percent\"");
		}
		if (!KEY.matcher(key).matches()) {
			throw new RuleSetException.Invalid("key", "key \"" + key
					+ "\" must be 2 to 63 characters: lower-case letters, digits and hyphens, starting with a letter or digit");
		}
		String name = text(json, "name");
		String citation = text(json, "citation");
		if (name != null && name.length() > 200) {
			throw new RuleSetException.Invalid("name", "name must be at most 200 characters");
		}
		if (citation != null && citation.length() > 2000) {
			throw new RuleSetException.Invalid("citation", "citation must be at most 2000 characters");
		}
		requirePlainText("name", name);
		requirePlainText("citation", citation);
		JsonNode memberVoteJson = json.path("memberVote");
		if (!memberVoteJson.isObject()) {
			throw new RuleSetException.Invalid("memberVote",
					"memberVote is required: {\"threshold\": 0.6, \"comparator\": \">=\", \"base\": \"VOTES_CAST\", ...}");
		}
		known(memberVoteJson, "memberVote.", MEMBER_VOTE);
		VoteRule memberVote = vote(memberVoteJson, "memberVote.", null);
		int windowMin = days(memberVoteJson, "memberVote.windowMinDays", 0);
		int windowMax = days(memberVoteJson, "memberVote.windowMaxDays", 45);
		if (windowMax < 1) {
			throw new RuleSetException.Invalid("memberVote.windowMaxDays",
					"memberVote.windowMaxDays must be at least 1 day");
		}
		if (windowMin > windowMax) {
			throw new RuleSetException.Invalid("memberVote.windowMinDays", "memberVote.windowMinDays (" + windowMin
					+ ") must not exceed memberVote.windowMaxDays (" + windowMax + ")");
		}
		JsonNode ratificationJson = json.path("ratification");
		VoteRule ratification = VoteRule.SIMPLE_MAJORITY;
		if (!ratificationJson.isMissingNode() && !ratificationJson.isNull()) {
			object(ratificationJson, "ratification");
			known(ratificationJson, "ratification.", VOTE);
			ratification = vote(ratificationJson, "ratification.", VoteRule.SIMPLE_MAJORITY);
		}
		MotionRule board = motion(json.path("board"), "board", MotionRule.MAJORITY);
		MotionRule committee = motion(json.path("committee"), "committee", MotionRule.MAJORITY);
		MotionRule finalDecision = motion(json.path("finalDecision"), "finalDecision", board);
		return new RuleSetParameters(key, name, citation, memberVote, ratification, board, committee, finalDecision,
				windowMin, windowMax);
	}

	/** The same parameters with the name and citation given. */
	public RuleSetParameters named(String newName, String newCitation) {
		return new RuleSetParameters(this.key, newName, newCitation, this.memberVote, this.ratification, this.board,
				this.committee, this.finalDecision, this.windowMinDays, this.windowMaxDays);
	}

	/**
	 * These parameters as JSON, every default written out, in the shape
	 * {@link #parse(JsonNode)} reads.
	 */
	public ObjectNode toJson(int version) {
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		json.put("key", this.key);
		json.put("version", version);
		json.put("name", this.name);
		json.put("citation", this.citation);
		ObjectNode memberVoteJson = vote(json.putObject("memberVote"), this.memberVote);
		memberVoteJson.put("windowMinDays", this.windowMinDays);
		memberVoteJson.put("windowMaxDays", this.windowMaxDays);
		vote(json.putObject("ratification"), this.ratification);
		motion(json.putObject("board"), this.board);
		motion(json.putObject("committee"), this.committee);
		motion(json.putObject("finalDecision"), this.finalDecision);
		return json;
	}

	private static ObjectNode vote(ObjectNode json, VoteRule rule) {
		share(json, "threshold", rule.threshold());
		json.put("comparator", rule.comparator().symbol());
		json.put("base", rule.base().name());
		json.put("abstentions", rule.abstentions().name());
		json.put("spoiled", rule.spoiled().name());
		share(json, "minTurnoutOfEligible", rule.minTurnoutOfEligible());
		share(json, "minYesOfEligible", rule.minYesOfEligible());
		return json;
	}

	private static void motion(ObjectNode json, MotionRule rule) {
		share(json, "quorumOfSeats", rule.quorumOfSeats());
		json.put("quorumComparator", rule.quorumComparator().symbol());
		share(json, "threshold", rule.threshold());
		json.put("comparator", rule.comparator().symbol());
		json.put("base", rule.base().name());
	}

	private static void share(ObjectNode json, String field, Fraction fraction) {
		Object value = fraction.jsonValue();
		if (value instanceof BigDecimal decimal) {
			json.put(field, decimal);
		}
		else {
			json.put(field, (String) value);
		}
	}

	private static VoteRule vote(JsonNode json, String prefix, VoteRule defaults) {
		Fraction threshold = share(json, prefix + "threshold", (defaults != null) ? defaults.threshold() : null);
		Comparator comparator = comparator(json, prefix + "comparator",
				(defaults != null) ? defaults.comparator() : null);
		Base base = choice(json, prefix + "base", Base.class, (defaults != null) ? defaults.base() : Base.VOTES_CAST);
		Treatment abstentions = choice(json, prefix + "abstentions", Treatment.class, Treatment.TURNOUT_ONLY);
		Treatment spoiled = choice(json, prefix + "spoiled", Treatment.class, Treatment.TURNOUT_ONLY);
		Fraction turnout = share(json, prefix + "minTurnoutOfEligible", Fraction.ZERO);
		Fraction yesOfEligible = share(json, prefix + "minYesOfEligible", Fraction.ZERO);
		if (threshold.isZero() && comparator == Comparator.AT_LEAST) {
			throw new RuleSetException.Invalid(prefix + "threshold",
					prefix + "threshold: \"at least 0%\" would pass every vote; give a threshold above 0");
		}
		if (threshold.numerator() == threshold.denominator() && comparator == Comparator.MORE_THAN) {
			throw new RuleSetException.Invalid(prefix + "threshold",
					prefix + "threshold: \"more than 100%\" can never pass; use \">=\" for unanimity");
		}
		return new VoteRule(threshold, comparator, base, abstentions, spoiled, turnout, yesOfEligible);
	}

	private static MotionRule motion(JsonNode json, String name, MotionRule defaults) {
		if (json.isMissingNode() || json.isNull()) {
			return defaults;
		}
		object(json, name);
		String prefix = name + ".";
		known(json, prefix, MOTION);
		Fraction quorum = share(json, prefix + "quorumOfSeats", defaults.quorumOfSeats());
		Comparator quorumComparator = comparator(json, prefix + "quorumComparator", defaults.quorumComparator());
		Fraction threshold = share(json, prefix + "threshold", defaults.threshold());
		Comparator comparator = comparator(json, prefix + "comparator", defaults.comparator());
		Base base = choice(json, prefix + "base", Base.class, defaults.base());
		if (quorum.numerator() == quorum.denominator() && quorumComparator == Comparator.MORE_THAN) {
			throw new RuleSetException.Invalid(prefix + "quorumOfSeats", prefix
					+ "quorumOfSeats: \"more than all seats\" can never be met; use quorumComparator \">=\" for all seats");
		}
		if (threshold.isZero() && comparator == Comparator.AT_LEAST) {
			throw new RuleSetException.Invalid(prefix + "threshold",
					prefix + "threshold: \"at least 0%\" would carry every motion; give a threshold above 0");
		}
		if (threshold.numerator() == threshold.denominator() && comparator == Comparator.MORE_THAN) {
			throw new RuleSetException.Invalid(prefix + "threshold",
					prefix + "threshold: \"more than 100%\" can never carry; use \">=\" for unanimity");
		}
		return new MotionRule(quorum, quorumComparator, threshold, comparator, base);
	}

	private static void object(JsonNode json, String field) {
		if (!json.isObject()) {
			throw new RuleSetException.Invalid(field, field + " must be a JSON object");
		}
	}

	private static void known(JsonNode json, String prefix, Set<String> known) {
		for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
			String field = names.next();
			if (!known.contains(field)) {
				List<String> sorted = new ArrayList<>(known);
				sorted.sort(null);
				throw new RuleSetException.Invalid(prefix + field,
						prefix + field + " is not a known parameter; known here: " + sorted);
			}
		}
	}

	private static String text(JsonNode json, String field) {
		JsonNode value = json.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return null;
		}
		if (!value.isTextual()) {
			throw new RuleSetException.Invalid(field, field + " must be text");
		}
		String text = value.asText().trim();
		return text.isEmpty() ? null : text;
	}

	private static Fraction share(JsonNode json, String path, Fraction defaultValue) {
		JsonNode value = json.path(path.substring(path.lastIndexOf('.') + 1));
		if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
			if (defaultValue == null) {
				throw new RuleSetException.Invalid(path, path
						+ " is required: a decimal from 0 to 1 (0.6), a percentage (\"60%\") or a fraction (\"2/3\")");
			}
			return defaultValue;
		}
		try {
			if (value.isNumber()) {
				return Fraction.decimal(value.decimalValue());
			}
			if (value.isTextual()) {
				return Fraction.parse(value.asText());
			}
		}
		catch (IllegalArgumentException ex) {
			throw new RuleSetException.Invalid(path, path + ": " + ex.getMessage());
		}
		throw new RuleSetException.Invalid(path,
				path + " must be a decimal from 0 to 1 (0.6), a percentage (\"60%\") or a fraction (\"2/3\")");
	}

	private static Comparator comparator(JsonNode json, String path, Comparator defaultValue) {
		JsonNode value = json.path(path.substring(path.lastIndexOf('.') + 1));
		if (value.isMissingNode() || value.isNull()) {
			if (defaultValue == null) {
				throw new RuleSetException.Invalid(path, path + " is required: \">\" (more than) or \">=\" (at least)");
			}
			return defaultValue;
		}
		return Comparator.parse(path, value.asText());
	}

	private static <E extends Enum<E>> E choice(JsonNode json, String path, Class<E> type, E defaultValue) {
		JsonNode value = json.path(path.substring(path.lastIndexOf('.') + 1));
		if (value.isMissingNode() || value.isNull()) {
			return defaultValue;
		}
		try {
			return Enum.valueOf(type, value.asText().trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			List<String> names = new ArrayList<>();
			for (E constant : type.getEnumConstants()) {
				names.add(constant.name());
			}
			throw new RuleSetException.Invalid(path,
					path + " must be one of " + names + ", not \"" + value.asText() + "\"");
		}
	}

	private static int days(JsonNode json, String path, int defaultValue) {
		JsonNode value = json.path(path.substring(path.lastIndexOf('.') + 1));
		if (value.isMissingNode() || value.isNull()) {
			return defaultValue;
		}
		if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 366) {
			throw new RuleSetException.Invalid(path, path + " must be a whole number of days from 0 to 366");
		}
		return value.asInt();
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		java.util.HashSet<String> all = new java.util.HashSet<>(a);
		all.addAll(b);
		return Set.copyOf(all);
	}

	/**
	 * Refuses control characters in a name or citation.
	 * @throws RuleSetException.Invalid naming the field
	 */
	static void requirePlainText(String field, String text) {
		if (text != null && CONTROL.matcher(text).find()) {
			throw new RuleSetException.Invalid(field,
					field + " must not contain control characters (line breaks, tabs, NUL)");
		}
	}

}
