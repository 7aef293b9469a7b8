package org.guildhall.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document and Swagger UI: there for signed-in users only. */
class OpenApiIT extends ApiIntegrationTest {

	@Test
	void signedInUsersGetTheApiDocumentWithItsBasicSecurityScheme() {
		ResponseEntity<JsonNode> docs = as("auditor").get("/v3/api-docs");
		assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode api = docs.getBody();
		assertThat(api.path("info").path("title").asText()).isEqualTo("Guildhall API");
		assertThat(api.path("info").path("description").asText()).contains("problem details");
		assertThat(api.path("components").path("securitySchemes").path("basicAuth").path("scheme").asText())
			.isEqualTo("basic");
		assertThat(api.path("paths").fieldNames()).toIterable()
			.contains("/api/cases", "/api/cases/{id}", "/api/cases/{id}/agreement", "/api/cases/{id}/withdraw",
					"/api/tasks", "/api/tasks/{id}/form", "/api/tasks/{id}/claim", "/api/tasks/{id}/unclaim",
					"/api/tasks/{id}/complete", "/api/rule-sets", "/api/rule-sets/{key}", "/api/cases/{id}/history",
					"/api/cases/{id}/history.csv", "/api/cases/{id}/history.jsonl", "/api/audit/verify",
					"/api/audit/export.jsonl")
			.allMatch((path) -> path.startsWith("/api/"));
		assertThat(api.path("components").path("schemas").path("Case").path("properties").has("currentVote")).isTrue();

		ResponseEntity<String> ui = as("auditor").http().getForEntity("/swagger-ui/index.html", String.class);
		assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(ui.getBody()).contains("swagger-ui");
	}

	@Test
	void anonymousUsersGetNeitherDocumentNorUi() {
		ResponseEntity<String> docs = anonymous().http().getForEntity("/v3/api-docs", String.class);
		assertThat(String.valueOf(docs.getBody())).doesNotContain("Guildhall API");
		ResponseEntity<String> ui = anonymous().http().getForEntity("/swagger-ui/index.html", String.class);
		assertThat(String.valueOf(ui.getBody())).doesNotContain("swagger-ui");
	}

}
