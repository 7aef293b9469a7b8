package org.guildhall.web.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static resources without Spring's resource chain: a page's links are written as they
 * are, not looked up one by one as static resources in the jar (with the chain on, that
 * lookup took 80% of the auditor's case list), and what the pages load is still served.
 */
class StaticResourcesIT extends ApiIntegrationTest {

	@Autowired
	ApplicationContext context;

	@Test
	void linksAreNotLookedUpAsResources() {
		assertThat(this.context.getBeansOfType(ResourceUrlEncodingFilter.class)).isEmpty();
		ResponseEntity<String> page = as("auditor").http().getForEntity("/audit", String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains("href=\"/css/guildhall.css\"", "src=\"/vendor/htmx/htmx.min.js\"");
	}

	@Test
	void whatThePagesLoadIsServed() {
		for (String path : new String[] { "/css/guildhall.css", "/vendor/htmx/htmx.min.js",
				"/camunda/app/welcome/default/" }) {
			ResponseEntity<String> resource = anonymous().http().getForEntity(path, String.class);
			assertThat(resource.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
			assertThat(resource.getBody()).as(path).isNotBlank();
		}
	}

}
