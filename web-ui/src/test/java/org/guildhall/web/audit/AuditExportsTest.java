package org.guildhall.web.audit;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.CanonicalJson;
import org.guildhall.web.csv.CsvCells;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export formats keep every byte of awkward values and stay verifiable; CSV cells
 * cannot start spreadsheet formulas.
 */
class AuditExportsTest {

	static final String AWKWARD = "Said \"no\", then left;\nline two, =SUM(A1)\tand ü";

	static final AuditEvent EVENT = event(7, null, "=cmd|' /C calc'!A0");

	@Test
	void csvQuotesCommasQuotesAndLineBreaksAndKeepsTheCanonicalData() throws IOException {
		String csv = AuditExports.csv(List.of(EVENT, event(8, "case-1", "Task_X")));
		assertThat(csv).startsWith("seq,occurredAt,kind,caseId,actor,subject,data,prevHash,hash\r\n");
		try (CSVParser parser = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))) {
			assertThat(parser.getHeaderNames()).isEqualTo(AuditExports.CSV_HEADER);
			List<CSVRecord> rows = parser.getRecords();
			assertThat(rows).hasSize(2);
			CSVRecord row = rows.get(0);
			assertThat(row.get("seq")).isEqualTo("7");
			assertThat(row.get("occurredAt")).isEqualTo("2008-10-19T18:00:00.000Z");
			assertThat(row.get("caseId")).isEmpty();
			// a cell that could start a formula is neutralised with an apostrophe
			assertThat(row.get("subject")).isEqualTo("'=cmd|' /C calc'!A0");
			assertThat(CsvCells.original(row.get("subject"))).isEqualTo(EVENT.subject());
			assertThat(row.get("data")).isEqualTo(EVENT.data());
			assertThat(CanonicalJson.parse(row.get("data"))).isEqualTo(Map.of("note", AWKWARD, "votes", 48L));
			assertThat(row.get("hash")).isEqualTo(EVENT.hash());
			assertThat(rows.get(1).get("caseId")).isEqualTo("case-1");
		}
	}

	@Test
	void csvCellsThatCouldStartAFormulaAreNeutralisedAndTheHashesStillVerify() throws IOException {
		List<AuditEvent> events = List.of(EVENT, event(8, "case-1", "-2+3+cmd|' /C calc'!A0"),
				event(9, "case-1", "@SUM(1+1)"), event(10, "case-1", "+1"), event(11, "case-1", "\tTab"),
				event(12, "case-1", "'quoted already"), event(13, "case-1", "Task_X"));
		String csv = AuditExports.csv(events);
		try (CSVParser parser = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))) {
			List<CSVRecord> rows = parser.getRecords();
			assertThat(rows).hasSize(events.size());
			for (CSVRecord row : rows) {
				for (String cell : row.values()) {
					assertThat(cell).as("row %s", row.get("seq"))
						.doesNotStartWith("=")
						.doesNotStartWith("+")
						.doesNotStartWith("-")
						.doesNotStartWith("@")
						.doesNotStartWith("\t")
						.doesNotStartWith("\r");
				}
				// what a verifier of the CSV does: one leading apostrophe off every cell
				// that
				// has one, then the row's canonical encoding and its SHA-256
				AuditEvent read = new AuditEvent(Long.parseLong(row.get("seq")),
						Instant.parse(CsvCells.original(row.get("occurredAt"))), CsvCells.original(row.get("kind")),
						emptyAsNull(CsvCells.original(row.get("caseId"))), CsvCells.original(row.get("actor")),
						emptyAsNull(CsvCells.original(row.get("subject"))), CsvCells.original(row.get("data")),
						CsvCells.original(row.get("prevHash")), CsvCells.original(row.get("hash")));
				assertThat(read.computeHash()).as("row %s verifies", row.get("seq")).isEqualTo(read.hash());
			}
			assertThat(rows.get(5).get("subject")).isEqualTo("''quoted already");
			assertThat(rows.get(6).get("subject")).isEqualTo("Task_X");
		}
	}

	@Test
	void jsonLinesAreCanonicalOneEventPerLineWithRecomputableHashes() {
		String lines = AuditExports.jsonLines(List.of(EVENT, event(8, "case-1", "Task_X")));
		assertThat(lines).endsWith("\n");
		List<String> split = lines.lines().toList();
		assertThat(split).hasSize(2);
		assertThat(split.get(0)).isEqualTo(CanonicalJson.write(EVENT.toExport()))
			.doesNotContain("\n")
			.contains("\"hash\":\"" + EVENT.hash() + "\"");
		Map<?, ?> parsed = (Map<?, ?>) CanonicalJson.parse(split.get(0));
		Map<String, Object> content = new LinkedHashMap<>();
		parsed.forEach((key, value) -> content.put((String) key, value));
		Object hash = content.remove("hash");
		assertThat(CanonicalJson.sha256(CanonicalJson.write(content))).isEqualTo(hash);
	}

	@Test
	void fileNamesKeepOnlySafeCharacters() {
		assertThat(AuditExports.caseFileName("sag-tv-2008", "csv")).isEqualTo("sag-tv-2008-trail.csv");
		assertThat(AuditExports.caseFileName("a/b\"c d\r\n", "jsonl")).isEqualTo("a-b-c-d---trail.jsonl");
	}

	private static String emptyAsNull(String cell) {
		return cell.isEmpty() ? null : cell;
	}

	private static AuditEvent event(long seq, String caseId, String subject) {
		AuditEvent unhashed = new AuditEvent(seq, Instant.parse("2008-10-19T18:00:00Z"), "STEP_COMPLETED", caseId,
				"secretary", subject, CanonicalJson.write(Map.of("note", AWKWARD, "votes", 48)), CanonicalJson.GENESIS,
				null);
		return new AuditEvent(seq, unhashed.occurredAt(), unhashed.kind(), caseId, unhashed.actor(), subject,
				unhashed.data(), unhashed.prevHash(), unhashed.computeHash());
	}

}
