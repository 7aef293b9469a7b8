package org.guildhall.engine.postgres;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test's Spring context at a database of the test PostgreSQL server instead of
 * H2. Every test class using it shares one context and one database ({@code guildhall}).
 */
public class PostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String url = PostgresTestServer.get().createDatabase("guildhall");
		TestPropertyValues
			.of("spring.datasource.url=" + url, "spring.datasource.username=postgres", "spring.datasource.password=",
					"spring.datasource.hikari.maximum-pool-size=30")
			.applyTo(context);
	}

}
