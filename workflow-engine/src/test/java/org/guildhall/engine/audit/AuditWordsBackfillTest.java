package org.guildhall.engine.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.guildhall.engine.MigrationTests;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code V9__audit_words_backfill}: cases and events recorded before {@code audit_word}
 * existed (written here with plain SQL into a schema migrated up to V7) become searchable
 * once the database is migrated; more cases than one page of the backfill.
 */
public class AuditWordsBackfillTest {

	static final int CASES = 450;

	/** The database to migrate: a fresh one for each call. */
	protected DataSource freshDatabase() {
		return new DriverManagerDataSource("jdbc:h2:mem:words-backfill-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
				"sa", "");
	}

	/** Flyway's locations for that database. */
	protected String[] locations() {
		return new String[] { "classpath:db/migration" };
	}

	@Test
	void rowsWrittenBeforeTheWordsTableBecomeSearchable() {
		DataSource database = freshDatabase();
		flyway(database, "7").migrate();
		JdbcTemplate jdbc = new JdbcTemplate(database);
		Timestamp started = Timestamp.from(Instant.parse("2009-01-01T00:00:00Z"));
		List<Object[]> cases = new ArrayList<>();
		List<Object[]> events = new ArrayList<>();
		long seq = 0;
		for (int i = 0; i < CASES; i++) {
			String caseId = "case-" + i;
			cases.add(new Object[] { caseId, "sag-tv-" + i, "Backfilled case " + i,
					new Timestamp(started.getTime() + i * 60_000L) });
			events.add(event(++seq, caseId, Map.of("values", Map.of("minutes", "Agreed\nword" + i + "x"))));
			events.add(event(++seq, caseId, Map.of("values", Map.of("summary", (i % 2 == 0) ? "STRIKE" : "talks"))));
		}
		events.add(event(++seq, null, Map.of("ruleSet", "orphanword")));
		events.add(event(++seq, "no-such-case", Map.of("note", "orphanword")));
		jdbc.batchUpdate("insert into audit_case (case_id, business_key, title, status, started_at, started_by) "
				+ "values (?, ?, ?, 'SETTLED', ?, 'staff')", cases);
		jdbc.batchUpdate("insert into audit_event (" + AuditTrail.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				events);
		jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ?", seq, "%064d".formatted(seq));

		flyway(database, null).migrate();

		AuditTrail trail = new AuditTrail(jdbc, new DataSourceTransactionManager(database));
		assertThat(search(trail, "word17x")).containsExactly("case-17");
		assertThat(search(trail, "WORD449")).containsExactly("case-449");
		assertThat(search(trail, "sag-tv-222")).containsExactly("case-222");
		assertThat(search(trail, "backfilled 3")).hasSize(1 + 10 + 100); // 3, 30-39,
																			// 300-399
		assertThat(search(trail, "strik agreed")).hasSize(CASES / 2).allSatisfy((id) -> {
			assertThat(Integer.parseInt(id.substring("case-".length())) % 2).isZero();
		});
		assertThat(search(trail, "orphanword")).isEmpty();
		assertThat(
				jdbc.queryForList("select word from audit_word where case_id = 'case-7' order by word", String.class))
			.containsExactly("7", "agreed", "backfilled", "case", "minutes", "sag", "summary", "talks", "tv", "values",
					"word7x");
		assertThat(jdbc.queryForObject("select count(*) from audit_word where case_id = 'no-such-case'", Long.class))
			.isZero();

		// events recorded after the migration add only the pairs the case does not have
		trail.record(new AuditRecord(Instant.now(), AuditKind.STEP_COMPLETED, "case-7", "staff", "Task_DecideStrike",
				Map.of("values", Map.of("decision", "STRIKE", "minutes", "word7x agreed"))));
		assertThat(search(trail, "strike word7x")).containsExactly("case-7");
	}

	private static Object[] event(long seq, String caseId, Map<String, ?> data) {
		return new Object[] { seq, Timestamp.from(Instant.parse("2009-01-02T00:00:00Z")), "STEP_COMPLETED", caseId,
				"staff", "Task_RecordBoardResolution", CanonicalJson.write(data), "%064d".formatted(seq - 1),
				"%064d".formatted(seq) };
	}

	private static List<String> search(AuditTrail trail, String text) {
		return trail.cases(new AuditCaseQuery(null, null, null, null, text, 1000))
			.stream()
			.map(AuditCase::caseId)
			.toList();
	}

	private Flyway flyway(DataSource database, String target) {
		return MigrationTests.flyway(database, locations(), target);
	}

}
