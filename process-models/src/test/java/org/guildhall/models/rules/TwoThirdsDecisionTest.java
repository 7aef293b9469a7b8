package org.guildhall.models.rules;

import org.guildhall.models.support.RuleSetTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code two-thirds}: yes at least two-thirds of votes cast, computed in whole numbers.
 */
class TwoThirdsDecisionTest extends RuleSetTestSupport {

	TwoThirdsDecisionTest() {
		super("two-thirds");
	}

	@ParameterizedTest(name = "{0} yes, {1} no, {2} abstain -> {3}")
	@CsvSource({
			// exactly two-thirds passes (>=), at every scale, with no rounding involved
			"200, 100, 0, APPROVED", "2, 1, 0, APPROVED", "666666, 333333, 0, APPROVED", "666665, 333334, 0, REJECTED",
			"199, 101, 0, REJECTED",
			// abstentions are not votes cast and never yes
			"199, 101, 1000, REJECTED", "0, 0, 10, REJECTED", "1, 1, 0, REJECTED", "1, 0, 0, APPROVED" })
	void memberVoteNeedsTwoThirdsOfVotesCast(long yes, long no, long abstain, String expected) {
		assertThat(memberVote(yes, no, abstain, 0, 2_000_000).outcome()).isEqualTo(expected);
	}

	@Test
	void explanationNamesTheThresholdAndTheVotesNeeded() {
		assertThat(memberVote(200, 100, 0, 0, 1000).explanation())
			.startsWith("approved: 66.7% yes of 300 votes cast, at least two-thirds required (200 yes, 200 needed)");
		assertThat(memberVote(749, 251, 0, 0, 1000).explanation()).startsWith("approved: 74.9% yes");
		assertThat(memberVote(199, 101, 0, 0, 1000).explanation()).contains("less than the two-thirds required");
	}

	@Test
	void motionsAreTheSameAsSag2008() {
		assertThat(motion("board-motion", 6, 4, 1, 11, 20).outcome()).isEqualTo("CARRIED");
		assertThat(motion("board-motion", 6, 4, 0, 10, 20).outcome()).isEqualTo("NO_QUORUM");
	}

}
