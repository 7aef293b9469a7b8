package org.guildhall.engine;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;
import org.flywaydb.core.api.Location;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * Brings Guildhall's engine-side beans (rule sets, cases, step validators, delegates the
 * models name by bean) into any Spring Boot application that has this module on its class
 * path, after Camunda's own auto-configuration has built the process engine.
 */
@AutoConfiguration(after = CamundaBpmAutoConfiguration.class)
@ComponentScan(excludeFilters = @Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class))
public class GuildhallEngineAutoConfiguration {

	/**
	 * Flyway manages the whole schema ({@code db/migration}): Guildhall's tables and,
	 * from Camunda's shipped scripts, Camunda's
	 * ({@code db.migration.V3__Camunda_schema}); it runs before the engine starts. A
	 * database whose tables Camunda created itself (demo files of earlier versions) is
	 * not empty when Flyway first meets it, so Flyway baselines it at version 0 and then
	 * applies every migration.
	 */
	@Bean
	FlywayConfigurationCustomizer guildhallFlyway() {
		return (configuration) -> {
			configuration.baselineOnMigrate(true).baselineVersion("0").table("gh_schema_history");
			// migrations for one database only (e.g. PostgreSQL triggers) under
			// db/vendor/<vendor>
			DatabaseDriver driver = vendor(configuration.getDataSource());
			if (driver != DatabaseDriver.UNKNOWN && GuildhallEngineAutoConfiguration.class.getClassLoader()
				.getResource("db/vendor/" + driver.getId()) != null) {
				configuration.locations(new Location("classpath:db/migration"),
						new Location("classpath:db/vendor/" + driver.getId()));
			}
		};
	}

	private static DatabaseDriver vendor(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return DatabaseDriver.fromJdbcUrl(connection.getMetaData().getURL());
		}
		catch (SQLException ex) {
			return DatabaseDriver.UNKNOWN;
		}
	}

}
