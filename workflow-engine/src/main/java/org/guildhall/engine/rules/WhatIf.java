package org.guildhall.engine.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A closed case's decisions replayed under another rule-set version
 * ({@link WhatIfReplay}).
 *
 * @param caseId the case (root process instance id)
 * @param title the case's title
 * @param status how the case ended, e.g. {@code AUTHORIZATION_REJECTED}
 * @param pinnedTag the rule-set version the case pinned, e.g. {@code sag-2008:1}
 * @param alternativeTag the version replayed, e.g. {@code two-thirds:1}
 * @param alternativeName its name
 * @param alternativeApproved whether that version is approved (a pending one may be
 * replayed too: nothing changes)
 * @param decisions every decision the trail recorded, in order
 */
public record WhatIf(String caseId, String title, String status, String pinnedTag, String alternativeTag,
		String alternativeName, boolean alternativeApproved, List<Row> decisions) {

	/** How many decisions would have come out differently. */
	public long differences() {
		return this.decisions.stream().filter(Row::differs).count();
	}

	/**
	 * One recorded decision and what the other version answers on the same counts.
	 *
	 * @param seq the audit event's sequence number
	 * @param occurredAt when it was evaluated
	 * @param decision the decision key, e.g. {@code member-vote}
	 * @param label the decision in words, e.g. "Member vote (strike authorization)"
	 * @param counts the counts it was decided on, as the trail recorded them
	 * @param recordedTag the version that decided it
	 * @param recordedOutcome e.g. {@code REJECTED}
	 * @param recordedExplanation the recorded explanation
	 * @param outcome the other version's outcome, or null if it could not be evaluated
	 * @param explanation the other version's explanation, or why it could not be
	 * evaluated
	 * @param differs whether the outcomes differ
	 * @param words the other outcome in words: "would pass", "would fail" ...
	 */
	public record Row(long seq, Instant occurredAt, String decision, String label, Map<String, Object> counts,
			String recordedTag, String recordedOutcome, String recordedExplanation, String outcome, String explanation,
			boolean differs, String words) {
	}

}
