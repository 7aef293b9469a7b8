package org.guildhall.web.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule-set parameters in plain words, for the shapes the shipped rule sets use. */
class RuleSetWordingTest {

	static JsonNode json(String text) throws Exception {
		return new ObjectMapper().readTree(text);
	}

	@Test
	void sag2008() throws Exception {
		assertThat(RuleSetWording.rules(json(CaseControllerTest.SAG_2008))).containsExactly(
				"Member vote passes with yes more than 75% of votes cast; no turnout quorum; window at most 45 days",
				"Ratification of an agreement passes with yes more than 50% of votes cast",
				"Board and committee motions (and the final decision) carry with more than 50% of votes cast, "
						+ "with more than half the seats present");
	}

	@Test
	void twoThirdsIsAtLeastTwoThirds() throws Exception {
		assertThat(RuleSetWording.rules(json("""
				{"memberVote":{"threshold":"2/3","comparator":">=","base":"VOTES_CAST","minTurnoutOfEligible":0.0,
				 "windowMinDays":0,"windowMaxDays":45}}""")))
			.containsExactly("Member vote passes with yes at least two-thirds of votes cast; no turnout quorum; "
					+ "window at most 45 days");
	}

	@Test
	void turnoutAndYesOfEligible() throws Exception {
		assertThat(RuleSetWording.rules(json("""
				{"memberVote":{"threshold":0.5,"comparator":">","base":"VOTES_CAST","minTurnoutOfEligible":0.5,
				 "minYesOfEligible":0.4,"windowMinDays":14,"windowMaxDays":45}}""")))
			.containsExactly("Member vote passes with yes more than 50% of votes cast; turnout at least 50% of "
					+ "eligible members; yes from at least 40% of eligible members; window at least 14 and at most "
					+ "45 days");
	}

	@Test
	void differingMotionRulesAreListedOneByOne() throws Exception {
		assertThat(RuleSetWording.rules(json("""
				{"board":{"quorumOfSeats":0.5,"threshold":0.5,"comparator":">","base":"VOTES_CAST"},
				 "committee":{"quorumOfSeats":0.6,"threshold":0.6,"comparator":">=","base":"BALLOTS_RETURNED"}}""")))
			.containsExactly(
					"Board motions carry with more than 50% of votes cast, with more than half the seats present",
					"Committee determinations carry with at least 60% of ballots returned, with more than 60% of the "
							+ "seats present");
	}

	@Test
	void treatmentsOfAbstentionsAndQuorumsOfAtLeastAreSaid() throws Exception {
		assertThat(RuleSetWording.rules(
				json("""
						{"memberVote":{"threshold":"2/3","comparator":">=","base":"VOTES_CAST","abstentions":"AS_VOTES_CAST",
						 "spoiled":"NOT_COUNTED","minTurnoutOfEligible":0,"minYesOfEligible":0,"windowMinDays":0,"windowMaxDays":30},
						 "board":{"quorumOfSeats":0.5,"quorumComparator":">=","threshold":0.5,"comparator":">","base":"VOTES_CAST"}}""")))
			.containsExactly(
					"Member vote passes with yes at least two-thirds of votes cast; no turnout quorum; "
							+ "abstentions count as votes cast (like a no vote); spoiled ballots are not counted; "
							+ "window at most 30 days",
					"Board motions carry with more than 50% of votes cast, with at least half the seats present");
	}

	@Test
	void anUploadedDmnIsDescribedByItsDecisions() throws Exception {
		assertThat(RuleSetWording.rules(json("""
				{"source":"UPLOAD","decisions":{"member-vote":"Yes must be at least 60% of votes cast."}}""")))
			.containsExactly("member-vote: Yes must be at least 60% of votes cast.");
	}

	@Test
	void percentagesKeepTheirPrecision() {
		assertThat(RuleSetWording.percent(0.75)).isEqualTo("75%");
		assertThat(RuleSetWording.percent(0.6667)).isEqualTo("66.67%");
	}

}
