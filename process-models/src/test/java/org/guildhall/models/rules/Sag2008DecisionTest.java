package org.guildhall.models.rules;

import java.util.Map;

import org.guildhall.models.support.RuleSetTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sag-2008}: more than 75% of votes cast; majority motions with a quorum of more
 * than half the seats.
 */
class Sag2008DecisionTest extends RuleSetTestSupport {

	Sag2008DecisionTest() {
		super("sag-2008");
	}

	@ParameterizedTest(name = "{0} yes, {1} no, {2} abstain, {3} spoiled -> {4}")
	@CsvSource({
			// exactly 75% is not MORE than 75%
			"750, 250, 0, 0, REJECTED", "751, 249, 0, 0, APPROVED",
			// abstentions and spoiled ballots never count as yes, whatever their number
			"750, 250, 5000, 0, REJECTED", "750, 250, 0, 5000, REJECTED", "3, 1, 0, 0, REJECTED",
			"4, 1, 100, 100, APPROVED",
			// ties and no votes at all
			"500, 500, 0, 0, REJECTED", "0, 0, 0, 0, REJECTED", "0, 0, 40, 3, REJECTED",
			// the seed's scale
			"9419, 2926, 120, 15, APPROVED", "120001, 40000, 0, 0, APPROVED", "120000, 40000, 0, 0, REJECTED" })
	void memberVoteNeedsMoreThanThreeQuartersOfVotesCast(long yes, long no, long abstain, long spoiled,
			String expected) {
		assertThat(memberVote(yes, no, abstain, spoiled, 200_000).outcome()).isEqualTo(expected);
	}

	@Test
	void memberVoteExplainsInWordsAndNumbers() {
		Decided approved = memberVote(751, 249, 12, 3, 2000);
		assertThat(approved.explanation()).startsWith("approved: 75.1% yes of 1000 votes cast > 75% required")
			.contains("751 yes, 751 needed")
			.contains("12 abstentions and 3 spoiled ballots count in turnout only");
		Decided rejected = memberVote(750, 250, 0, 0, 2000);
		assertThat(rejected.explanation()).startsWith("rejected: 75")
			.contains("not more than the 75% required")
			.contains("750 yes, 751 needed");
		assertThat(memberVote(9419, 2926, 0, 0, 160_000).explanation()).contains("76.3% yes of 12345 votes cast");
		assertThat(memberVote(0, 0, 7, 1, 10).explanation())
			.isEqualTo("rejected: no yes or no votes were cast (7 abstentions, 1 spoiled); "
					+ "nothing is approved without a yes/no vote");
	}

	@ParameterizedTest(name = "{0}: {1} for, {2} against, {3} abstaining, {4} of {5} seats -> {6}")
	@CsvSource({ "board-motion, 6, 4, 0, 10, 20, NO_QUORUM", "board-motion, 6, 4, 1, 11, 20, CARRIED",
			"board-motion, 5, 5, 1, 11, 20, FAILED", "board-motion, 0, 0, 11, 11, 20, FAILED",
			"board-motion, 3, 2, 6, 11, 20, CARRIED", "board-motion, 2, 3, 6, 11, 20, FAILED",
			"board-motion, 7, 0, 0, 7, 13, CARRIED", "board-motion, 6, 0, 0, 6, 13, NO_QUORUM",
			"committee-determination, 6, 4, 1, 11, 20, CARRIED", "committee-determination, 4, 4, 3, 11, 20, FAILED",
			"committee-determination, 9, 0, 0, 9, 18, NO_QUORUM", "final-decision, 40, 30, 1, 71, 71, CARRIED",
			"final-decision, 35, 35, 1, 71, 71, FAILED", "final-decision, 30, 5, 0, 35, 71, NO_QUORUM" })
	void motionsCarryByMajorityOfVotesCastWithQuorumOfMoreThanHalfTheSeats(String decision, long votesFor,
			long votesAgainst, long abstentions, long present, long seats, String expected) {
		assertThat(motion(decision, votesFor, votesAgainst, abstentions, present, seats).outcome()).isEqualTo(expected);
	}

	@Test
	void motionsExplainQuorumAndMajority() {
		assertThat(motion("board-motion", 48, 14, 2, 64, 71).explanation())
			.isEqualTo("carried: 48 for, 14 against, 2 abstaining; 77.4% of 62 votes cast > 50% required; "
					+ "quorum met with 64 of 71 seats present");
		assertThat(motion("board-motion", 6, 4, 0, 10, 20).explanation())
			.isEqualTo("no quorum: 10 of 20 seats present, more than half (11) required");
		assertThat(motion("final-decision", 5, 5, 1, 11, 20).explanation()).contains("a tie fails");
	}

	@ParameterizedTest(name = "ratification {0} yes, {1} no -> {2}")
	@CsvSource({ "501, 499, APPROVED", "500, 500, REJECTED", "0, 0, REJECTED", "1, 0, APPROVED" })
	void ratificationNeedsSimpleMajorityOfVotesCast(long yes, long no, String expected) {
		assertThat(decide("ratification-vote",
				Map.of("yes", yes, "no", no, "abstain", 3L, "spoiled", 0L, "eligible", 2000L))
			.outcome()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "window of {0} days is VALID")
	@ValueSource(doubles = { 0.01, 1, 21, 44.99, 45 })
	void windowOfAtMost45DaysIsValid(double days) {
		assertThat(decide("window-policy", Map.of("windowDays", days)).outcome()).isEqualTo("VALID");
	}

	@ParameterizedTest(name = "window of {0} days is INVALID")
	@ValueSource(doubles = { -3, 0, 45.01, 60 })
	void windowNotAfterStartOrLongerThan45DaysIsInvalid(double days) {
		Decided decided = decide("window-policy", Map.of("windowDays", days));
		assertThat(decided.outcome()).isEqualTo("INVALID");
		assertThat(decided.explanation()).isNotBlank();
	}

	@Test
	void windowPolicyNamesTheLimit() {
		assertThat(decide("window-policy", Map.of("windowDays", 46.0)).explanation())
			.isEqualTo("a voting window of 46.0 days is longer than the 45 days allowed");
	}

}
