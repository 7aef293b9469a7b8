package org.guildhall.web.audit;

import java.io.StringWriter;
import java.io.Writer;
import java.util.List;

import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.CanonicalJson;
import org.guildhall.web.csv.CsvCells;

/**
 * The audit trail's export formats, for the API and the auditor's pages alike.
 * <ul>
 * <li>CSV (RFC 4180, UTF-8): one row per event, columns {@link #CSV_HEADER}; {@code data}
 * holds the event's canonical JSON text. Cells go through {@link CsvCells}: a text cell
 * that could start a spreadsheet formula (or starts with an apostrophe) gets an
 * apostrophe in front; a verifier drops one leading apostrophe from every cell that has
 * one and recomputes the hashes from the values as stored.</li>
 * <li>JSON Lines: one event per line, {@link AuditEvent#toExport()} in the canonical JSON
 * the chain hashes ({@link CanonicalJson}), so anyone can recompute each hash: drop
 * {@code hash} from a line, write the rest canonically, SHA-256 it.</li>
 * </ul>
 */
public final class AuditExports {

	/** The CSV columns, in order. */
	public static final List<String> CSV_HEADER = List.of("seq", "occurredAt", "kind", "caseId", "actor", "subject",
			"data", "prevHash", "hash");

	private AuditExports() {
	}

	/** The events as CSV text, header first. */
	public static String csv(List<AuditEvent> events) {
		StringWriter text = new StringWriter();
		csv(events, text);
		return text.toString();
	}

	/** Writes the events as CSV, header first, to {@code out} (left open). */
	public static void csv(List<AuditEvent> events, Writer out) {
		CsvCells.Printer printer = CsvCells.printer(out, CSV_HEADER);
		for (AuditEvent event : events) {
			printer.printRecord(event.seq(), CanonicalJson.timestamp(event.occurredAt()), event.kind(), event.caseId(),
					event.actor(), event.subject(), event.data(), event.prevHash(), event.hash());
		}
		printer.flush();
	}

	/** One line of a JSON Lines export, with its line feed. */
	public static String jsonLine(AuditEvent event) {
		return CanonicalJson.write(event.toExport()) + "\n";
	}

	/** The events as JSON Lines text. */
	public static String jsonLines(List<AuditEvent> events) {
		StringBuilder text = new StringBuilder();
		events.forEach((event) -> text.append(jsonLine(event)));
		return text.toString();
	}

	/**
	 * A file name for a case's export: {@code <businessKey>-trail.<extension>}, with
	 * anything but letters, digits, dots, dashes and underscores replaced.
	 * @param caseKey the case's business key, or its id if it has none
	 * @param extension {@code csv} or {@code jsonl}
	 */
	public static String caseFileName(String caseKey, String extension) {
		return caseKey.replaceAll("[^A-Za-z0-9._-]", "-") + "-trail." + extension;
	}

}
