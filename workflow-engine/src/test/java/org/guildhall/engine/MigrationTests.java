package org.guildhall.engine;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Flyway as the application configures it, for tests that migrate a database step by
 * step.
 */
public final class MigrationTests {

	private MigrationTests() {
	}

	/**
	 * Flyway for {@code database} with the application's history table and baseline,
	 * migrating up to {@code target} (a version, or null for all).
	 */
	public static Flyway flyway(DataSource database, String[] locations, String target) {
		var configuration = Flyway.configure()
			.dataSource(database)
			.locations(locations)
			.table("gh_schema_history")
			.baselineOnMigrate(true)
			.baselineVersion("0");
		if (target != null) {
			configuration.target(target);
		}
		return configuration.load();
	}

}
