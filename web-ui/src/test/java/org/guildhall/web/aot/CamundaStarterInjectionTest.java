package org.guildhall.web.aot;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.CamundaMetricsConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultMetricsConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The starter's metrics plugin as an ahead-of-time start creates it: from a bean
 * definition whose type is the plugin's interface, in a bean factory without Spring's
 * annotation post-processors (none are registered when the bean definitions are generated
 * code).
 */
class CamundaStarterInjectionTest {

	@Test
	void anAheadOfTimeStartWiresTheStartersPluginsFromItsProperties() {
		CamundaMetricsConfiguration plugin = metricsPlugin(new CamundaStarterInjection.Injection(true));
		SpringProcessEngineConfiguration engine = new SpringProcessEngineConfiguration();
		assertThat(engine.isMetricsEnabled()).isTrue();
		plugin.preInit(engine);
		assertThat(engine.isMetricsEnabled()).as("camunda.bpm.metrics.enabled=false reached the engine").isFalse();
	}

	@Test
	void withoutItThePluginHasNoPropertiesAndTheEngineCannotBeBuilt() {
		CamundaMetricsConfiguration plugin = metricsPlugin(new CamundaStarterInjection.Injection(false));
		assertThatNullPointerException().isThrownBy(() -> plugin.preInit(new SpringProcessEngineConfiguration()));
	}

	@Test
	void leavesABeanDeclaredByItsOwnClassToTheGeneratedCode() {
		// the processing generates the injection for such a bean itself; here nothing did
		CamundaMetricsConfiguration plugin = metricsPlugin(new CamundaStarterInjection.Injection(true),
				DefaultMetricsConfiguration.class);
		assertThatNullPointerException().isThrownBy(() -> plugin.preInit(new SpringProcessEngineConfiguration()));
	}

	private static CamundaMetricsConfiguration metricsPlugin(CamundaStarterInjection.Injection injection) {
		return metricsPlugin(injection, CamundaMetricsConfiguration.class);
	}

	private static CamundaMetricsConfiguration metricsPlugin(CamundaStarterInjection.Injection injection,
			Class<? extends CamundaMetricsConfiguration> declaredType) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		CamundaBpmProperties properties = new CamundaBpmProperties();
		properties.getMetrics().setEnabled(false);
		beanFactory.registerSingleton("camundaBpmProperties", properties);
		injection.setBeanFactory(beanFactory);
		beanFactory.addBeanPostProcessor(injection);
		RootBeanDefinition definition = new RootBeanDefinition(declaredType);
		definition.setInstanceSupplier(DefaultMetricsConfiguration::new);
		beanFactory.registerBeanDefinition("camundaMetricsConfiguration", definition);
		return beanFactory.getBean(CamundaMetricsConfiguration.class);
	}

}
