package org.guildhall.web.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.guildhall.engine.audit.AuditCase;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.rules.RuleSet;
import org.guildhall.web.cases.RuleSetWording;

/**
 * "What the rules were": the rule-set version a case pinned, with its name, its rules in
 * words, its parameters as recorded and its citation, and when that version was deployed
 * with the SHA-256 of its DMN (from the trail).
 *
 * @param tag the pinned version tag, e.g. {@code sag-2008:1}
 * @param name the rule set's name, or null if the catalogue does not know it
 * @param citation the bylaw or statute it comes from
 * @param rules its rules in words
 * @param parameters its parameters, one row per decision
 * @param note a caveat, e.g. that the catalogue knows another version's parameters
 * @param deployed when the pinned version was deployed, in words, or null
 * @param dmnSha256 the SHA-256 of its DMN at deployment, or null
 */
record RulesPanel(String tag, String name, String citation, List<String> rules, List<Parameter> parameters, String note,
		String deployed, String dmnSha256) {

	private static final Map<String, String> SECTIONS = Map.of("memberVote", "Member vote (strike authorization)",
			"ratification", "Ratification vote", "board", "Board motion", "committee", "Committee determination",
			"finalDecision", "Final strike decision");

	/**
	 * The panel of {@code auditCase}.
	 * @param ruleSet the catalogue's rule set of that key, if it knows it
	 * @param deployment the trail's {@code RULE_SET_DEPLOYED} event of the pinned
	 * version, or null
	 */
	static RulesPanel of(AuditCase auditCase, Optional<RuleSet> ruleSet, AuditEvent deployment) {
		String tag = auditCase.ruleSetTag();
		String deployed = (deployment != null) ? TrailWords.moment(deployment.occurredAt()) : null;
		Object sha = (deployment != null) ? deployment.details().get("dmnSha256") : null;
		String dmnSha256 = (sha != null) ? sha.toString() : null;
		if (ruleSet.isEmpty()) {
			return new RulesPanel(
					tag, null, null, List.of(), List.of(), "Guildhall's rule-set catalogue does not know the rule set "
							+ auditCase.ruleSetKey() + "; the decisions below show what it decided.",
					deployed, dmnSha256);
		}
		RuleSet known = ruleSet.get();
		String note = null;
		if (auditCase.ruleSetVersion() != null && auditCase.ruleSetVersion() != known.version()) {
			note = "The case pinned version " + auditCase.ruleSetVersion()
					+ "; the parameters shown are those of version " + known.version()
					+ " as the catalogue ships it. The decisions below show what the pinned version " + "decided.";
		}
		return new RulesPanel(tag, known.name(), known.citation(), RuleSetWording.rules(known.parameters()),
				parameters(known.parameters()), note, deployed, dmnSha256);
	}

	/** The parameters as recorded, one row per decision. */
	static List<Parameter> parameters(JsonNode parameters) {
		List<Parameter> rows = new ArrayList<>();
		if (parameters == null) {
			return rows;
		}
		parameters.properties().forEach((section) -> {
			if (section.getValue().isObject()) {
				List<String> values = new ArrayList<>();
				section.getValue()
					.properties()
					.forEach((entry) -> values.add(entry.getKey() + " = " + (entry.getValue().isValueNode()
							? entry.getValue().asText() : entry.getValue().toString())));
				rows.add(new Parameter(section.getKey(),
						SECTIONS.getOrDefault(section.getKey(), TrailWords.label(section.getKey())), values));
			}
		});
		return rows;
	}

	/**
	 * The parameters of one decision, as the rule set records them.
	 *
	 * @param section the section of the rule-set JSON, e.g. {@code memberVote}
	 * @param decision the decision in words
	 * @param values each parameter as {@code name = value}
	 */
	record Parameter(String section, String decision, List<String> values) {
	}

}
