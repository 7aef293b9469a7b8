package org.guildhall.web.rules;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.variants.ShippedVariant;
import org.guildhall.engine.variants.SimulationRunner;
import org.guildhall.engine.variants.Variant;
import org.guildhall.engine.variants.VariantCatalog;
import org.guildhall.engine.variants.VariantException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The sandbox's pages with the application's security configuration and mocked engine
 * services: who sees what, an upload refused on the page (400, message, nothing else
 * happens), an unknown variant.
 */
@WebMvcTest(controllers = VariantsController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.guildhall\\.web\\.security\\.SecurityConfiguration"))
class VariantsControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	VariantCatalog variants;

	@MockitoBean
	SimulationRunner simulations;

	@MockitoBean
	AuditTrail trail;

	@MockitoBean
	RepositoryService repository;

	@MockitoBean
	RuntimeService runtime;

	@MockitoBean
	TaskService tasks;

	@MockitoBean
	IdentityService identity;

	static RequestPostProcessor user(String name, String... groups) {
		return SecurityMockMvcRequestPostProcessors.user(name)
			.authorities(List.of(groups).stream().map(SimpleGrantedAuthority::new).toList());
	}

	@BeforeEach
	void setUp() {
		when(this.variants.list()).thenReturn(List.of(new Variant("dep-1", "members-decide", "strike-authorization",
				"Strike authorization (variant: members decide)", "strike-authorization.bpmn", true,
				Instant.parse("2026-11-26T10:00:00Z"), "modeler", "def-1", "def-1")));
		when(this.variants.shipped())
			.thenReturn(List.of(new ShippedVariant("members-decide", "Members decide", "The members' vote is final.",
					"strike-authorization.bpmn", "sag-2008", null, new ObjectMapper().createObjectNode())));
	}

	@Test
	void aModelerSeesVariantsTheOneClickRunAndTheUploadForm() throws Exception {
		this.mvc.perform(get("/rules/variants").with(user("modeler", "rules-modeler")))
			.andExpect(status().isOk())
			.andExpect(view().name(VariantsController.LIST_VIEW))
			.andExpect(content().string(allOf(containsString("SANDBOX"), containsString("id=\"run-members-decide\""),
					containsString("id=\"upload-variant\""), containsString("/rules/variants/dep-1"))));
	}

	@Test
	void anAuditorReadsWithoutActing() throws Exception {
		this.mvc.perform(get("/rules/variants").with(user("auditor", "auditor")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("members-decide"),
					not(containsString("id=\"run-members-decide\"")), not(containsString("id=\"upload-variant\"")))));
		this.mvc.perform(post("/rules/variants/shipped/members-decide").with(user("auditor", "auditor")).with(csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void otherStaffDoNotSeeTheSandbox() throws Exception {
		this.mvc.perform(get("/rules/variants").with(user("staff", "guild-staff"))).andExpect(status().isForbidden());
	}

	@Test
	void aRefusedUploadIsA400WithTheReasonOnThePage() throws Exception {
		when(this.variants.upload(eq("broken"), any(), any(), any()))
			.thenThrow(new VariantException.Invalid("file", "the file is not well-formed XML (line 1, column 1)"));

		this.mvc
			.perform(multipart("/rules/variants")
				.file(new MockMultipartFile("file", "broken.bpmn", "application/xml", "not xml".getBytes()))
				.param("name", "broken")
				.with(user("modeler", "rules-modeler"))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(VariantsController.LIST_VIEW))
			.andExpect(model().attribute("error", containsString("Nothing was deployed")))
			.andExpect(content().string(containsString("not well-formed XML")));
		verify(this.variants).upload(eq("broken"), eq("broken.bpmn"), any(), any());
	}

	@Test
	void anUnknownVariantIsA404() throws Exception {
		when(this.variants.find("nope")).thenThrow(new VariantException.NotFound("no variant deployment nope"));

		this.mvc.perform(get("/rules/variants/nope").with(user("auditor", "auditor")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("no variant deployment nope")));
	}

}
