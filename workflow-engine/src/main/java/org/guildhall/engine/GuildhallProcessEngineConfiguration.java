package org.guildhall.engine;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;

/**
 * Camunda's Spring process engine configuration, which takes its MyBatis mappings from
 * {@link EarlyEngineMappings} when they were parsed early for this engine's database type
 * and table prefix. What it then does with them is what Camunda does with its own parse
 * ({@code ProcessEngineConfigurationImpl.initSqlSessionFactory}): the engine's
 * transaction factory and data source as the environment, its statement timeout, its
 * batch executor if JDBC batching is on.
 */
public class GuildhallProcessEngineConfiguration extends SpringProcessEngineConfiguration {

	private final EarlyEngineMappings earlyMappings;

	private boolean usedEarlyMappings;

	/**
	 * @param earlyMappings the mappings being parsed early, or {@code null} to let the
	 * engine parse them
	 */
	public GuildhallProcessEngineConfiguration(EarlyEngineMappings earlyMappings) {
		this.earlyMappings = earlyMappings;
	}

	@Override
	protected void initSqlSessionFactory() {
		if (this.sqlSessionFactory == null && !this.isUseSharedSqlSessionFactory && this.earlyMappings != null) {
			this.earlyMappings.take(this.databaseType, this.databaseTablePrefix).ifPresent(this::useMappings);
		}
		super.initSqlSessionFactory();
	}

	private void useMappings(Configuration configuration) {
		configuration.setEnvironment(new Environment("default", this.transactionFactory, this.dataSource));
		configuration.setDefaultStatementTimeout(this.jdbcStatementTimeout);
		if (isJdbcBatchProcessing()) {
			configuration.setDefaultExecutorType(ExecutorType.BATCH);
		}
		this.sqlSessionFactory = new DefaultSqlSessionFactory(configuration);
		this.usedEarlyMappings = true;
	}

	/** Whether this engine runs on the mappings {@link EarlyEngineMappings} parsed. */
	public boolean usedEarlyMappings() {
		return this.usedEarlyMappings;
	}

}
