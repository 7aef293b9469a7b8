package org.guildhall.engine.postgres;

import javax.sql.DataSource;

import org.guildhall.engine.audit.AuditWordsBackfillTest;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link AuditWordsBackfillTest} on a real PostgreSQL, with its vendor migrations (the
 * words' byte collation among them).
 */
class AuditWordsBackfillPostgresIT extends AuditWordsBackfillTest {

	@Override
	protected DataSource freshDatabase() {
		String url = PostgresTestServer.get().createDatabase("words_backfill_" + System.nanoTime());
		return new DriverManagerDataSource(url, "postgres", "");
	}

	@Override
	protected String[] locations() {
		return new String[] { "classpath:db/migration", "classpath:db/vendor/postgresql" };
	}

}
