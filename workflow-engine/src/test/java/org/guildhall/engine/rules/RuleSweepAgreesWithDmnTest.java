package org.guildhall.engine.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RuleSweep}'s Java arithmetic decides every member vote exactly as the real DMN:
 * the shipped, hand-made tables of all four shipped rule sets, and DMN generated from
 * parameters with {@code >=}, other bases, abstention treatments, turnout and
 * yes-of-eligible quorums. Compared on every cell of two sweep grids (so the
 * cell-to-count mapping is covered too) and on the boundary cells: 74.9 / 75 / 75.1 %,
 * exactly two-thirds, ties, zero votes cast, turnout and yes-of-eligible exactly at their
 * minimum, with and without abstentions and spoiled ballots. Camunda's DMN engine runs
 * alone (nothing recorded).
 */
class RuleSweepAgreesWithDmnTest {

	static DmnEngine engine;

	@BeforeAll
	static void dmnEngine() {
		engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
	}

	static List<String> ruleSets() {
		return List.of("shipped:sag-2008", "shipped:two-thirds", "shipped:majority-turnout-50",
				"shipped:majority-turnout-50-yes-40",
				"generated:{\"threshold\":0.6,\"comparator\":\">=\",\"base\":\"VOTES_CAST\"}",
				"generated:{\"threshold\":\"1/2\",\"comparator\":\">\",\"base\":\"BALLOTS_RETURNED\",\"spoiled\":\"NOT_COUNTED\"}",
				"generated:{\"threshold\":0.3,\"comparator\":\">=\",\"base\":\"ELIGIBLE\"}",
				"generated:{\"threshold\":\"2/3\",\"comparator\":\">\",\"base\":\"VOTES_CAST\",\"abstentions\":\"AS_VOTES_CAST\","
						+ "\"minTurnoutOfEligible\":0.4,\"minYesOfEligible\":0.25}",
				"generated:{\"threshold\":\"3/7\",\"comparator\":\">=\",\"base\":\"BALLOTS_RETURNED\",\"abstentions\":\"NOT_COUNTED\","
						+ "\"spoiled\":\"AS_VOTES_CAST\",\"minTurnoutOfEligible\":\"1/3\"}");
	}

	@ParameterizedTest
	@MethodSource("ruleSets")
	void theArithmeticAgreesWithTheDmnOnEveryCellAndBoundary(String ruleSet) throws IOException {
		RuleSetVersion version;
		String xml;
		if (ruleSet.startsWith("shipped:")) {
			String key = ruleSet.substring("shipped:".length());
			version = version(new ObjectMapper()
				.readTree(GeneratedDmnAgreesWithShippedTest.resource("rulesets/" + key + ".json")));
			xml = GeneratedDmnAgreesWithShippedTest.resource("rulesets/" + key + ".dmn");
		}
		else {
			JsonNode json = new ObjectMapper()
				.readTree("{\"key\":\"generated\",\"name\":\"Generated\",\"citation\":\"Test\"," + "\"memberVote\":"
						+ ruleSet.substring("generated:".length()) + "}");
			version = version(json);
			xml = DmnGenerator.generateXml(RuleSetParameters.parse(json), 1);
		}
		DmnDecision dmn = engine.parseDecisions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
			.stream()
			.filter((decision) -> "member-vote".equals(decision.getKey()))
			.findFirst()
			.orElseThrow();
		RuleSweep sweep = new RuleSweep(null);
		int compared = 0;
		int approved = 0;
		// 1,000 is a multiple of 20 (75% falls on the grid); 1,200 of 24 (two-thirds,
		// 75%, ties)
		for (long[] grid : new long[][] { { 1000, 20 }, { 1200, 24 }, { 999, 20 } }) {
			SweepGrid cells = sweep.sweep(version, version, grid[0], (int) grid[1]);
			for (int t = 0; t < cells.size(); t++) {
				for (int y = 0; y < cells.size(); y++) {
					boolean dmnApproves = approves(dmn, cells.yes(t, y), cells.no(t, y), 0, 0, grid[0]);
					assertThat(cells.approvedA(t, y))
						.as("%s: turnout %s%%, yes %s%% (%d yes, %d no of %d)", ruleSet, cells.percent(t),
								cells.percent(y), cells.yes(t, y), cells.no(t, y), grid[0])
						.isEqualTo(dmnApproves);
					approved += dmnApproves ? 1 : 0;
					compared++;
				}
			}
		}
		VoteArithmetic arithmetic = VoteArithmetic.of(RuleSweep.memberVoteRule(version));
		for (long[] c : boundaryCells()) {
			assertThat(arithmetic.approves(c[0], c[1], c[2], c[3], c[4]))
				.as("%s: %d yes, %d no, %d abstain, %d spoiled, %d eligible", ruleSet, c[0], c[1], c[2], c[3], c[4])
				.isEqualTo(approves(dmn, c[0], c[1], c[2], c[3], c[4]));
			compared++;
		}
		assertThat(compared).isGreaterThan(1500);
		assertThat(approved).as("both outcomes occur on the grid").isPositive().isLessThan(compared);
	}

	/** yes, no, abstain, spoiled, eligible. */
	static List<long[]> boundaryCells() {
		long[][] votes = { { 749, 251 }, { 750, 250 }, { 751, 249 }, // 74.9 / 75 / 75.1 %
				{ 2, 1 }, { 200, 100 }, { 666666, 333333 }, { 666665, 333334 }, { 666667, 333333 }, // two-thirds
				{ 500, 500 }, { 501, 499 }, { 1, 1 }, // ties
				{ 0, 0 }, { 0, 1 }, { 1, 0 }, // nothing or almost nothing cast
				{ 600, 400 }, { 599, 401 }, { 3, 4 }, { 300, 400 }, { 429, 571 }, { 428, 572 } };
		long[][] others = { { 0, 0 }, { 3, 0 }, { 0, 5 }, { 40, 10 } };
		List<long[]> cells = new ArrayList<>();
		for (long[] vote : votes) {
			for (long[] other : others) {
				long returned = vote[0] + vote[1] + other[0] + other[1];
				// turnout exactly 50%, just under, exactly 40% / 25% / a third yes of
				// eligible,
				// everyone
				for (long eligible : new long[] { returned, returned * 2, returned * 2 + 1, vote[0] * 5 / 2,
						vote[0] * 4, returned * 3, returned * 5 / 2 + 1, 1_000_000 }) {
					if (eligible >= returned && eligible > 0) {
						cells.add(new long[] { vote[0], vote[1], other[0], other[1], eligible });
					}
				}
			}
		}
		return cells;
	}

	private static boolean approves(DmnDecision dmn, long yes, long no, long abstain, long spoiled, long eligible) {
		DmnDecisionResultEntries result = engine
			.evaluateDecision(dmn,
					Map.of("yes", yes, "no", no, "abstain", abstain, "spoiled", spoiled, "eligible", eligible))
			.getSingleResult();
		return "APPROVED".equals(result.getEntry("outcome"));
	}

	static RuleSetVersion version(JsonNode parameters) {
		return new RuleSetVersion(parameters.path("key").asText(), 1, parameters.path("name").asText(),
				parameters.path("citation").asText(), parameters, RuleSetSource.SHIPPED, RuleSetState.APPROVED, "0",
				"system", Instant.EPOCH, "system", Instant.EPOCH, null);
	}

}
