package org.guildhall.engine.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the trail as stored.
 *
 * @param seq its place in the chain, from 1 without gaps
 * @param occurredAt when it happened, to the millisecond
 * @param kind what happened ({@link AuditKind} name; kept as text so rows written by a
 * later version still verify)
 * @param caseId the case, or null
 * @param actor who did it
 * @param subject what it happened to, or null
 * @param data details as canonical JSON
 * @param prevHash the hash of row {@code seq - 1}
 * @param hash SHA-256 of {@link #canonical()}
 */
public record AuditEvent(long seq, Instant occurredAt, String kind, String caseId, String actor, String subject,
		String data, String prevHash, String hash) {

	/**
	 * The text whose SHA-256 is {@link #hash()}: every field but the hash, canonically.
	 */
	public String canonical() {
		return CanonicalJson.write(fields());
	}

	/** The hash this row should have. */
	public String computeHash() {
		return CanonicalJson.sha256(canonical());
	}

	/** The details as maps, lists and values. */
	@SuppressWarnings("unchecked")
	public Map<String, Object> details() {
		Object parsed = CanonicalJson.parse(this.data);
		return (parsed instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	/** The kind as an enum constant, or null for a kind this version does not know. */
	public AuditKind knownKind() {
		try {
			return AuditKind.valueOf(this.kind);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The row as an export line carries it: every field and the hash. */
	public Map<String, Object> toExport() {
		Map<String, Object> fields = fields();
		fields.put("hash", this.hash);
		return fields;
	}

	/** Every field but the hash, as {@link #canonical()} encodes them. */
	private Map<String, Object> fields() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("seq", this.seq);
		fields.put("occurredAt", CanonicalJson.timestamp(this.occurredAt));
		fields.put("kind", this.kind);
		fields.put("caseId", this.caseId);
		fields.put("actor", this.actor);
		fields.put("subject", this.subject);
		fields.put("data", CanonicalJson.parse(this.data));
		fields.put("prevHash", this.prevHash);
		return fields;
	}

}
