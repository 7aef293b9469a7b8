package org.guildhall.bench;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The start-up baseline: the smallest Spring Boot web application worth comparing with
 * (embedded Tomcat, Spring MVC, Jackson) answering {@code GET /actuator/health} with
 * {@code {"status":"UP"}}, started from the benchmark's class path in a JVM of its own
 * with the same options as Guildhall.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
		HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class })
@Import(MinimalWebApp.Health.class)
public class MinimalWebApp {

	public static void main(String[] args) {
		SpringApplication.run(MinimalWebApp.class, args);
	}

	@RestController
	static class Health {

		@GetMapping("/actuator/health")
		Map<String, String> health() {
			return Map.of("status", "UP");
		}

	}

}
