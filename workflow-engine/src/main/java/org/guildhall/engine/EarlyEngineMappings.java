package org.guildhall.engine;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Camunda's MyBatis mappings (about 1,760 SQL statements in some sixty files), parsed on
 * a thread of their own from the moment the application's environment is known, instead
 * of on the main thread when the engine is built. On a cold JVM that parse takes seconds
 * of a start (about a quarter of a restart of the demo on two cores,
 * {@code PERFORMANCE.md}), while the main thread spends the same seconds configuring
 * Spring, the web server and the schema check, with the other core mostly idle.
 * <p>
 * The parse is Camunda's own
 * ({@code ProcessEngineConfigurationImpl.initSqlSessionFactory}, run on a configuration
 * made only for it, for the database type and table prefix) and is used only for an
 * engine whose database type and table prefix turn out to be the ones guessed from the
 * environment here ({@link GuildhallProcessEngineConfiguration}); otherwise, or if it
 * failed, the engine parses the mappings itself as it always does. The
 * {@link Initializer} starts it; {@code GuildhallApplication} registers the initializer
 * (tests that build their contexts otherwise do not start it).
 */
public final class EarlyEngineMappings {

	/** The bean under which the {@link Initializer} registers the parse. */
	public static final String BEAN_NAME = "guildhallEarlyEngineMappings";

	/** Set to {@code false} to leave the parse to the engine. */
	public static final String ENABLED_PROPERTY = "guildhall.engine.early-mappings";

	private static final Logger log = LoggerFactory.getLogger(EarlyEngineMappings.class);

	private final String databaseType;

	private final String tablePrefix;

	private final FutureTask<Configuration> parse;

	private final AtomicBoolean taken = new AtomicBoolean();

	private EarlyEngineMappings(String databaseType, String tablePrefix) {
		this.databaseType = databaseType;
		this.tablePrefix = tablePrefix;
		this.parse = new FutureTask<>(() -> parse(databaseType, tablePrefix));
	}

	/**
	 * Starts parsing the mappings for this database type (Camunda's name: {@code h2},
	 * {@code postgres}, ...) and table prefix on a daemon thread.
	 */
	public static EarlyEngineMappings start(String databaseType, String tablePrefix) {
		EarlyEngineMappings mappings = new EarlyEngineMappings(databaseType, nullToEmpty(tablePrefix));
		Thread thread = new Thread(mappings.parse, "guildhall-engine-mappings");
		thread.setDaemon(true);
		thread.start();
		return mappings;
	}

	/**
	 * Camunda's own parse of its mappings: its engine configuration's
	 * {@code initSqlSessionFactory}, run on a configuration made for nothing else, with a
	 * data source that is never asked for a connection (parsing does not use one; the
	 * engine that takes the result sets its own).
	 */
	static Configuration parse(String databaseType, String tablePrefix) {
		return new ParsingConfiguration().parse(databaseType, tablePrefix);
	}

	/**
	 * The parsed mappings, waiting for the parse if it is still running, when they were
	 * parsed for this database type and table prefix; empty otherwise, if the parse
	 * failed, or if they were taken before (a MyBatis configuration belongs to one
	 * engine).
	 */
	public Optional<Configuration> take(String databaseType, String tablePrefix) {
		if (!this.databaseType.equals(databaseType) || !this.tablePrefix.equals(nullToEmpty(tablePrefix))) {
			log.info(
					"Engine mappings were parsed early for database type {} and table prefix '{}', the engine uses "
							+ "{} and '{}': it parses them again",
					this.databaseType, this.tablePrefix, databaseType, tablePrefix);
			return Optional.empty();
		}
		if (!this.taken.compareAndSet(false, true)) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.parse.get());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			log.warn("Parsing the engine mappings early failed; the engine parses them itself", ex.getCause());
			return Optional.empty();
		}
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

	/**
	 * Camunda's name for the database the environment's {@code camunda.bpm.database.type}
	 * or {@code spring.datasource.url} names, for the databases Guildhall runs on;
	 * {@code null} for others (the engine then parses its mappings itself).
	 */
	static String databaseType(Environment environment) {
		String configured = environment.getProperty("camunda.bpm.database.type");
		if (configured != null && !configured.isBlank()) {
			return configured.trim();
		}
		String url = environment.getProperty("spring.datasource.url");
		if (url == null) {
			return null;
		}
		return switch (DatabaseDriver.fromJdbcUrl(url)) {
			case H2 -> "h2";
			case POSTGRESQL -> "postgres";
			default -> null;
		};
	}

	/** An engine configuration used only to run Camunda's parse of its mappings. */
	private static final class ParsingConfiguration extends StandaloneProcessEngineConfiguration {

		Configuration parse(String databaseType, String tablePrefix) {
			setDatabaseType(databaseType);
			setDatabaseTablePrefix(tablePrefix);
			setDataSource(new SimpleDriverDataSource());
			initTransactionFactory();
			initSqlSessionFactory();
			return getSqlSessionFactory().getConfiguration();
		}

	}

	/**
	 * Starts the parse as soon as the application context exists, before its bean
	 * definitions are read, and registers it as the bean {@value #BEAN_NAME}.
	 */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			Environment environment = context.getEnvironment();
			String databaseType = databaseType(environment);
			if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, true) || databaseType == null
					|| context.getBeanFactory().containsSingleton(BEAN_NAME)) {
				return;
			}
			context.getBeanFactory()
				.registerSingleton(BEAN_NAME,
						start(databaseType, environment.getProperty("camunda.bpm.database.table-prefix", "")));
		}

	}

}
