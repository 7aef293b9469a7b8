package org.guildhall.engine.rules;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parameters → exact fractions → whole-number FEEL comparisons → decisions: the
 * treatments, bases, quorums and windows the shipped rule sets do not use.
 */
class DmnGeneratorTest {

	static final ObjectMapper JSON = new ObjectMapper();

	static DmnEngine engine;

	@BeforeAll
	static void dmnEngine() {
		engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			0.75   | 3/4
			75%    | 3/4
			2/3    | 2/3
			0.6667 | 6667/10000
			0      | 0/1
			100%   | 1/1
			4/6    | 2/3
			""")
	void sharesBecomeExactFractions(String text, String fraction) {
		assertThat(Fraction.parse(text).toString()).isEqualTo(fraction);
	}

	@Test
	void sharesOutsideZeroToOneOrTooPreciseAreRefused() {
		assertThatThrownBy(() -> Fraction.parse("1.5")).hasMessageContaining("not from 0 to 1");
		assertThatThrownBy(() -> Fraction.parse("-10%")).hasMessageContaining("not from 0 to 1");
		assertThatThrownBy(() -> Fraction.parse("0.1234567")).hasMessageContaining("six decimal places");
		assertThatThrownBy(() -> Fraction.parse("two thirds")).hasMessageContaining("is not a share");
		assertThatThrownBy(() -> Fraction.parse("3/2")).hasMessageContaining("from 0 to 1");
	}

	@Test
	void comparisonsAreInWholeNumbers() {
		assertThat(DmnGenerator.compare("yes", "(yes + no)", Fraction.parse("0.75"),
				RuleSetParameters.Comparator.MORE_THAN))
			.isEqualTo("yes * 4 > (yes + no) * 3");
		assertThat(
				DmnGenerator.compare("yes", "(yes + no)", Fraction.parse("2/3"), RuleSetParameters.Comparator.AT_LEAST))
			.isEqualTo("yes * 3 >= (yes + no) * 2");
		assertThat(DmnGenerator.needed("(yes + no)", Fraction.parse("0.75"), RuleSetParameters.Comparator.MORE_THAN))
			.isEqualTo("floor((yes + no) * 3 / 4) + 1");
	}

	@Test
	void parametersRoundTripThroughTheirJson() throws Exception {
		RuleSetParameters parsed = RuleSetParameters
			.parse(parameters("{\"threshold\": \"2/3\", \"comparator\": \"≥\"}"));
		RuleSetParameters again = RuleSetParameters.parse(parsed.toJson(3));
		assertThat(again).isEqualTo(parsed);
		assertThat(parsed.toJson(3).path("memberVote").path("threshold").asText()).isEqualTo("2/3");
		assertThat(parsed.toJson(3).path("memberVote").path("comparator").asText()).isEqualTo(">=");
		assertThat(parsed.toJson(3).path("finalDecision").path("quorumOfSeats").decimalValue())
			.isEqualByComparingTo("0.5");
	}

	@ParameterizedTest(name = "{0}: {3}")
	@CsvSource(delimiter = '|',
			textBlock = """
					abstentions in turnout only   | 200 | {"threshold": 0.6, "comparator": ">=", "abstentions": "TURNOUT_ONLY"}  | APPROVED
					abstentions as votes cast     | 200 | {"threshold": 0.6, "comparator": ">=", "abstentions": "AS_VOTES_CAST"} | REJECTED
					share of ballots returned     | 200 | {"threshold": 0.6, "comparator": ">=", "base": "BALLOTS_RETURNED"}     | REJECTED
					more than 30% of eligible     | 200 | {"threshold": 0.3, "comparator": ">", "base": "ELIGIBLE"}              | REJECTED
					at least 30% of eligible      | 200 | {"threshold": 0.3, "comparator": ">=", "base": "ELIGIBLE"}             | APPROVED
					turnout counts abstentions    | 203 | {"threshold": 0.5, "comparator": ">", "minTurnoutOfEligible": 0.5}     | APPROVED
					turnout without abstentions   | 203 | {"threshold": 0.5, "comparator": ">", "minTurnoutOfEligible": 0.5, "abstentions": "NOT_COUNTED"} | REJECTED
					yes below 61% of eligible     | 100 | {"threshold": 0.5, "comparator": ">", "minYesOfEligible": "61%"}       | REJECTED
					yes at 60% of eligible        | 100 | {"threshold": 0.5, "comparator": ">", "minYesOfEligible": "60%"}       | APPROVED
					""")
	void memberVoteTreatmentsAndBases(String name, long eligible, String memberVote, String expected) throws Exception {
		// 60 yes, 40 no, 1 abstention, 1 spoiled ballot: 102 ballots returned
		DmnDecisionResultEntries result = decide(parameters(memberVote), "member-vote",
				Map.of("yes", 60L, "no", 40L, "abstain", 1L, "spoiled", 1L, "eligible", eligible));
		assertThat((String) result.getEntry("outcome")).as(name + ": " + result.getEntry("explanation"))
			.isEqualTo(expected);
		assertThat((String) result.getEntry("explanation")).isNotBlank();
	}

	@Test
	void aQuorumOfAtLeastHalfIsMetByHalfTheSeats() throws Exception {
		JsonNode json = parameters("{\"threshold\": 0.5, \"comparator\": \">\"}");
		((com.fasterxml.jackson.databind.node.ObjectNode) json).set("board", JSON.readTree(
				"{\"quorumOfSeats\": 0.5, \"quorumComparator\": \">=\", \"threshold\": \"2/3\", \"comparator\": \">=\"}"));
		DmnDecisionResultEntries half = decide(json, "board-motion",
				Map.of("votesFor", 6L, "votesAgainst", 3L, "abstentions", 1L, "membersPresent", 10L, "seats", 20L));
		assertThat((String) half.getEntry("outcome")).isEqualTo("CARRIED");
		assertThat((String) half.getEntry("explanation"))
			.isEqualTo("carried: 6 for, 3 against, 1 abstaining; 66.7% of 9 votes cast, at least two-thirds required; "
					+ "quorum met with 10 of 20 seats present");
		DmnDecisionResultEntries committee = decide(json, "committee-determination",
				Map.of("votesFor", 6L, "votesAgainst", 3L, "abstentions", 1L, "membersPresent", 10L, "seats", 20L));
		assertThat((String) committee.getEntry("outcome")).isEqualTo("NO_QUORUM");
		assertThat((String) committee.getEntry("explanation"))
			.isEqualTo("no quorum: 10 of 20 seats present, more than half (11) required");
	}

	@Test
	void aWindowCanHaveAMinimumLength() throws Exception {
		JsonNode json = parameters(
				"{\"threshold\": 0.5, \"comparator\": \">\", \"windowMinDays\": 7, \"windowMaxDays\": 30}");
		assertThat((String) decide(json, "window-policy", Map.of("windowDays", 6.5)).getEntry("explanation"))
			.isEqualTo("a voting window of 6.5 days is shorter than the 7 days required");
		assertThat((String) decide(json, "window-policy", Map.of("windowDays", 7.0)).getEntry("outcome"))
			.isEqualTo("VALID");
		assertThat((String) decide(json, "window-policy", Map.of("windowDays", 30.5)).getEntry("outcome"))
			.isEqualTo("INVALID");
		assertThat((Object) decide(json, "window-policy", Map.of("windowDays", 10.0)).getEntry("minDays")).isEqualTo(7);
	}

	static JsonNode parameters(String memberVote) throws Exception {
		return JSON
			.readTree("{\"key\": \"generated\", \"name\": \"Generated\", \"citation\": \"Test\", \"memberVote\": "
					+ memberVote + "}");
	}

	static DmnDecisionResultEntries decide(JsonNode json, String decision, Map<String, Object> variables) {
		String xml = DmnGenerator.generateXml(RuleSetParameters.parse(json), 1);
		return engine
			.evaluateDecision(
					engine.parseDecision(decision, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))),
					variables)
			.getSingleResult();
	}

}
