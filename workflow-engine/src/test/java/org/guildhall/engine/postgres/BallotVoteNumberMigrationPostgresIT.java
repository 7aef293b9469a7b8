package org.guildhall.engine.postgres;

import javax.sql.DataSource;

import org.guildhall.engine.ballots.BallotVoteNumberMigrationTest;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link BallotVoteNumberMigrationTest} on a real PostgreSQL, with its vendor migrations.
 */
class BallotVoteNumberMigrationPostgresIT extends BallotVoteNumberMigrationTest {

	@Override
	protected DataSource freshDatabase() {
		String url = PostgresTestServer.get().createDatabase("vote_number_" + System.nanoTime());
		return new DriverManagerDataSource(url, "postgres", "");
	}

	@Override
	protected String[] locations() {
		return new String[] { "classpath:db/migration", "classpath:db/vendor/postgresql" };
	}

}
