package org.guildhall.bench;

import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Guildhall's workflow engine in the benchmark's JVM (no web layer): the real process
 * engine, Flyway schema, rule-set catalogue, case and step services and audit trail, on
 * the demo profile's database kind (an H2 file database) in a directory of the
 * benchmark's, with the settings of the application's {@code application.yaml}. The job
 * executor is off: the measured paths need no timers.
 */
final class Engine implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private Engine(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts the engine on the H2 database the application would use with
	 * {@code dataDir}.
	 */
	static Engine start(Path dataDir) {
		SpringApplication application = new SpringApplication(Configuration.class);
		application.setRegisterShutdownHook(false);
		return new Engine(application.run("--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--spring.application.name=guildhall", "--spring.datasource.url=" + jdbcUrl(dataDir),
				"--spring.datasource.username=sa", "--spring.datasource.password=", "--camunda.bpm.history-level=full",
				"--camunda.bpm.default-serialization-format=application/json",
				"--camunda.bpm.deployment-resource-pattern=classpath*:processes/*.bpmn",
				"--camunda.bpm.database.schema-update=true", "--camunda.bpm.job-execution.enabled=false",
				"--logging.level.root=warn", "--logging.level.org.camunda.bpm.dmn=warn"));
	}

	/** The JDBC URL of the application's demo database in {@code dataDir}. */
	static String jdbcUrl(Path dataDir) {
		return "jdbc:h2:file:" + dataDir.toAbsolutePath() + "/guildhall;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128";
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(exclude = { ServletWebServerFactoryAutoConfiguration.class,
			DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class })
	static class Configuration {

	}

}
