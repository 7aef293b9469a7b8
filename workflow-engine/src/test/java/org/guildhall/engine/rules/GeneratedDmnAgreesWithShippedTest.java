package org.guildhall.engine.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DMN Guildhall generates from a shipped rule set's JSON parameters decides exactly
 * as the shipped, hand-made DMN on a grid of counts around every threshold: same outcome
 * for every member vote, ratification, motion and voting window, and always an
 * explanation. Runs Camunda's DMN engine alone (no process engine, no history).
 */
class GeneratedDmnAgreesWithShippedTest {

	static DmnEngine engine;

	@BeforeAll
	static void dmnEngine() {
		engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
	}

	@ParameterizedTest
	@ValueSource(strings = { "sag-2008", "two-thirds", "majority-turnout-50", "majority-turnout-50-yes-40" })
	void generatedDecisionsAgreeWithTheShippedOnes(String key) throws IOException {
		ObjectNode json = (ObjectNode) new ObjectMapper().readTree(resource("rulesets/" + key + ".json"));
		RuleSetParameters parameters = RuleSetParameters.parse(json);
		String generated = DmnGenerator.generateXml(parameters, 1);
		Map<String, DmnDecision> mine = parse(generated);
		Map<String, DmnDecision> shipped = parse(resource("rulesets/" + key + ".dmn"));
		DmnChecks.probe(engine, generated);

		int compared = 0;
		for (Map<String, Object> counts : memberVoteGrid(8)) {
			compare(key, "member-vote", counts, shipped.get("member-vote"), mine.get("member-vote"));
			compared++;
		}
		for (Map<String, Object> counts : memberVoteGrid(3)) {
			compare(key, "ratification-vote", counts, shipped.get("ratification-vote"), mine.get("ratification-vote"));
			compared++;
		}
		for (Map<String, Object> counts : motionGrid(6, 11)) {
			compare(key, "board-motion", counts, shipped.get("board-motion"), mine.get("board-motion"));
			compared++;
		}
		for (String decision : List.of("committee-determination", "final-decision")) {
			for (Map<String, Object> counts : motionGrid(5, 9)) {
				compare(key, decision, counts, shipped.get(decision), mine.get(decision));
				compared++;
			}
		}
		for (double days : new double[] { -3, 0, 0.01, 1, 14.5, 44.9, 45, 45.01, 46, 400 }) {
			compare(key, "window-policy", Map.of("windowDays", days), shipped.get("window-policy"),
					mine.get("window-policy"));
			compared++;
		}
		assertThat(compared).isGreaterThan(800);
	}

	private static void compare(String key, String decision, Map<String, Object> counts, DmnDecision shipped,
			DmnDecision generated) {
		DmnDecisionResultEntries expected = engine.evaluateDecision(shipped, counts).getSingleResult();
		DmnDecisionResultEntries actual = engine.evaluateDecision(generated, counts).getSingleResult();
		assertThat((String) actual.getEntry("outcome")).as(key + " " + decision + " " + counts)
			.isEqualTo(expected.getEntry("outcome"));
		assertThat((String) actual.getEntry("explanation")).as("explanation of " + key + " " + decision + " " + counts)
			.isNotBlank();
		if ("window-policy".equals(decision)) {
			assertThat((Object) actual.getEntry("maxDays")).isEqualTo(expected.getEntry("maxDays"));
		}
	}

	/**
	 * Yes and no from 0 to {@code max} (every share from 0% to 100% near small totals),
	 * with and without abstentions and spoiled ballots, at roll sizes on both sides of
	 * the 50% turnout and 40% yes-of-eligible boundaries; plus large exact boundaries.
	 * (Camunda 7's FEEL engine parses every expression on every evaluation, about a
	 * millisecond a decision, so the grid stays near the thresholds.)
	 */
	static List<Map<String, Object>> memberVoteGrid(int max) {
		List<Map<String, Object>> grid = new ArrayList<>();
		for (long yes = 0; yes <= max; yes++) {
			for (long no = 0; no <= max; no++) {
				for (long[] other : new long[][] { { 0, 0 }, { 2, 1 } }) {
					long returned = yes + no + other[0] + other[1];
					Set<Long> eligibles = new LinkedHashSet<>(
							List.of(returned, returned * 2, returned * 2 + 1, (yes * 5 + 1) / 2));
					for (long eligible : eligibles) {
						if (eligible >= returned && eligible > 0) {
							grid.add(vote(yes, no, other[0], other[1], eligible));
						}
					}
				}
			}
		}
		long[][] boundaries = { { 750, 250 }, { 751, 249 }, { 749, 251 }, { 200, 100 }, { 199, 101 },
				{ 666666, 333333 }, { 666665, 333334 }, { 500, 500 }, { 501, 499 }, { 400, 0 }, { 399, 0 } };
		for (long[] votes : boundaries) {
			long returned = votes[0] + votes[1];
			for (long eligible : new long[] { returned, returned * 2, returned * 2 + 1, 1000 }) {
				if (eligible >= returned) {
					grid.add(vote(votes[0], votes[1], 0, 0, eligible));
				}
			}
		}
		return grid;
	}

	/**
	 * For and against from 0 to {@code max} with and without an abstention, at the
	 * attendances around a quorum of more than half of {@code seats}.
	 */
	static List<Map<String, Object>> motionGrid(int max, long seats) {
		List<Map<String, Object>> grid = new ArrayList<>();
		for (long votesFor = 0; votesFor <= max; votesFor++) {
			for (long against = 0; against <= max; against++) {
				for (long abstentions : new long[] { 0, 1 }) {
					long votes = votesFor + against + abstentions;
					Set<Long> attendances = new LinkedHashSet<>(List.of(votes, seats / 2, seats / 2 + 1, seats));
					for (long present : attendances) {
						if (present >= votes && present <= seats) {
							grid.add(motion(votesFor, against, abstentions, present, seats));
						}
					}
				}
			}
		}
		return grid;
	}

	static Map<String, Object> vote(long yes, long no, long abstain, long spoiled, long eligible) {
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("yes", yes);
		counts.put("no", no);
		counts.put("abstain", abstain);
		counts.put("spoiled", spoiled);
		counts.put("eligible", eligible);
		return counts;
	}

	static Map<String, Object> motion(long votesFor, long against, long abstentions, long present, long seats) {
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("votesFor", votesFor);
		counts.put("votesAgainst", against);
		counts.put("abstentions", abstentions);
		counts.put("membersPresent", present);
		counts.put("seats", seats);
		return counts;
	}

	private static Map<String, DmnDecision> parse(String xml) {
		Map<String, DmnDecision> byKey = new LinkedHashMap<>();
		engine.parseDecisions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
			.forEach((decision) -> byKey.put(decision.getKey(), decision));
		return byKey;
	}

	static String resource(String name) throws IOException {
		try (InputStream in = GeneratedDmnAgreesWithShippedTest.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
