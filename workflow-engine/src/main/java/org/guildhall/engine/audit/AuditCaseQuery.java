package org.guildhall.engine.audit;

import java.time.Instant;

/**
 * A search of the trail's cases; null fields match everything.
 *
 * @param status {@code ACTIVE} or an end status
 * @param ruleSet a rule-set key
 * @param startedFrom cases started at or after this
 * @param startedBefore cases started before this
 * @param text words, split as {@link SearchWords} splits them: every word is the start of
 * a word in the title, business key or any event of the case, case-insensitive (a text
 * without a letter or digit matches no case)
 * @param limit at most this many (1 to 1000)
 * @param sandbox only simulated cases of the sandbox (true), only live cases (false), or
 * both (null)
 */
public record AuditCaseQuery(String status, String ruleSet, Instant startedFrom, Instant startedBefore, String text,
		int limit, Boolean sandbox) {

	/** Live and sandbox cases alike. */
	public AuditCaseQuery(String status, String ruleSet, Instant startedFrom, Instant startedBefore, String text,
			int limit) {
		this(status, ruleSet, startedFrom, startedBefore, text, limit, null);
	}

	public AuditCaseQuery {
		status = blankToNull(status);
		ruleSet = blankToNull(ruleSet);
		text = blankToNull(text);
		limit = Math.max(1, Math.min(limit, 1000));
	}

	/** Every case, newest first (up to 200). */
	public static AuditCaseQuery all() {
		return new AuditCaseQuery(null, null, null, null, null, 200);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
