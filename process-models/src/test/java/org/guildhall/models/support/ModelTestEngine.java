package org.guildhall.models.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

import java.util.List;

/**
 * The engine every model test runs on: in-memory H2, full history, job executor off
 * (tests fire timers through the engine clock), and delegates and validators resolved
 * from {@link org.camunda.bpm.engine.test.mock.Mocks} by bean name, so the models never
 * need the workflow-engine module. Built in code rather than from {@code camunda.cfg.xml}
 * to keep Spring off this module's test classpath.
 */
public final class ModelTestEngine {

	private static ProcessEngine engine;

	private ModelTestEngine() {
	}

	/**
	 * A JUnit 5 extension bound to the shared engine; use with
	 * {@code @RegisterExtension}.
	 */
	public static ProcessEngineExtension extension() {
		return ProcessEngineExtension.builder().useProcessEngine(get()).build();
	}

	public static synchronized ProcessEngine get() {
		if (engine == null) {
			StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
			configuration.setJdbcUrl("jdbc:h2:mem:guildhall-models;DB_CLOSE_DELAY=1000");
			configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
			configuration.setJobExecutorActivate(false);
			configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
			configuration.setEnforceHistoryTimeToLive(true);
			configuration.setDefaultSerializationFormat("application/json");
			configuration.setExpressionManager(new MockExpressionManager());
			configuration.setProcessEnginePlugins(List.<ProcessEnginePlugin>of(new SpinProcessEnginePlugin()));
			engine = configuration.buildProcessEngine();
		}
		return engine;
	}

}
