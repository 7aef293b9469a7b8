package org.guildhall.web.aot;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AutowiredAnnotationBeanPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.CommonAnnotationBeanPostProcessor;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.util.ClassUtils;

/**
 * Lets the Camunda starter's beans be wired when the application starts from Spring's
 * ahead-of-time code ({@code -Dspring.aot.enabled=true}, README "Starting faster").
 * <p>
 * The starter declares its process engine plugins with interface return types
 * ({@code CamundaMetricsConfiguration camundaMetricsConfiguration()} returning a
 * {@code DefaultMetricsConfiguration}), and the implementations take their settings
 * through {@code @Autowired} fields and {@code @PostConstruct} methods. The ahead-of-time
 * processing sees only the declared type, so it generates neither the injection nor the
 * init call, and at run time no annotation post-processor is left to do them: the engine
 * then fails on a {@code null} {@code CamundaBpmProperties}. This post-processor does
 * both for those of the starter's beans whose definition's type is not their class, in
 * ahead-of-time starts only (the init calls only where the definition names none). Any
 * other start (and every test) wires them the ordinary way and passes them through
 * untouched.
 */
@Configuration(proxyBeanMethods = false)
class CamundaStarterInjection {

	private static final String STARTER_PACKAGE = "org.camunda.bpm.spring.boot.starter.";

	@Bean
	static BeanPostProcessor aheadOfTimeStarterInjection() {
		return new Injection(AotDetector.useGeneratedArtifacts());
	}

	static final class Injection implements BeanPostProcessor, BeanFactoryAware, PriorityOrdered {

		private final boolean aheadOfTime;

		private ConfigurableListableBeanFactory beanFactory;

		private AutowiredAnnotationBeanPostProcessor autowiring;

		private CommonAnnotationBeanPostProcessor lifecycle;

		Injection(boolean aheadOfTime) {
			this.aheadOfTime = aheadOfTime;
		}

		@Override
		public void setBeanFactory(BeanFactory beanFactory) {
			if (this.aheadOfTime) {
				this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
				this.autowiring = new AutowiredAnnotationBeanPostProcessor();
				this.autowiring.setBeanFactory(beanFactory);
				this.lifecycle = new CommonAnnotationBeanPostProcessor();
				this.lifecycle.setBeanFactory(beanFactory);
			}
		}

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (this.autowiring == null || !bean.getClass().getName().startsWith(STARTER_PACKAGE)
					|| !this.beanFactory.containsBeanDefinition(beanName)) {
				return bean;
			}
			RootBeanDefinition definition = (RootBeanDefinition) this.beanFactory.getMergedBeanDefinition(beanName);
			// the type the definition was given, not the instance's (which the factory
			// records once it has created the bean)
			if (ClassUtils.getUserClass(bean).equals(definition.getResolvableType().resolve())) {
				// declared by its own class: the processing generated its injection and
				// init calls
				return bean;
			}
			this.autowiring.processInjection(bean);
			String[] initMethods = definition.getInitMethodNames();
			if (initMethods != null && initMethods.length > 0) {
				return bean;
			}
			return this.lifecycle.postProcessBeforeInitialization(bean, beanName);
		}

		/**
		 * First, so that the starter's beans are wired before anything else sees them.
		 */
		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
