package org.guildhall.web.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.guildhall.engine.audit.AuditCase;

/**
 * One row of the auditor's case list, its words prepared once here rather than by a dozen
 * template expressions per row (the list has up to 200 rows; docs/PERFORMANCE.md).
 *
 * @param auditCase the case
 * @param statusLabel its status as the status badge words it ("Strike called")
 * @param statusClass the badge's class ({@code status-strike_called})
 * @param started when it started, as the page shows it ("1 Feb 2009 14:05 UTC")
 * @param ended when it ended, the same way, or null
 */
record AuditCaseRow(AuditCase auditCase, String statusLabel, String statusClass, String started, String ended) {

	/**
	 * As {@code #temporals.format(t, 'd MMM yyyy HH:mm', 'UTC')} with " UTC" after it.
	 */
	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	static AuditCaseRow of(AuditCase auditCase) {
		String status = (auditCase.status() != null) ? auditCase.status() : "";
		return new AuditCaseRow(auditCase, statusLabel(status), "status-" + status.toLowerCase(Locale.ROOT),
				shown(auditCase.startedAt()), shown(auditCase.endedAt()));
	}

	/**
	 * The words of the layout's status badge: {@code STRIKE_CALLED} is "Strike called".
	 */
	static String statusLabel(String status) {
		String words = status.replace('_', ' ').toLowerCase(Locale.ROOT);
		return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static String shown(Instant instant) {
		return (instant != null) ? SHOWN.format(instant) + " UTC" : null;
	}

}
