package org.guildhall.engine.rules;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.xml.sax.SAXParseException;

/**
 * Checks a rule-set DMN before anything is stored or deployed: an upload is parsed by
 * Camunda's model API (which refuses DOCTYPEs, so no external entity is ever read), may
 * use FEEL expressions only, and must define every decision point as a decision table
 * with the inputs and the {@code outcome} and {@code explanation} outputs Guildhall
 * reads, and a history time to live; then every decision is tried on sample counts and
 * must answer one of its known outcomes with an explanation, and never approve or carry
 * anything without a yes/no vote.
 */
final class DmnChecks {

	/** The largest DMN file accepted: 1 MiB. */
	static final int MAX_BYTES = 1024 * 1024;

	/** The variables each decision point is evaluated with. */
	static final Map<String, List<String>> VARIABLES = Map.of("member-vote", RuleSetStudio.MEMBER_VOTE_INPUTS,
			"ratification-vote", RuleSetStudio.MEMBER_VOTE_INPUTS, "board-motion", RuleSetStudio.MOTION_INPUTS,
			"committee-determination", RuleSetStudio.MOTION_INPUTS, "final-decision", RuleSetStudio.MOTION_INPUTS,
			"window-policy", RuleSetStudio.WINDOW_INPUTS);

	/** The outcomes each decision point may answer. */
	static final Map<String, Set<String>> OUTCOMES = Map.of("member-vote", Set.of("APPROVED", "REJECTED"),
			"ratification-vote", Set.of("APPROVED", "REJECTED"), "board-motion",
			Set.of("CARRIED", "FAILED", "NO_QUORUM"), "committee-determination",
			Set.of("CARRIED", "FAILED", "NO_QUORUM"), "final-decision", Set.of("CARRIED", "FAILED", "NO_QUORUM"),
			"window-policy", Set.of("VALID", "INVALID"));

	private static final List<long[]> VOTE_SAMPLES = List.of(new long[] { 751, 249, 0, 0, 1000 },
			new long[] { 749, 251, 10, 5, 1500 }, new long[] { 0, 0, 4, 1, 10 }, new long[] { 1, 0, 0, 0, 1 },
			new long[] { 0, 1, 0, 0, 1 }, new long[] { 500, 500, 0, 0, 2000 }, new long[] { 400, 100, 50, 50, 1000 });

	private static final List<long[]> MOTION_SAMPLES = List.of(new long[] { 6, 4, 1, 11, 20 },
			new long[] { 0, 0, 3, 12, 20 }, new long[] { 5, 5, 0, 10, 20 }, new long[] { 3, 1, 0, 4, 20 },
			new long[] { 10, 0, 0, 10, 10 });

	private static final double[] WINDOW_SAMPLES = { 0.0, 0.5, 10.0, 45.0, 400.0 };

	private DmnChecks() {
	}

	/**
	 * Parses an uploaded DMN and checks its structure.
	 * @throws RuleSetException.Invalid (field {@code file}) saying what is wrong
	 */
	static DmnModelInstance parseUpload(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw invalid("the DMN file is empty");
		}
		if (bytes.length > MAX_BYTES) {
			throw invalid(
					"the DMN file is " + bytes.length + " bytes; at most 1 MB (" + MAX_BYTES + " bytes) is accepted");
		}
		DmnModelInstance model;
		try {
			model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
		}
		catch (RuntimeException ex) {
			throw invalid("the file is not a DMN document Camunda can read: " + reason(ex));
		}
		checkStructure(model);
		return model;
	}

	/**
	 * Checks that {@code model} defines every decision point with the inputs and outputs
	 * Guildhall needs.
	 */
	static void checkStructure(DmnModelInstance model) {
		checkExpressionLanguages(model);
		Map<String, Decision> decisions = new LinkedHashMap<>();
		for (Decision decision : model.getModelElementsByType(Decision.class)) {
			decisions.put(decision.getId(), decision);
		}
		List<String> missing = RuleSetCatalog.DECISIONS.stream().filter((id) -> !decisions.containsKey(id)).toList();
		if (!missing.isEmpty()) {
			throw invalid("the DMN has no decision with id " + quoted(missing) + "; a rule set needs decisions "
					+ quoted(RuleSetCatalog.DECISIONS) + " (it has " + quoted(decisions.keySet()) + ")");
		}
		for (String id : RuleSetCatalog.DECISIONS) {
			Decision decision = decisions.get(id);
			if (!(decision.getExpression() instanceof DecisionTable table)) {
				throw invalid("decision '" + id + "' must be a decision table");
			}
			List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
			for (String output : List.of("outcome", "explanation")) {
				if (!outputs.contains(output)) {
					throw invalid("decision '" + id + "' has no output named '" + output + "' (its outputs: "
							+ quoted(outputs) + "); every decision must return 'outcome' and 'explanation'");
				}
			}
			Collection<Input> inputs = table.getInputs();
			StringBuilder expressions = new StringBuilder();
			for (Input input : inputs) {
				if (input.getInputExpression() != null && input.getInputExpression().getText() != null) {
					expressions.append(input.getInputExpression().getText().getTextContent()).append('\n');
				}
			}
			List<String> variables = VARIABLES.get(id);
			List<String> required = id.equals("window-policy") ? variables : variables.subList(0, 2);
			for (String variable : required) {
				if (!Pattern.compile("\\b" + variable + "\\b").matcher(expressions).find()) {
					throw invalid("decision '" + id + "' has no input that uses '" + variable
							+ "'; its inputs are computed from " + quoted(variables));
				}
			}
			String ttl = decision.getCamundaHistoryTimeToLiveString();
			if (ttl == null || ttl.isBlank()) {
				throw invalid("decision '" + id + "' has no History Time To Live (camunda:historyTimeToLive); "
						+ "set it in Camunda Modeler's properties panel, e.g. P3650D");
			}
		}
	}

	/**
	 * Only FEEL: the process engine evaluates JUEL (and any script language on the class
	 * path) with access to its beans, so an expression in another language could run code
	 * on the server with Guildhall's rights.
	 */
	static void checkExpressionLanguages(DmnModelInstance model) {
		List<String[]> languages = new ArrayList<>();
		for (Definitions definitions : model.getModelElementsByType(Definitions.class)) {
			languages.add(new String[] { definitions.getExpressionLanguage(), "the definitions" });
		}
		for (LiteralExpression expression : model.getModelElementsByType(LiteralExpression.class)) {
			languages
				.add(new String[] { expression.getExpressionLanguage(), "expression '" + expression.getId() + "'" });
		}
		for (UnaryTests tests : model.getModelElementsByType(UnaryTests.class)) {
			languages.add(new String[] { tests.getExpressionLanguage(), "input entry '" + tests.getId() + "'" });
		}
		for (String[] language : languages) {
			String name = (language[0] != null) ? language[0].trim().toLowerCase(Locale.ROOT) : "";
			if (!name.isEmpty() && (!name.contains("feel") || name.contains("juel"))) {
				throw invalid(language[1] + " uses expression language '" + language[0]
						+ "'; only FEEL is accepted (other languages could run code on the server)");
			}
		}
	}

	/** Tags every decision of {@code model} with {@code tag}. */
	static void tag(DmnModelInstance model, String tag) {
		for (Decision decision : model.getModelElementsByType(Decision.class)) {
			decision.setVersionTag(tag);
		}
	}

	/**
	 * Tries every decision point of {@code xml} on sample counts.
	 * @throws RuleSetException.Invalid naming the decision, the counts and what was wrong
	 */
	static void probe(DmnEngine engine, String xml) {
		Map<String, DmnDecision> parsed = new LinkedHashMap<>();
		try {
			for (DmnDecision decision : engine
				.parseDecisions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
				parsed.put(decision.getKey(), decision);
			}
		}
		catch (RuntimeException ex) {
			throw invalid("the DMN engine cannot read the decisions: " + reason(ex));
		}
		for (String id : RuleSetCatalog.DECISIONS) {
			DmnDecision decision = parsed.get(id);
			if (decision == null) {
				throw invalid("the DMN has no decision '" + id + "' the engine can evaluate");
			}
			for (Map<String, Object> sample : samples(id)) {
				String outcome = tryOut(engine, decision, sample);
				if (isNoYesNoVote(id, sample) && Set.of("APPROVED", "CARRIED").contains(outcome)) {
					throw invalid("decision '" + id + "' answers " + outcome + " for " + sample
							+ ": nothing may be approved or carried when no yes/no vote was cast");
				}
			}
		}
	}

	private static String tryOut(DmnEngine engine, DmnDecision decision, Map<String, Object> sample) {
		String id = decision.getKey();
		DmnDecisionResultEntries result;
		try {
			DmnDecisionResult results = engine.evaluateDecision(decision, sample);
			if (results.size() > 1) {
				throw invalid("decision '" + id + "' answers " + results.size() + " results for " + sample
						+ "; use hit policy FIRST or UNIQUE so it answers one");
			}
			result = results.isEmpty() ? null : results.get(0);
		}
		catch (RuleSetException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw invalid("decision '" + id + "' fails for " + sample + ": " + reason(ex));
		}
		if (result == null) {
			throw invalid("no rule of decision '" + id + "' matches " + sample + "; add a rule for every case");
		}
		Object outcome = result.getEntry("outcome");
		if (!(outcome instanceof String text) || !OUTCOMES.get(id).contains(text)) {
			throw invalid("decision '" + id + "' answers outcome " + outcome + " for " + sample + "; it must be one of "
					+ OUTCOMES.get(id).stream().sorted().toList());
		}
		Object explanation = result.getEntry("explanation");
		if (!(explanation instanceof String words) || words.isBlank()) {
			throw invalid("decision '" + id + "' answers no explanation for " + sample
					+ " (a FEEL expression may use an unknown variable or divide by zero)");
		}
		return text;
	}

	private static boolean isNoYesNoVote(String id, Map<String, Object> sample) {
		if (sample.containsKey("yes")) {
			return ((Long) sample.get("yes")) + ((Long) sample.get("no")) == 0;
		}
		if (sample.containsKey("votesFor")) {
			return ((Long) sample.get("votesFor")) + ((Long) sample.get("votesAgainst")) == 0;
		}
		return false;
	}

	private static List<Map<String, Object>> samples(String id) {
		List<Map<String, Object>> samples = new ArrayList<>();
		List<String> names = VARIABLES.get(id);
		if (id.equals("window-policy")) {
			for (double days : WINDOW_SAMPLES) {
				samples.add(Map.of(names.get(0), days));
			}
			return samples;
		}
		for (long[] values : names.equals(RuleSetStudio.MEMBER_VOTE_INPUTS) ? VOTE_SAMPLES : MOTION_SAMPLES) {
			Map<String, Object> sample = new LinkedHashMap<>();
			for (int i = 0; i < names.size(); i++) {
				sample.put(names.get(i), values[i]);
			}
			samples.add(sample);
		}
		return samples;
	}

	/**
	 * The most telling message of {@code ex} and its causes, with a line number if any.
	 */
	static String reason(Throwable ex) {
		String message = ex.getMessage();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("DOCTYPE is disallowed")) {
				return "DOCTYPE declarations are not allowed (external entities are refused)";
			}
			if (cause instanceof SAXParseException parse) {
				String text = parse.getMessage();
				if (text != null && text.contains("DOCTYPE")) {
					return "DOCTYPE declarations are not allowed (external entities are refused)";
				}
				return text + " (line " + parse.getLineNumber() + ", column " + parse.getColumnNumber() + ")";
			}
			if (cause.getMessage() != null) {
				message = cause.getMessage();
			}
		}
		if (message == null) {
			return ex.getClass().getSimpleName();
		}
		return (message.length() > 500) ? message.substring(0, 500) + "…" : message;
	}

	private static RuleSetException.Invalid invalid(String message) {
		return new RuleSetException.Invalid("file", message);
	}

	private static String quoted(Collection<String> values) {
		return values.stream().map((value) -> "'" + value + "'").toList().toString();
	}

}
