package org.guildhall.web.cases;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.guildhall.engine.cases.CaseDetails;
import org.guildhall.engine.cases.DecisionRecord;
import org.guildhall.engine.cases.ProcessView;
import org.guildhall.engine.cases.TimelineEntry;

/**
 * Turns a case's details into what its page shows: a timeline of completed steps and
 * decisions with their decisive values in words, and the diagrams to draw.
 */
final class CasePage {

	/**
	 * The values that decide where a case goes next, with their labels, in this order.
	 */
	private static final Map<String, String> DECISIVE = decisive();

	private static final Map<String, String> DECISIONS = Map.of("board-motion", "Board motion",
			"committee-determination", "Committee determination", "member-vote", "Member vote", "ratification-vote",
			"Ratification vote", "final-decision", "Final strike decision", "window-policy", "Voting window policy",
			"withdrawal", "Withdrawal");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'",
			Locale.ENGLISH);

	private CasePage() {
	}

	/** One line of the timeline. */
	record TimelineRow(Date when, String kind, String title, String who, List<Value> values, String outcome,
			String explanation) {

	}

	/** A labelled value in words. */
	record Value(String label, String text) {

	}

	/** A diagram to draw: a process instance of the case with its activities marked. */
	record Diagram(String caption, String processKey, String processDefinitionId, List<String> activeActivityIds,
			List<String> completedActivityIds) {

	}

	/** Completed steps and evaluated decisions, oldest first. */
	static List<TimelineRow> timeline(CaseDetails details) {
		List<TimelineRow> rows = new ArrayList<>();
		for (TimelineEntry entry : details.timeline()) {
			rows.add(new TimelineRow(entry.completed(), "step", entry.stepName(), entry.actor(),
					decisiveValues(entry.values()), null, null));
		}
		for (DecisionRecord decision : details.decisions()) {
			rows.add(new TimelineRow(decision.evaluated(), "decision", decisionName(decision.decision()) + " evaluated",
					"rule set " + decision.ruleSetTag(), List.of(), decision.outcome(), decision.explanation()));
		}
		rows.sort(Comparator.comparing(TimelineRow::when, Comparator.nullsLast(Comparator.naturalOrder())));
		return rows;
	}

	/**
	 * A decision key in words, e.g. "Final strike decision" for {@code final-decision}.
	 */
	static String decisionName(String decision) {
		return DECISIONS.getOrDefault(decision, decision);
	}

	/**
	 * The top-level process, then each called process still running (the case's current
	 * stage).
	 */
	static List<Diagram> diagrams(CaseDetails details) {
		List<Diagram> diagrams = new ArrayList<>();
		List<ProcessView> processes = details.processes();
		for (int i = 0; i < processes.size(); i++) {
			ProcessView process = processes.get(i);
			if (i == 0) {
				diagrams.add(new Diagram("The whole case (" + process.processKey() + ")", process.processKey(),
						process.processDefinitionId(), process.activeActivityIds(), process.completedActivityIds()));
			}
			else if (process.active()) {
				diagrams.add(new Diagram("Current stage (" + process.processKey() + ")", process.processKey(),
						process.processDefinitionId(), process.activeActivityIds(), process.completedActivityIds()));
			}
		}
		return diagrams;
	}

	static List<Value> decisiveValues(Map<String, Object> values) {
		List<Value> shown = new ArrayList<>();
		DECISIVE.forEach((field, label) -> {
			if (values.get(field) != null) {
				shown.add(new Value(label, words(values.get(field))));
			}
		});
		String board = counts(values, List.of("votesFor", "votesAgainst", "abstentions"),
				List.of("for", "against", "abstaining"));
		if (board != null) {
			Object present = values.get("membersPresent");
			Object seats = values.get("seats");
			shown.add(new Value("Vote", board
					+ ((present != null && seats != null) ? "; " + present + " of " + seats + " seats present" : "")));
		}
		String ballots = counts(values, List.of("yes", "no", "abstain", "spoiled"),
				List.of("yes", "no", "abstaining", "spoiled"));
		if (ballots != null) {
			Object eligible = values.get("eligible");
			shown.add(new Value("Ballots", ballots + ((eligible != null) ? "; " + eligible + " eligible" : "")));
		}
		return shown;
	}

	private static String counts(Map<String, Object> values, List<String> fields, List<String> words) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < fields.size(); i++) {
			Object count = values.get(fields.get(i));
			if (count != null && !count.toString().isBlank()) {
				parts.add(count + " " + words.get(i));
			}
		}
		return parts.isEmpty() ? null : String.join(", ", parts);
	}

	/** A value in words: yes/no, dates in UTC, enum constants as "Seek mediation". */
	static String words(Object value) {
		if (value instanceof Boolean bool) {
			return bool ? "yes" : "no";
		}
		if (value instanceof Date date) {
			ZonedDateTime utc = date.toInstant().atZone(ZoneOffset.UTC);
			return utc.toLocalTime().equals(LocalTime.MIDNIGHT) ? DAY.format(utc) : MINUTE.format(utc);
		}
		String text = String.valueOf(value);
		if (text.matches("[A-Z][A-Z_]+")) {
			String spaced = text.replace('_', ' ').toLowerCase(Locale.ROOT);
			return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
		}
		return text;
	}

	private static Map<String, String> decisive() {
		Map<String, String> decisive = new LinkedHashMap<>();
		decisive.put("resolution", "Resolution");
		decisive.put("committeeMayCallVote", "Committee may call the vote");
		decisive.put("sessionDate", "Session date");
		decisive.put("mediatorPresent", "Mediator present");
		decisive.put("sessionOutcome", "Session outcome");
		decisive.put("talksFailed", "Talks failed");
		decisive.put("ballotMode", "Ballot mode");
		decisive.put("windowStart", "Voting opens");
		decisive.put("windowEnd", "Voting closes");
		decisive.put("certified", "Certified");
		decisive.put("decision", "Decision");
		decisive.put("strikeDate", "Strike date");
		decisive.put("meetingDate", "Meeting date");
		return decisive;
	}

}
