package org.guildhall.engine.rules;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.guildhall.engine.rules.RuleSetParameters.Base;
import org.guildhall.engine.rules.RuleSetParameters.Comparator;
import org.guildhall.engine.rules.RuleSetParameters.Treatment;
import org.guildhall.engine.rules.RuleSetParameters.VoteRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sweep's whole-number arithmetic and its grid, against outcomes worked out by hand.
 */
class RuleSweepTest {

	static final VoteArithmetic SAG = VoteArithmetic.of(new VoteRule(new Fraction(3, 4), Comparator.MORE_THAN,
			Base.VOTES_CAST, Treatment.TURNOUT_ONLY, Treatment.TURNOUT_ONLY, Fraction.ZERO, Fraction.ZERO));

	static final VoteArithmetic TWO_THIRDS = VoteArithmetic.of(new VoteRule(new Fraction(2, 3), Comparator.AT_LEAST,
			Base.VOTES_CAST, Treatment.TURNOUT_ONLY, Treatment.TURNOUT_ONLY, Fraction.ZERO, Fraction.ZERO));

	static final VoteArithmetic UK = VoteArithmetic.of(new VoteRule(new Fraction(1, 2), Comparator.MORE_THAN,
			Base.VOTES_CAST, Treatment.TURNOUT_ONLY, Treatment.TURNOUT_ONLY, new Fraction(1, 2), new Fraction(2, 5)));

	@Test
	void moreThanSeventyFivePercentIsStrict() {
		assertThat(SAG.approves(749, 251, 0, 0, 2000)).isFalse();
		assertThat(SAG.approves(750, 250, 0, 0, 2000)).isFalse();
		assertThat(SAG.approves(751, 249, 0, 0, 2000)).isTrue();
		// abstentions count in turnout only: they do not dilute the share
		assertThat(SAG.approves(751, 249, 500, 20, 2000)).isTrue();
	}

	@Test
	void atLeastTwoThirdsIncludesExactlyTwoThirds() {
		assertThat(TWO_THIRDS.approves(2, 1, 0, 0, 3)).isTrue();
		assertThat(TWO_THIRDS.approves(666666, 333333, 0, 0, 1_000_000)).isTrue();
		assertThat(TWO_THIRDS.approves(666665, 333334, 0, 0, 1_000_000)).isFalse();
		assertThat(TWO_THIRDS.approves(749, 251, 0, 0, 2000)).isTrue();
	}

	@Test
	void nothingPassesWithoutAYesOrNoVote() {
		assertThat(SAG.approves(0, 0, 10, 3, 13)).isFalse();
		assertThat(TWO_THIRDS.approves(0, 0, 0, 0, 1)).isFalse();
		assertThat(VoteArithmetic
			.of(new VoteRule(new Fraction(1, 10), Comparator.AT_LEAST, Base.ELIGIBLE, Treatment.TURNOUT_ONLY,
					Treatment.TURNOUT_ONLY, Fraction.ZERO, Fraction.ZERO))
			.approves(0, 0, 100, 0, 100)).isFalse();
	}

	@Test
	void aTieFailsAMajority() {
		assertThat(UK.approves(300, 300, 0, 0, 1000)).isFalse();
		assertThat(UK.approves(401, 399, 0, 0, 1000)).isTrue();
	}

	@Test
	void turnoutAndYesOfEligibleAreAtLeast() {
		// turnout exactly 50% (with an abstention), yes exactly 40% of eligible
		assertThat(UK.approves(400, 99, 1, 0, 1000)).isTrue();
		assertThat(UK.approves(400, 98, 1, 0, 1000)).as("turnout 49.9%").isFalse();
		assertThat(UK.approves(399, 101, 0, 0, 1000)).as("yes 39.9% of eligible").isFalse();
	}

	@Test
	void treatmentsOfAbstentions() {
		VoteArithmetic asCast = VoteArithmetic.of(new VoteRule(new Fraction(1, 2), Comparator.MORE_THAN,
				Base.VOTES_CAST, Treatment.AS_VOTES_CAST, Treatment.TURNOUT_ONLY, Fraction.ZERO, Fraction.ZERO));
		assertThat(asCast.approves(60, 40, 0, 30, 200)).isTrue();
		assertThat(asCast.approves(60, 40, 30, 0, 200)).as("60 of 130 votes cast").isFalse();
		VoteArithmetic notCounted = VoteArithmetic.of(new VoteRule(new Fraction(1, 2), Comparator.MORE_THAN,
				Base.VOTES_CAST, Treatment.NOT_COUNTED, Treatment.NOT_COUNTED, new Fraction(1, 2), Fraction.ZERO));
		assertThat(notCounted.approves(60, 39, 10, 0, 200)).as("99 returned of 200: abstentions not counted").isFalse();
	}

	@Test
	void aCellMapsToFlooredCounts() throws IOException {
		SweepGrid grid = new RuleSweep(null).sweep(shipped("sag-2008"), shipped("two-thirds"), 999, 100);
		assertThat(grid.cells()).isEqualTo(101 * 101);
		assertThat(grid.percent(75)).isEqualTo(75.0);
		assertThat(grid.cast(0)).isZero();
		assertThat(grid.cast(50)).isEqualTo(499); // floor(999 * 50 / 100)
		assertThat(grid.cast(100)).isEqualTo(999);
		assertThat(grid.yes(100, 75)).isEqualTo(749); // floor(999 * 75 / 100)
		assertThat(grid.no(100, 75)).isEqualTo(250);
		assertThat(grid.approvedA(100, 75)).as("749 of 999 is 74.97%").isFalse();
		assertThat(grid.approvedB(100, 75)).isTrue();
		assertThat(grid.differs(100, 75)).isTrue();
		assertThat(grid.approvedA(0, 100)).as("nobody voted").isFalse();
		assertThat(grid.coarsened()).isFalse();
		assertThat(grid.methodA()).isEqualTo(SweepGrid.Method.PARAMETERS);
	}

	@Test
	void disagreementsAreCountedCellByCell() throws IOException {
		SweepGrid grid = new RuleSweep(null).sweep(shipped("sag-2008"), shipped("two-thirds"), 1000, 100);
		int expected = 0;
		for (int t = 1; t <= 100; t++) {
			long cast = 1000L * t / 100;
			for (int y = 0; y <= 100; y++) {
				long yes = cast * y / 100;
				double share = (cast == 0) ? 0 : (double) yes / cast;
				boolean sag = share > 0.75 + 1e-12;
				boolean twoThirds = share >= 2.0 / 3 - 1e-12;
				expected += (sag != twoThirds) ? 1 : 0;
			}
		}
		assertThat(grid.disagreements()).isEqualTo(expected).isPositive();
		assertThat(grid.approvalsB()).isGreaterThan(grid.approvalsA());
	}

	@Test
	void refusesARollOrGridOutOfRange() throws IOException {
		RuleSweep sweep = new RuleSweep(null);
		RuleSetVersion sag = shipped("sag-2008");
		assertThatThrownBy(() -> sweep.sweep(sag, sag, 0, 10)).isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining("eligible");
		assertThatThrownBy(() -> sweep.sweep(sag, sag, RuleSweep.MAX_ELIGIBLE + 1, 10))
			.isInstanceOf(RuleSetException.Invalid.class);
		assertThatThrownBy(() -> sweep.sweep(sag, sag, 100, 1)).isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining("steps");
		assertThatThrownBy(() -> sweep.sweep(sag, sag, 100, RuleSweep.MAX_STEPS + 1))
			.isInstanceOf(RuleSetException.Invalid.class);
	}

	@Test
	void tenThousandCellsForTwoRuleSetsTakeFarLessThanASecond() throws IOException {
		// not a timed assertion (the benchmark times it): the grid is complete and sane
		SweepGrid grid = new RuleSweep(null).sweep(shipped("majority-turnout-50-yes-40"), shipped("sag-2008"), 52_000,
				100);
		assertThat(grid.cells()).isEqualTo(10_201);
		assertThat(grid.approvalsA()).isPositive();
		assertThat(grid.approvalsB()).isPositive();
	}

	static RuleSetVersion shipped(String key) throws IOException {
		return new RuleSetVersion(key, 1, key, "test",
				new ObjectMapper().readTree(GeneratedDmnAgreesWithShippedTest.resource("rulesets/" + key + ".json")),
				RuleSetSource.SHIPPED, RuleSetState.APPROVED, "0", "system", Instant.EPOCH, "system", Instant.EPOCH,
				null);
	}

}
