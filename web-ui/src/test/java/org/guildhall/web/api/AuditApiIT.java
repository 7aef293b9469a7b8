package org.guildhall.web.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.audit.AuditVerifierCli;
import org.guildhall.engine.audit.CanonicalJson;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guildhall.web.api.ApiRefusalsIT.assertProblem;

/**
 * A case's audit trail through {@code /api}: its history as JSON (filtered by kind and
 * actor), CSV and JSON Lines, each export recorded in the trail after it is written; the
 * chain's verification; and the whole chain's export checked by the command-line
 * verifier.
 */
class AuditApiIT extends ApiIntegrationTest {

	static final MediaType CSV = new MediaType("text", "csv");

	static final MediaType JSON_LINES = new MediaType("application", "x-ndjson");

	@Autowired
	AuditTrail trail;

	@Test
	void aCasesHistoryTellsWhoDidWhatAsJsonCsvAndJsonLines() throws IOException {
		String caseId = startCase("History via API", "sag-2008");
		complete("secretary", openStep(caseId, "Task_RecordBoardResolution"), ApiRefusalsIT.CALL_THE_VOTE);

		JsonNode history = as("auditor").get("/api/cases/" + caseId + "/history").getBody();
		List<JsonNode> events = list(history);
		assertThat(events).extracting((event) -> event.path("seq").asLong()).isSorted().doesNotHaveDuplicates();
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.path("caseId").asText()).isEqualTo(caseId);
			assertThat(event.path("hash").asText()).matches("[0-9a-f]{64}");
			assertThat(event.path("prevHash").asText()).matches("[0-9a-f]{64}");
			assertThat(Instant.parse(event.path("occurredAt").asText())).isNotNull();
			assertThat(event.path("label").asText()).isEqualTo(AuditKind.valueOf(event.path("kind").asText()).label());
			assertThat(event.path("data").isObject()).isTrue();
		});
		JsonNode started = first(events, "CASE_STARTED", "strike-authorization");
		assertThat(started.path("actor").asText()).isEqualTo("staff");
		assertThat(started.path("label").asText()).isEqualTo("Case started");
		assertThat(started.path("data").path("title").asText()).isEqualTo("History via API");
		assertThat(started.path("data").path("ruleSetTag").asText()).isEqualTo("sag-2008:1");
		JsonNode completed = first(events, "STEP_COMPLETED", "Task_RecordBoardResolution");
		assertThat(completed.path("actor").asText()).isEqualTo("secretary");
		assertThat(completed.path("data").path("values").path("resolution").asText())
			.isEqualTo("CALL_AUTHORIZATION_VOTE");
		assertThat(completed.path("data").path("values").path("votesFor").asInt()).isEqualTo(48);
		// the history is the trail as stored, row for row
		List<AuditEvent> stored = this.trail.caseTrail(caseId);
		assertThat(events).extracting((event) -> event.path("hash").asText())
			.containsExactlyElementsOf(stored.stream().map(AuditEvent::hash).toList());

		// filters: kinds (repeatable, any case) and actor
		List<JsonNode> secretarySteps = list(as("staff")
			.get("/api/cases/" + caseId + "/history?kind=STEP_COMPLETED&kind=step_claimed&actor=secretary")
			.getBody());
		assertThat(secretarySteps).extracting((event) -> event.path("kind").asText())
			.containsExactly("STEP_CLAIMED", "STEP_COMPLETED");
		assertThat(secretarySteps).extracting((event) -> event.path("actor").asText()).containsOnly("secretary");
		assertThat(list(as("staff").get("/api/cases/" + caseId + "/history?actor=nobody").getBody())).isEmpty();
		assertProblem(as("staff").get("/api/cases/" + caseId + "/history?kind=STEP_EXPLODED"), HttpStatus.BAD_REQUEST,
				"kind must be one of [CASE_STARTED, ");
		assertProblem(as("staff").get("/api/cases/no-such-case/history"), HttpStatus.NOT_FOUND,
				"the audit trail has no events of case no-such-case");
		assertProblem(as("staff").get("/api/cases/no-such-case/history.csv"), HttpStatus.NOT_FOUND,
				"the audit trail has no events of case no-such-case");
		String businessKey = as("staff").get("/api/cases/" + caseId).getBody().path("businessKey").asText();

		// CSV: every event, data as canonical JSON, quoted as CSV quotes
		ResponseEntity<String> csv = as("staff").http()
			.getForEntity("/api/cases/{id}/history.csv", String.class, caseId);
		assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(csv.getHeaders().getContentType().isCompatibleWith(CSV)).isTrue();
		assertAttachment(csv, businessKey + "-trail.csv");
		List<CSVRecord> rows;
		try (CSVParser parser = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.getBody()))) {
			assertThat(parser.getHeaderNames()).containsExactly("seq", "occurredAt", "kind", "caseId", "actor",
					"subject", "data", "prevHash", "hash");
			rows = parser.getRecords();
		}
		assertThat(rows).hasSameSizeAs(events);
		for (int i = 0; i < rows.size(); i++) {
			CSVRecord row = rows.get(i);
			JsonNode event = events.get(i);
			assertThat(row.get("seq")).isEqualTo(event.path("seq").asText());
			assertThat(row.get("occurredAt")).isEqualTo(event.path("occurredAt").asText());
			assertThat(row.get("kind")).isEqualTo(event.path("kind").asText());
			assertThat(row.get("actor")).isEqualTo(event.path("actor").asText());
			assertThat(row.get("data")).isEqualTo(CanonicalJson.write(event.path("data")));
			assertThat(row.get("hash")).isEqualTo(event.path("hash").asText());
		}

		// the export itself is in the trail, after what it exported
		JsonNode csvExported = last(as("auditor").get("/api/cases/" + caseId + "/history?kind=AUDIT_EXPORTED"));
		assertThat(csvExported.path("actor").asText()).isEqualTo("staff");
		assertThat(csvExported.path("subject").asText()).isEqualTo(businessKey + "-trail.csv");
		assertThat(csvExported.path("data").path("format").asText()).isEqualTo("csv");
		assertThat(csvExported.path("data").path("rows").asInt()).isEqualTo(rows.size());
		assertThat(csvExported.path("seq").asLong()).isGreaterThan(events.get(events.size() - 1).path("seq").asLong());

		// JSON Lines: each line canonical, each hash recomputable by anyone
		ResponseEntity<String> jsonl = as("secretary").http()
			.getForEntity("/api/cases/{id}/history.jsonl", String.class, caseId);
		assertThat(jsonl.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(jsonl.getHeaders().getContentType().isCompatibleWith(JSON_LINES)).isTrue();
		assertAttachment(jsonl, businessKey + "-trail.jsonl");
		List<String> lines = jsonl.getBody().lines().toList();
		assertThat(lines).hasSize(events.size() + 1);
		for (String line : lines) {
			JsonNode row = CanonicalJson.tree(line);
			assertThat(line).isEqualTo(CanonicalJson.write(row));
			ObjectNode content = row.deepCopy();
			String hash = content.remove("hash").asText();
			assertThat(CanonicalJson.sha256(CanonicalJson.write(content))).as(line).isEqualTo(hash);
		}
		JsonNode lastLine = CanonicalJson.tree(lines.get(lines.size() - 1));
		assertThat(lastLine.path("seq").asLong()).isEqualTo(csvExported.path("seq").asLong());
		JsonNode jsonlExported = last(as("auditor").get("/api/cases/" + caseId + "/history?kind=AUDIT_EXPORTED"));
		assertThat(jsonlExported.path("actor").asText()).isEqualTo("secretary");
		assertThat(jsonlExported.path("data").path("format").asText()).isEqualTo("jsonl");
		assertThat(jsonlExported.path("data").path("rows").asInt()).isEqualTo(lines.size());
		assertThat(jsonlExported.path("seq").asLong()).isGreaterThan(lastLine.path("seq").asLong());

		// and the verifier takes a case's export row by row
		Result verified = verify(jsonl.getBody());
		assertThat(verified.status()).as(verified.out()).isEqualTo(AuditVerifierCli.OK);
		assertThat(verified.out()).startsWith("OK: " + lines.size() + " rows verified");
	}

	@Test
	void theChainVerifiesAndItsWholeExportVerifiesOutsideTheApplication() {
		String caseId = startCase("Whole chain via API", "two-thirds");
		complete("secretary", openStep(caseId, "Task_RecordBoardResolution"), ApiRefusalsIT.CALL_THE_VOTE);

		JsonNode verification = as("auditor").get("/api/audit/verify").getBody();
		assertThat(verification.path("ok").asBoolean()).as(verification.toString()).isTrue();
		assertThat(verification.path("checked").asLong()).isPositive();
		assertThat(verification.path("firstBadSequence").isNull()).isTrue();
		assertThat(verification.path("problem").isNull()).isTrue();
		assertThat(verification.path("lastHash").asText()).matches("[0-9a-f]{64}");
		assertThat(verification.path("headSequence").asLong())
			.isGreaterThanOrEqualTo(verification.path("checked").asLong());

		ResponseEntity<String> export = as("admin").http().getForEntity("/api/audit/export.jsonl", String.class);
		assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(export.getHeaders().getContentType().isCompatibleWith(JSON_LINES)).isTrue();
		assertAttachment(export, "guildhall-audit-trail.jsonl");
		List<String> lines = export.getBody().lines().toList();
		assertThat(CanonicalJson.tree(lines.get(0)).path("seq").asLong()).isEqualTo(1);
		JsonNode lastLine = CanonicalJson.tree(lines.get(lines.size() - 1));
		assertThat(lastLine.path("seq").asLong()).isEqualTo(lines.size());
		assertThat(export.getBody()).contains(caseId);

		Result verified = verify(export.getBody());
		assertThat(verified.status()).as(verified.out()).isEqualTo(AuditVerifierCli.OK);
		assertThat(verified.out())
			.startsWith("OK: " + lines.size() + " rows verified; last hash " + lastLine.path("hash").asText());

		AuditEvent exported = this.trail.latest(AuditKind.AUDIT_EXPORTED, 10)
			.stream()
			.filter((event) -> "admin".equals(event.actor()))
			.findFirst()
			.orElseThrow();
		assertThat(exported.caseId()).isNull();
		assertThat(exported.subject()).isEqualTo("guildhall-audit-trail.jsonl");
		assertThat(exported.details()).containsEntry("format", "jsonl")
			.containsEntry("scope", "chain")
			.containsEntry("rows", (long) lines.size());
		assertThat(exported.seq()).isGreaterThan(lastLine.path("seq").asLong());

		// one changed character and the same export no longer verifies
		String forged = export.getBody().replaceFirst("\"actor\":\"secretary\"", "\"actor\":\"secretarx\"");
		assertThat(forged).isNotEqualTo(export.getBody());
		assertThat(verify(forged).status()).isEqualTo(AuditVerifierCli.BROKEN);
	}

	private static void assertAttachment(ResponseEntity<String> response, String fileName) {
		ContentDisposition disposition = response.getHeaders().getContentDisposition();
		assertThat(disposition.isAttachment()).as(disposition.toString()).isTrue();
		assertThat(disposition.getFilename()).isEqualTo(fileName);
	}

	private static List<JsonNode> list(JsonNode array) {
		assertThat(array.isArray()).as(String.valueOf(array)).isTrue();
		List<JsonNode> list = new ArrayList<>();
		array.forEach(list::add);
		return list;
	}

	private static JsonNode first(List<JsonNode> events, String kind, String subject) {
		return events.stream()
			.filter((event) -> kind.equals(event.path("kind").asText())
					&& subject.equals(event.path("subject").asText()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + subject + " in " + events));
	}

	private static JsonNode last(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<JsonNode> events = list(response.getBody());
		assertThat(events).isNotEmpty();
		return events.get(events.size() - 1);
	}

	static Result verify(String export) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = AuditVerifierCli.run(new String[] { "--file", "-" },
				new ByteArrayInputStream(export.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		return new Result(status, out.toString(StandardCharsets.UTF_8));
	}

	record Result(int status, String out) {
	}

}
