package org.guildhall.engine.rules;

import org.guildhall.engine.rules.RuleSetParameters.Base;
import org.guildhall.engine.rules.RuleSetParameters.Comparator;
import org.guildhall.engine.rules.RuleSetParameters.Treatment;
import org.guildhall.engine.rules.RuleSetParameters.VoteRule;

/**
 * A member-vote rule ({@link VoteRule}) decided in Java with exactly the whole-number
 * comparisons of the DMN that {@link DmnGenerator} generates from it (and of the shipped,
 * hand-made tables), in the same order as the table's FIRST hit policy:
 * <ol>
 * <li>no yes and no votes ({@code yes + no = 0}): rejected;</li>
 * <li>a turnout quorum not met ({@code returned * d >= eligible * n} false):
 * rejected;</li>
 * <li>yes below the share of eligible members required: rejected;</li>
 * <li>{@code yes * d > base * n} (or {@code >=}): approved, else rejected.</li>
 * </ol>
 * Thousands of times faster than Camunda's FEEL, for sweeps over a grid of counts; the
 * agreement with the DMN is proved by {@code RuleSweepAgreesWithDmnTest}. Counts must be
 * at most {@link RuleSweep#MAX_ELIGIBLE} so no product overflows (denominators are at
 * most 1,000,000).
 */
public final class VoteArithmetic {

	private final long thresholdNumerator;

	private final long thresholdDenominator;

	private final boolean strict;

	private final Base base;

	private final boolean abstainReturned;

	private final boolean spoiledReturned;

	private final boolean abstainCast;

	private final boolean spoiledCast;

	private final long turnoutNumerator;

	private final long turnoutDenominator;

	private final long yesNumerator;

	private final long yesDenominator;

	private VoteArithmetic(VoteRule rule) {
		this.thresholdNumerator = rule.threshold().numerator();
		this.thresholdDenominator = rule.threshold().denominator();
		this.strict = rule.comparator() == Comparator.MORE_THAN;
		this.base = rule.base();
		this.abstainReturned = rule.abstentions() != Treatment.NOT_COUNTED;
		this.spoiledReturned = rule.spoiled() != Treatment.NOT_COUNTED;
		this.abstainCast = rule.abstentions() == Treatment.AS_VOTES_CAST;
		this.spoiledCast = rule.spoiled() == Treatment.AS_VOTES_CAST;
		this.turnoutNumerator = rule.minTurnoutOfEligible().numerator();
		this.turnoutDenominator = rule.minTurnoutOfEligible().denominator();
		this.yesNumerator = rule.minYesOfEligible().numerator();
		this.yesDenominator = rule.minYesOfEligible().denominator();
	}

	/** The arithmetic of {@code rule}; must not be null. */
	public static VoteArithmetic of(VoteRule rule) {
		return new VoteArithmetic(rule);
	}

	/**
	 * Whether the vote is approved ({@code APPROVED}) rather than rejected. All counts at
	 * least 0 and at most {@link RuleSweep#MAX_ELIGIBLE}.
	 */
	public boolean approves(long yes, long no, long abstain, long spoiled, long eligible) {
		if (yes + no == 0) {
			return false;
		}
		if (this.turnoutNumerator != 0) {
			long returned = yes + no + (this.abstainReturned ? abstain : 0) + (this.spoiledReturned ? spoiled : 0);
			if (returned * this.turnoutDenominator < eligible * this.turnoutNumerator) {
				return false;
			}
		}
		if (this.yesNumerator != 0 && yes * this.yesDenominator < eligible * this.yesNumerator) {
			return false;
		}
		long of = switch (this.base) {
			case VOTES_CAST -> yes + no + (this.abstainCast ? abstain : 0) + (this.spoiledCast ? spoiled : 0);
			case BALLOTS_RETURNED ->
				yes + no + (this.abstainReturned ? abstain : 0) + (this.spoiledReturned ? spoiled : 0);
			case ELIGIBLE -> eligible;
		};
		long left = yes * this.thresholdDenominator;
		long right = of * this.thresholdNumerator;
		return this.strict ? left > right : left >= right;
	}

}
