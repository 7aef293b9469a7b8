package org.guildhall.models.rules;

import org.guildhall.models.support.RuleSetTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code majority-turnout-50}: at least 50% of eligible return a ballot, and yes more
 * than no.
 */
class MajorityTurnout50DecisionTest extends RuleSetTestSupport {

	MajorityTurnout50DecisionTest() {
		super("majority-turnout-50");
	}

	@ParameterizedTest(name = "{0} yes, {1} no, {2} abstain, {3} spoiled of 10000 eligible -> {4}")
	@CsvSource({
			// 49.99% turnout fails, 50% passes; abstentions and spoiled ballots count in
			// turnout
			"3000, 1000, 999, 0, REJECTED", "3000, 1000, 1000, 0, APPROVED", "3000, 1000, 0, 1000, APPROVED",
			"4999, 0, 0, 0, REJECTED", "5000, 0, 0, 0, APPROVED",
			// a majority of votes cast, ties fail, abstentions never yes
			"2500, 2500, 0, 0, REJECTED", "2501, 2499, 0, 0, APPROVED", "2000, 2100, 4000, 0, REJECTED",
			"0, 0, 6000, 0, REJECTED" })
	void memberVoteNeedsHalfTheEligibleToVoteAndMoreYesThanNo(long yes, long no, long abstain, long spoiled,
			String expected) {
		assertThat(memberVote(yes, no, abstain, spoiled, 10_000).outcome()).isEqualTo(expected);
	}

	@Test
	void explanationGivesTurnoutToTheHundredth() {
		assertThat(memberVote(3000, 1000, 999, 0, 10_000).explanation())
			.isEqualTo("rejected: turnout 49.99% of 10000 eligible (4999 ballots returned), at least 50% required");
		assertThat(memberVote(3000, 1000, 1000, 0, 10_000).explanation()).startsWith("approved: 3000 yes to 1000 no")
			.contains("turnout 50.00% of 10000 eligible");
	}

}
