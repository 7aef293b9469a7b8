package org.guildhall.web.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.guildhall.engine.audit.AuditCase;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.audit.CanonicalJson;
import org.guildhall.engine.audit.Verification;
import org.guildhall.web.audit.AuditExports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit trail: a case's history (JSON, CSV, JSON Lines) for any staff member, the
 * chain's verification and the whole chain as JSON Lines for auditors and Camunda
 * administrators. Every export is itself recorded in the trail ({@code AUDIT_EXPORTED},
 * after it is written).
 */
@RestController
@Tag(name = "Audit", description = "The hash-chained audit trail: case histories, exports, verification")
class AuditApiController {

	static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	static final MediaType JSON_LINES = new MediaType("application", "x-ndjson", StandardCharsets.UTF_8);

	static final String CHAIN_FILE_NAME = "guildhall-audit-trail.jsonl";

	private static final Logger log = LoggerFactory.getLogger(AuditApiController.class);

	private final AuditTrail trail;

	AuditApiController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping(path = "/api/cases/{id}/history", produces = "application/json")
	@Operation(summary = "A case's audit trail, oldest first (any staff)",
			description = "Every event of the case in chain order: who did what, when, with its details and the "
					+ "hashes that chain it. 404 if the trail has no event of that case.")
	List<HistoryEntry> history(@PathVariable String id,
			@Parameter(description = "only events of these kinds (repeatable), e.g. STEP_COMPLETED") @RequestParam(
					name = "kind", required = false) List<String> kinds,
			@Parameter(description = "only events of this user, e.g. secretary") @RequestParam(
					required = false) String actor) {
		return events(id, kinds, actor).stream().map(HistoryEntry::of).toList();
	}

	@GetMapping("/api/cases/{id}/history.csv")
	@Operation(summary = "A case's audit trail as CSV (any staff; the export is audited)",
			description = "Columns seq, occurredAt, kind, caseId, actor, subject, data (canonical JSON), prevHash, "
					+ "hash. Same filters as the JSON history.")
	@ApiResponse(responseCode = "200", description = "the trail as an attachment",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	ResponseEntity<String> historyCsv(@PathVariable String id,
			@Parameter(description = "only events of these kinds (repeatable)") @RequestParam(name = "kind",
					required = false) List<String> kinds,
			@Parameter(description = "only events of this user") @RequestParam(required = false) String actor,
			Authentication authentication) {
		return caseExport(id, kinds, actor, authentication, "csv", CSV, AuditExports::csv);
	}

	@GetMapping("/api/cases/{id}/history.jsonl")
	@Operation(summary = "A case's audit trail as JSON Lines (any staff; the export is audited)",
			description = "One event per line in canonical JSON (keys sorted, no whitespace), with its hash: drop "
					+ "`hash`, write the rest canonically and SHA-256 it to check a row. The links between a case's "
					+ "rows run through other cases' rows, so they can only be checked against the whole chain "
					+ "(/api/audit/export.jsonl).")
	@ApiResponse(responseCode = "200", description = "the trail as an attachment",
			content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")))
	ResponseEntity<String> historyJsonLines(@PathVariable String id,
			@Parameter(description = "only events of these kinds (repeatable)") @RequestParam(name = "kind",
					required = false) List<String> kinds,
			@Parameter(description = "only events of this user") @RequestParam(required = false) String actor,
			Authentication authentication) {
		return caseExport(id, kinds, actor, authentication, "jsonl", JSON_LINES, AuditExports::jsonLines);
	}

	/**
	 * A case's trail written by {@code writer}, recorded as exported, as an attachment.
	 */
	private ResponseEntity<String> caseExport(String id, List<String> kinds, String actor,
			Authentication authentication, String format, MediaType type,
			java.util.function.Function<List<AuditEvent>, String> writer) {
		List<AuditEvent> events = events(id, kinds, actor);
		String body = writer.apply(events);
		String fileName = AuditExports.caseFileName(caseKey(id), format);
		recordExport(authentication, id, fileName, format, events.size(), kinds, actor);
		return attachment(fileName, type).body(body);
	}

	@GetMapping(path = "/api/audit/verify", produces = "application/json")
	@PreAuthorize("hasAnyAuthority('auditor', 'camunda-admin')")
	@Operation(summary = "Recompute the whole hash chain (auditor, camunda-admin)",
			description = "ok, how many rows were checked, and if a row is bad the first bad row's sequence "
					+ "number and the problem. Keep lastHash: a later verification that still passes through it "
					+ "proves nothing before it changed.")
	VerificationView verify() {
		Verification verification = this.trail.verify();
		return new VerificationView(verification.ok(), verification.checked(), verification.firstBadSequence(),
				verification.problem(), verification.lastHash(), this.trail.head().lastSeq());
	}

	@GetMapping("/api/audit/export.jsonl")
	@PreAuthorize("hasAnyAuthority('auditor', 'camunda-admin')")
	@Operation(summary = "The whole chain as JSON Lines, streamed (auditor, camunda-admin; audited)",
			description = "Every row from 1 on, one per line in canonical JSON, for anyone to verify end to end: "
					+ "`java -jar guildhall.jar verify-audit --file -`.")
	@ApiResponse(responseCode = "200", description = "the chain as an attachment",
			content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")))
	ResponseEntity<StreamingResponseBody> exportChain(Authentication authentication) {
		String actor = authentication.getName();
		StreamingResponseBody body = (stream) -> {
			AtomicLong rows = new AtomicLong();
			boolean complete = false;
			try {
				Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
				this.trail.forEach((event) -> {
					try {
						out.write(AuditExports.jsonLine(event));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
					rows.incrementAndGet();
				});
				out.flush();
				complete = true;
			}
			finally {
				recordChainExport(actor, rows.get(), complete);
			}
		};
		return attachment(CHAIN_FILE_NAME, JSON_LINES).body(body);
	}

	/**
	 * Records a whole-chain export once it is written, or as far as it got: the rows are
	 * on their way, so a failure to record is logged rather than thrown.
	 */
	private void recordChainExport(String actor, long rows, boolean complete) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("format", "jsonl");
		data.put("scope", "chain");
		data.put("rows", rows);
		if (!complete) {
			data.put("complete", false);
		}
		try {
			this.trail.record(AuditKind.AUDIT_EXPORTED, null, actor, CHAIN_FILE_NAME, data);
		}
		catch (RuntimeException ex) {
			log.error("The export of the whole audit trail by {} ({} rows) could not be recorded", actor, rows, ex);
		}
	}

	/** The case's events, filtered; 404 if the trail has none. */
	private List<AuditEvent> events(String caseId, List<String> kinds, String actor) {
		List<AuditEvent> events = this.trail.caseTrail(caseId);
		if (events.isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"the audit trail has no events of case " + caseId);
			problem.setTitle("Not found");
			throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
		}
		Set<AuditKind> wanted = kinds(kinds);
		String who = (actor != null && !actor.isBlank()) ? actor.trim() : null;
		return events.stream()
			.filter((event) -> wanted == null || wanted.contains(event.knownKind()))
			.filter((event) -> who == null || who.equals(event.actor()))
			.toList();
	}

	private static Set<AuditKind> kinds(List<String> kinds) {
		if (kinds == null || kinds.stream().allMatch(String::isBlank)) {
			return null;
		}
		Set<AuditKind> wanted = EnumSet.noneOf(AuditKind.class);
		for (String kind : kinds) {
			if (kind.isBlank()) {
				continue;
			}
			try {
				wanted.add(AuditKind.valueOf(kind.trim().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"kind must be one of " + Arrays.toString(AuditKind.values()) + ", not '" + kind + "'");
			}
		}
		return wanted;
	}

	private String caseKey(String caseId) {
		return this.trail.auditCase(caseId).map(AuditCase::businessKey).filter((key) -> !key.isBlank()).orElse(caseId);
	}

	private void recordExport(Authentication authentication, String caseId, String fileName, String format, int rows,
			List<String> kinds, String actor) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("format", format);
		data.put("rows", rows);
		Set<AuditKind> wanted = kinds(kinds);
		if (wanted != null) {
			data.put("kinds", wanted.stream().map(AuditKind::name).toList());
		}
		if (actor != null && !actor.isBlank()) {
			data.put("actor", actor.trim());
		}
		this.trail.record(AuditKind.AUDIT_EXPORTED, caseId, authentication.getName(), fileName, data);
	}

	private static ResponseEntity.BodyBuilder attachment(String fileName, MediaType type) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName).build().toString())
			.contentType(type);
	}

	/**
	 * One event of a case's trail.
	 *
	 * @param seq its place in the chain
	 * @param occurredAt when, UTC to the millisecond
	 * @param kind what happened, e.g. {@code STEP_COMPLETED}
	 * @param label the kind in words
	 * @param caseId the case
	 * @param actor who did it ({@code engine} for timers and the job executor)
	 * @param subject what it happened to: a step, activity, decision, vote or rule set
	 * @param data the details
	 * @param prevHash the hash of the row before it
	 * @param hash SHA-256 of the row's canonical JSON
	 */
	@Schema(name = "AuditEvent")
	record HistoryEntry(long seq, @Schema(example = "2008-10-19T18:00:00.000Z") String occurredAt, String kind,
			String label, String caseId, String actor, String subject,
			@Schema(type = "object", description = "the details, as recorded") Object data, String prevHash,
			String hash) {

		static HistoryEntry of(AuditEvent event) {
			AuditKind known = event.knownKind();
			return new HistoryEntry(event.seq(), CanonicalJson.timestamp(event.occurredAt()), event.kind(),
					(known != null) ? known.label() : event.kind(), event.caseId(), event.actor(), event.subject(),
					CanonicalJson.parse(event.data()), event.prevHash(), event.hash());
		}

	}

	/**
	 * What a verification of the whole chain found.
	 *
	 * @param ok whether every row checked out
	 * @param checked how many rows were read
	 * @param firstBadSequence the first bad row (or where a missing row should be), null
	 * if ok
	 * @param problem why that row is bad, null if ok
	 * @param lastHash the hash of the last good row
	 * @param headSequence the last row according to the chain head, read after the
	 * verification
	 */
	@Schema(name = "AuditVerification")
	record VerificationView(boolean ok, long checked, @Schema(nullable = true) Long firstBadSequence,
			@Schema(nullable = true) String problem, String lastHash, long headSequence) {
	}

}
