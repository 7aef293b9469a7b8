package org.guildhall.models.rules;

import org.guildhall.models.support.RuleSetTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code majority-turnout-50-yes-40}: 50% turnout, yes more than no, and yes from at
 * least 40% of eligible.
 */
class MajorityTurnout50Yes40DecisionTest extends RuleSetTestSupport {

	MajorityTurnout50Yes40DecisionTest() {
		super("majority-turnout-50-yes-40");
	}

	@ParameterizedTest(name = "{0} yes, {1} no, {2} abstain of 10000 eligible -> {3}")
	@CsvSource({ "3999, 2001, 0, REJECTED", "4000, 2000, 0, APPROVED", "4000, 0, 999, REJECTED",
			"4000, 0, 1000, APPROVED", "3999, 1000, 5000, REJECTED", "4000, 4000, 0, REJECTED",
			"0, 0, 10000, REJECTED" })
	void memberVoteAlsoNeedsYesFromFortyPercentOfEligible(long yes, long no, long abstain, String expected) {
		assertThat(memberVote(yes, no, abstain, 0, 10_000).outcome()).isEqualTo(expected);
	}

	@Test
	void explanationNamesTheFortyPercentRule() {
		assertThat(memberVote(3999, 2001, 0, 0, 10_000).explanation()).isEqualTo(
				"rejected: yes votes are 39.99% of 10000 eligible (3999 yes, 4000 needed), at least 40% required");
		assertThat(memberVote(4000, 2000, 0, 0, 10_000).explanation())
			.endsWith("yes votes are 40.00% of eligible, at least 40% required");
	}

}
