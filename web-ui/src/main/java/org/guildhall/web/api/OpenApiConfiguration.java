package org.guildhall.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code /api} ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}); both sit behind the sign-in like every other page.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BASIC = "basicAuth";

	@Bean
	OpenAPI guildhallOpenApi() {
		return new OpenAPI().info(new Info().title("Guildhall API")
			.version("v1")
			.description("Start and follow a union's strike authorization cases and complete their human steps. "
					+ "Every case pins a versioned rule set (the bylaws as DMN decisions); every decision comes with "
					+ "an explanation in words and numbers. Sign in with HTTP Basic (or the browser session) as a "
					+ "Guildhall user; what you may do follows your groups (guild-staff, board-secretary, "
					+ "negotiating-committee, election-officer, auditor, ...). Errors are RFC 9457 problem details "
					+ "(application/problem+json); invalid form values name the offending `field`."))
			.components(new Components().addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("A Guildhall user name and password (Camunda identity service)")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

	/** Only the JSON API: the pages and the Camunda webapps are documented elsewhere. */
	@Bean
	OpenApiCustomizer onlyTheJsonApi() {
		return (openApi) -> {
			if (openApi.getPaths() != null) {
				openApi.getPaths().keySet().removeIf((path) -> !path.startsWith("/api/"));
			}
		};
	}

}
