package org.guildhall.engine;

import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * Brings Guildhall's engine-side beans (rule sets, cases, step validators, delegates the
 * models name by bean) into any Spring Boot application that has this module on its class
 * path, after Camunda's own auto-configuration has built the process engine.
 */
@AutoConfiguration(after = CamundaBpmAutoConfiguration.class)
@ComponentScan
public class GuildhallEngineAutoConfiguration {

	/**
	 * Flyway manages Guildhall's own tables ({@code gh_*}, {@code db/migration}) beside
	 * Camunda's, which the engine creates first: the schema is therefore never empty when
	 * Flyway starts, so it baselines at version 0 and then applies every migration.
	 */
	@Bean
	FlywayConfigurationCustomizer guildhallFlyway() {
		return (configuration) -> configuration.baselineOnMigrate(true).baselineVersion("0").table("gh_schema_history");
	}

}
