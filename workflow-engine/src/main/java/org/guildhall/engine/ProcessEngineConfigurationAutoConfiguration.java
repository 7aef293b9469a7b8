package org.guildhall.engine;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;
import org.camunda.bpm.spring.boot.starter.util.CamundaSpringBootUtil;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The process engine's configuration, declared before Camunda's auto-configuration so it
 * replaces the starter's: the same {@code SpringProcessEngineConfiguration} with the same
 * plugins (every {@link ProcessEnginePlugin} bean, the starter's own configurators among
 * them), which also takes the MyBatis mappings parsed early
 * ({@link EarlyEngineMappings}).
 */
@AutoConfiguration(before = CamundaBpmAutoConfiguration.class)
public class ProcessEngineConfigurationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ProcessEngineConfigurationImpl.class)
	ProcessEngineConfigurationImpl processEngineConfigurationImpl(List<ProcessEnginePlugin> plugins,
			ObjectProvider<EarlyEngineMappings> earlyMappings) {
		GuildhallProcessEngineConfiguration configuration = new GuildhallProcessEngineConfiguration(
				earlyMappings.getIfAvailable());
		CamundaSpringBootUtil.initCustomFields(configuration);
		configuration.getProcessEnginePlugins().add(new CompositeProcessEnginePlugin(plugins));
		return configuration;
	}

}
