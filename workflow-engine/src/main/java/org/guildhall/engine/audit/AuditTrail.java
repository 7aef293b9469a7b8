package org.guildhall.engine.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, hash-chained audit trail ({@code audit_event}).
 * <p>
 * Events recorded inside a transaction are kept until it commits and are then appended in
 * one go, just before the commit, holding the lock on {@code audit_chain_head}: they are
 * stored if and only if what they describe is, and appends from concurrent transactions
 * (or nodes) form one chain in commit order. Events recorded outside a transaction are
 * appended in a transaction of their own.
 * <p>
 * Nothing here updates or deletes a row of {@code audit_event}. The case index
 * ({@code audit_case}) and the words of each case ({@code audit_word}, for the search;
 * see {@link SearchWords}) are written in the same append.
 */
@Service
public class AuditTrail {

	static final String COLUMNS = "seq, occurred_at, kind, case_id, actor, subject, data, prev_hash, hash";

	private static final RowMapper<AuditEvent> EVENT = AuditTrail::event;

	private static final int PAGE = 1000;

	/**
	 * A search word matching at most this many (case, word) pairs picks the candidates on
	 * its own; the other words are then checked per candidate.
	 */
	private static final long RARE_WORD_CASES = 1000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	public AuditTrail(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
	}

	/** Records an event now, as {@code actor}, outside any case. */
	public void record(AuditKind kind, String caseId, String actor, String subject, Map<String, ?> data) {
		record(new AuditRecord(ClockUtil.getCurrentTime().toInstant(), kind, caseId, actor, subject, data));
	}

	/**
	 * Appends {@code record} when the current transaction commits (and not at all if it
	 * rolls back), or at once in a transaction of its own if there is none.
	 */
	public void record(AuditRecord record) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive()) {
			pending().add(record);
		}
		else {
			this.ownTransaction.executeWithoutResult((status) -> append(List.of(record)));
		}
	}

	/** The transaction's pending records, registering the append on first use. */
	List<AuditRecord> pending() {
		@SuppressWarnings("unchecked")
		List<AuditRecord> pending = (List<AuditRecord>) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			List<AuditRecord> created = new ArrayList<>();
			TransactionSynchronizationManager.bindResource(this, created);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCommit(boolean readOnly) {
					List<AuditRecord> records = List.copyOf(created);
					created.clear();
					append(records);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
				}

				@Override
				public void suspend() {
					TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
				}

				@Override
				public void resume() {
					TransactionSynchronizationManager.bindResource(AuditTrail.this, created);
				}

			});
			pending = created;
		}
		return pending;
	}

	/** Appends {@code records} to the chain in the current transaction. */
	void append(List<AuditRecord> records) {
		if (records.isEmpty()) {
			return;
		}
		ChainHead head = this.jdbc.queryForObject(
				"select last_seq, last_hash from audit_chain_head where id = 1 for update",
				(rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2)));
		long seq = head.lastSeq();
		String previous = head.lastHash();
		List<Object[]> rows = new ArrayList<>(records.size());
		Map<String, Set<String>> words = new LinkedHashMap<>();
		for (AuditRecord record : records) {
			seq++;
			AuditEvent unhashed = new AuditEvent(seq, record.occurredAt(), record.kind().name(), record.caseId(),
					truncate(record.actor(), 64), truncate(record.subject(), 255), CanonicalJson.write(record.data()),
					previous, null);
			String hash = unhashed.computeHash();
			rows.add(new Object[] { seq, offset(record.occurredAt()), unhashed.kind(), unhashed.caseId(),
					unhashed.actor(), unhashed.subject(), unhashed.data(), previous, hash });
			previous = hash;
			index(record, words);
			if (record.caseId() != null) {
				SearchWords.addJson(unhashed.data(), words.computeIfAbsent(record.caseId(), (id) -> new HashSet<>()));
			}
		}
		this.jdbc.batchUpdate("insert into audit_event (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
		indexWords(words);
		int moved = this.jdbc.update(
				"update audit_chain_head set last_seq = ?, last_hash = ? where id = 1 and last_seq = ?", seq, previous,
				head.lastSeq());
		if (moved != 1) {
			throw new IllegalStateException("the audit chain head moved while locked");
		}
	}

	/**
	 * Keeps {@code audit_case}, the trail's case index, in step with the chain; adds the
	 * words of a new case's title and business key to {@code words}.
	 */
	private void index(AuditRecord record, Map<String, Set<String>> words) {
		if (record.caseId() == null) {
			return;
		}
		Map<String, ?> data = record.data();
		if (record.kind() == AuditKind.CASE_STARTED) {
			Object version = data.get("ruleSetVersion");
			Object businessKey = data.get("businessKey");
			String title = truncate(String.valueOf(data.containsKey("title") ? data.get("title") : businessKey), 500);
			this.jdbc.update(
					"insert into audit_case (case_id, business_key, title, process_definition_id, rule_set_key, "
							+ "rule_set_version, status, started_at, started_by, tenant_id) "
							+ "values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?)",
					record.caseId(), businessKey, title, data.get("processDefinitionId"), data.get("ruleSetKey"),
					(version instanceof Number number) ? number.intValue() : null, offset(record.occurredAt()),
					record.actor(), data.get("tenantId"));
			Set<String> caseWords = words.computeIfAbsent(record.caseId(), (id) -> new HashSet<>());
			SearchWords.add(title, caseWords);
			SearchWords.add((businessKey != null) ? businessKey.toString() : null, caseWords);
		}
		else if (record.kind() == AuditKind.CASE_ENDED) {
			this.jdbc.update("update audit_case set status = ?, ended_at = ? where case_id = ?",
					String.valueOf(data.get("status")), offset(record.occurredAt()), record.caseId());
		}
	}

	/**
	 * Adds the {@code (word, case_id)} pairs of {@code words} to {@code audit_word} that
	 * it does not hold yet: one batch of inserts, each looking its pair up by primary key
	 * first. Runs under the lock on the chain head, so no concurrent append can insert
	 * the same pair between the look-up and the insert.
	 */
	private void indexWords(Map<String, Set<String>> words) {
		List<Object[]> pairs = new ArrayList<>();
		words.forEach((caseId, caseWords) -> caseWords
			.forEach((word) -> pairs.add(new Object[] { word, caseId, word, caseId })));
		if (!pairs.isEmpty()) {
			// selected from the one-row chain head (locked anyway): portable SQL
			this.jdbc.batchUpdate("insert into audit_word (word, case_id) "
					+ "select cast(? as varchar(64)), cast(? as varchar(64)) from audit_chain_head where id = 1 "
					+ "and not exists (select 1 from audit_word w where w.word = ? and w.case_id = ?)", pairs);
		}
	}

	/** The end of the chain. */
	public ChainHead head() {
		return this.jdbc.queryForObject("select last_seq, last_hash from audit_chain_head where id = 1",
				(rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2)));
	}

	/** The trail of one case, in chain order. */
	public List<AuditEvent> caseTrail(String caseId) {
		return this.jdbc.query("select " + COLUMNS + " from audit_event where case_id = ? order by seq", EVENT, caseId);
	}

	/** The newest events of one kind, newest first. */
	public List<AuditEvent> latest(AuditKind kind, int limit) {
		return this.jdbc.query("select " + COLUMNS + " from audit_event where kind = ? order by seq desc fetch first "
				+ Math.max(1, limit) + " rows only", EVENT, kind.name());
	}

	/**
	 * Hands every row to {@code consumer} in chain order, a page at a time (the trail may
	 * be larger than memory).
	 */
	public void forEach(Consumer<AuditEvent> consumer) {
		forEach(0, Long.MAX_VALUE, consumer);
	}

	/**
	 * Hands the rows after {@code after} up to {@code upTo} to {@code consumer} in chain
	 * order; answers the last sequence number handed over ({@code after} if none).
	 */
	private long forEach(long after, long upTo, Consumer<AuditEvent> consumer) {
		long last = after;
		while (true) {
			List<AuditEvent> page = this.jdbc.query("select " + COLUMNS
					+ " from audit_event where seq > ? and seq <= ? order by seq fetch first " + PAGE + " rows only",
					EVENT, last, upTo);
			page.forEach(consumer);
			if (!page.isEmpty()) {
				last = page.get(page.size() - 1).seq();
			}
			if (page.size() < PAGE) {
				return last;
			}
		}
	}

	/** Recomputes the whole chain; names the first bad row. */
	public Verification verify() {
		AuditVerifier verifier = new AuditVerifier();
		long last = forEach(0, Long.MAX_VALUE, verifier::accept);
		ChainHead head = head();
		if (head.lastSeq() > last) {
			// rows appended while the chain was read: a row and the head that counts it
			// commit together, so every row up to the head just read is there to check
			forEach(last, head.lastSeq(), verifier::accept);
		}
		return verifier.finish(head);
	}

	/** The cases the trail knows, newest first, filtered by {@code query}. */
	public List<AuditCase> cases(AuditCaseQuery query) {
		StringBuilder sql = new StringBuilder("select c.* from audit_case c where 1 = 1");
		List<Object> args = new ArrayList<>();
		if (query.status() != null) {
			sql.append(" and c.status = ?");
			args.add(query.status());
		}
		if (query.sandbox() != null) {
			sql.append(query.sandbox() ? " and c.tenant_id is not null" : " and c.tenant_id is null");
		}
		if (query.ruleSet() != null) {
			sql.append(" and c.rule_set_key = ?");
			args.add(query.ruleSet());
		}
		if (query.startedFrom() != null) {
			sql.append(" and c.started_at >= ?");
			args.add(offset(query.startedFrom()));
		}
		if (query.startedBefore() != null) {
			sql.append(" and c.started_at < ?");
			args.add(offset(query.startedBefore()));
		}
		if (query.text() != null) {
			Set<String> words = SearchWords.of(query.text());
			if (words.isEmpty()) {
				return List.of(); // no word to look for (punctuation only): no case
			}
			// each word the start of a word of the case: a range of audit_word's key
			// (words are letters and digits only, so none holds a like wildcard). With
			// several words, the rarest (each counted first: a count of an index range)
			// picks the candidates; when it is rare, the others are checked per candidate
			// (exists) instead of each being read whole (10,000 cases: ~1 ms, not ~70)
			List<String> prefixes = new ArrayList<>(words.stream().map((word) -> word + "%").toList());
			boolean rareFirst = false;
			if (prefixes.size() > 1) {
				Map<String, Long> matches = new HashMap<>();
				for (String prefix : prefixes) {
					Long count = this.jdbc.queryForObject("select count(*) from audit_word where word like ?",
							Long.class, prefix);
					if (count == null || count == 0) {
						return List.of(); // a word no case has: no case
					}
					matches.put(prefix, count);
				}
				prefixes.sort(Comparator.comparing(matches::get));
				rareFirst = matches.get(prefixes.get(0)) <= RARE_WORD_CASES;
			}
			for (int i = 0; i < prefixes.size(); i++) {
				sql.append((i == 0 || !rareFirst)
						? " and c.case_id in (select w.case_id from audit_word w where w.word like ?)"
						: " and exists (select 1 from audit_word w where w.word like ? and w.case_id = c.case_id)");
				args.add(prefixes.get(i));
			}
		}
		sql.append(" order by c.started_at desc, c.case_id desc fetch first ")
			.append(query.limit())
			.append(" rows only");
		return this.jdbc.query(sql.toString(), AuditTrail::auditCase, args.toArray());
	}

	/** One case of the trail's index. */
	public Optional<AuditCase> auditCase(String caseId) {
		return this.jdbc.query("select * from audit_case where case_id = ?", AuditTrail::auditCase, caseId)
			.stream()
			.findFirst();
	}

	private static AuditCase auditCase(ResultSet rs, int row) throws SQLException {
		Object version = rs.getObject("rule_set_version");
		return new AuditCase(rs.getString("case_id"), rs.getString("business_key"), rs.getString("title"),
				rs.getString("process_definition_id"), rs.getString("rule_set_key"),
				(version instanceof Number number) ? number.intValue() : null, rs.getString("status"),
				instant(rs, "started_at"), rs.getString("started_by"), instant(rs, "ended_at"),
				rs.getString("tenant_id"));
	}

	static AuditEvent event(ResultSet rs, int row) throws SQLException {
		return new AuditEvent(rs.getLong("seq"), instant(rs, "occurred_at"), rs.getString("kind"),
				rs.getString("case_id"), rs.getString("actor"), rs.getString("subject"), rs.getString("data"),
				rs.getString("prev_hash"), rs.getString("hash"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime offset(Instant instant) {
		return OffsetDateTime.ofInstant(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), ZoneOffset.UTC);
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

	/** The last row of the chain, as {@code audit_chain_head} records it. */
	public record ChainHead(long lastSeq, String lastHash) {
	}

}
