package org.guildhall.engine.postgres;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test's Spring context at a database of the test PostgreSQL server instead of
 * H2, with the schema managed as in production (Flyway, no engine schema updates). The
 * database is named after the in-memory H2 database the test would otherwise use, so
 * tests that keep their data apart on H2 keep it apart on PostgreSQL too.
 */
public class PostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String url = PostgresTestServer.get().createDatabase(databaseName(context));
		TestPropertyValues
			.of("spring.datasource.url=" + url, "spring.datasource.username=postgres", "spring.datasource.password=",
					"spring.datasource.hikari.maximum-pool-size=30",
					// as in production: Flyway creates Camunda's tables, the engine only
					// checks
					"camunda.bpm.database.schema-update=false")
			.applyTo(context);
	}

	static String databaseName(ConfigurableApplicationContext context) {
		String h2 = context.getEnvironment().getProperty("spring.datasource.url", "");
		java.util.regex.Matcher name = java.util.regex.Pattern.compile("jdbc:h2:mem:([A-Za-z0-9_-]+)").matcher(h2);
		return name.find() ? name.group(1) : "guildhall";
	}

}
