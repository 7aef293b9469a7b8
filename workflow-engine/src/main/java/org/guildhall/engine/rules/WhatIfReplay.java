package org.guildhall.engine.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.guildhall.engine.audit.AuditCase;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;

import org.springframework.stereotype.Service;

/**
 * What-if replay: every decision a closed case recorded ({@code DECISION_EVALUATED} in
 * the audit trail: board motions, committee determinations, member votes, final
 * decisions, voting windows) evaluated again, on the recorded counts, under another
 * rule-set version, side by side with what was recorded.
 * <p>
 * Works from the audit trail alone (Camunda's history may have been cleaned up). The
 * other version is evaluated on the standalone DMN engine
 * ({@link RuleSetStudio#evaluateQuietly}): nothing is recorded, no history, no audit
 * event. Only cases that have ended are replayed; a running case is refused, since its
 * decisions are not final (the issue asks for closed cases).
 */
@Service
public class WhatIfReplay {

	private static final Map<String, String> LABELS = Map.of("board-motion", "Board motion", "committee-determination",
			"Committee determination", "member-vote", "Member vote (strike authorization)", "ratification-vote",
			"Member vote (ratification)", "final-decision", "Final strike decision", "window-policy", "Voting window");

	private final AuditTrail trail;

	private final RuleSetCatalog catalog;

	private final RuleSetStudio studio;

	public WhatIfReplay(AuditTrail trail, RuleSetCatalog catalog, RuleSetStudio studio) {
		this.trail = trail;
		this.catalog = catalog;
		this.studio = studio;
	}

	/**
	 * Replays case {@code caseId} under {@code ruleSet} ({@code <key>:<version>}).
	 * @throws RuleSetException.Invalid if {@code ruleSet} is not a known version (field
	 * {@code ruleSet})
	 * @throws RuleSetException.NotFound if the trail knows no such case
	 * @throws RuleSetException.Conflict if the case is still running
	 */
	public WhatIf replay(String caseId, String ruleSet) {
		RuleSetVersion version = version(ruleSet);
		AuditCase auditCase = this.trail.auditCase((caseId != null) ? caseId : "")
			.orElseThrow(() -> new RuleSetException.NotFound("the audit trail knows no case '" + caseId + "'"));
		if (auditCase.endedAt() == null || "ACTIVE".equals(auditCase.status())) {
			throw new RuleSetException.Conflict("case '" + auditCase.title()
					+ "' is still running; what-if replay is for closed cases, whose decisions are final");
		}
		List<WhatIf.Row> rows = new ArrayList<>();
		for (AuditEvent event : this.trail.caseTrail(auditCase.caseId())) {
			if (event.knownKind() == AuditKind.DECISION_EVALUATED) {
				rows.add(row(event, version));
			}
		}
		return new WhatIf(auditCase.caseId(), auditCase.title(), auditCase.status(), auditCase.ruleSetTag(),
				version.tag(), version.name(), version.approved(), List.copyOf(rows));
	}

	/**
	 * The version {@code tag} names ({@code key:version}).
	 * @throws RuleSetException.Invalid if there is none
	 */
	public RuleSetVersion version(String tag) {
		return version(tag, "ruleSet");
	}

	/**
	 * The version {@code tag} names ({@code key:version}).
	 * @param field the request field that gave it, named in the refusal
	 * @throws RuleSetException.Invalid if there is none
	 */
	public RuleSetVersion version(String tag, String field) {
		RuleSetTag parsed;
		try {
			parsed = RuleSetTag.parse(tag);
		}
		catch (IllegalArgumentException ex) {
			throw new RuleSetException.Invalid(field, field + " " + ex.getMessage());
		}
		return this.catalog.version(parsed.key(), parsed.version())
			.orElseThrow(() -> new RuleSetException.Invalid(field,
					"no rule-set version " + parsed + "; known rule sets: " + this.catalog.catalogue().keySet()));
	}

	private WhatIf.Row row(AuditEvent event, RuleSetVersion version) {
		Map<String, Object> data = event.details();
		String decision = event.subject();
		String label = LABELS.getOrDefault(decision, decision);
		String recordedOutcome = text(data.get("outcome"));
		String recordedExplanation = text(data.get("explanation"));
		Map<String, Object> counts = (data.get("counts") instanceof Map<?, ?> map) ? numbers(map) : Map.of();
		String outcome = null;
		String explanation;
		if (counts.isEmpty()) {
			explanation = "not replayed: the trail holds no counts for this decision (recorded before counts were kept)";
		}
		else {
			try {
				Decision answer = this.studio.evaluateQuietly(version, decision,
						RuleSetStudio.checkedInputs(decision, counts));
				if (answer == null) {
					explanation = "no rule of " + decision + " in " + version.tag() + " matches these counts";
				}
				else {
					outcome = answer.outcome();
					explanation = answer.explanation();
				}
			}
			catch (RuleSetException.Invalid ex) {
				explanation = "not replayed: " + ex.getMessage();
			}
		}
		boolean differs = outcome != null && !outcome.equals(recordedOutcome);
		return new WhatIf.Row(event.seq(), event.occurredAt(), decision, label, counts, text(data.get("ruleSetTag")),
				recordedOutcome, recordedExplanation, outcome, explanation, differs, words(outcome));
	}

	/** An outcome in words, as "what would have happened". */
	static String words(String outcome) {
		if (outcome == null) {
			return "not replayed";
		}
		return switch (outcome) {
			case "APPROVED", "CARRIED" -> "would pass";
			case "REJECTED", "FAILED" -> "would fail";
			case "NO_QUORUM" -> "would fail for want of a quorum";
			case "VALID" -> "would be allowed";
			case "INVALID" -> "would not be allowed";
			default -> "would be " + outcome;
		};
	}

	/**
	 * The recorded counts as numbers, in the order the decision takes them (the trail
	 * sorts keys).
	 */
	private static Map<String, Object> numbers(Map<?, ?> recorded) {
		Map<String, Object> counts = new LinkedHashMap<>();
		List<String> order = new ArrayList<>(RuleSetStudio.MEMBER_VOTE_INPUTS);
		order.addAll(RuleSetStudio.MOTION_INPUTS);
		order.addAll(RuleSetStudio.WINDOW_INPUTS);
		Map<Object, Object> sorted = new LinkedHashMap<>();
		order.stream().filter(recorded::containsKey).forEach((name) -> sorted.put(name, recorded.get(name)));
		recorded.forEach(sorted::putIfAbsent);
		sorted.forEach((name, value) -> {
			Object number = value;
			if (value instanceof String text) {
				try {
					number = new BigDecimal(text.trim());
				}
				catch (NumberFormatException ex) {
					number = value;
				}
			}
			if ("windowDays".equals(name) && number instanceof Number days) {
				number = days.doubleValue();
			}
			else if (number instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
				number = decimal.longValue();
			}
			counts.put(String.valueOf(name), number);
		});
		return counts;
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
