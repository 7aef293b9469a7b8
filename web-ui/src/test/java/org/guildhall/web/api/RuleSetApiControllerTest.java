package org.guildhall.web.api;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.guildhall.engine.rules.RuleSet;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.guildhall.web.api.ApiFixtures.as;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ApiSliceTest(RuleSetApiController.class)
class RuleSetApiControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RuleSetCatalog catalog;

	RuleSet shipped() throws Exception {
		return new RuleSet("two-thirds", 1, "Two thirds", "Art. X", new ObjectMapper()
			.readTree("{\"key\":\"two-thirds\",\"memberVote\":{\"threshold\":0.6667,\"comparator\":\">=\"}}"));
	}

	@Test
	void listsRuleSetsWithTheirCurrentVersion() throws Exception {
		RuleSet shipped = shipped();
		given(this.catalog.ruleSets()).willReturn(List.of(shipped));
		given(this.catalog.current("two-thirds"))
			.willReturn(new RuleSet("two-thirds", 3, shipped.name(), shipped.citation(), shipped.parameters()));
		this.mvc.perform(get("/api/rule-sets").with(as("committee", "negotiating-committee")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].key").value("two-thirds"))
			.andExpect(jsonPath("$[0].version").value(3))
			.andExpect(jsonPath("$[0].tag").value("two-thirds:3"))
			.andExpect(jsonPath("$[0].citation").value("Art. X"))
			.andExpect(jsonPath("$[0].parameters.memberVote.comparator").value(">="));
	}

	@Test
	void anUnknownRuleSetIsNotFound() throws Exception {
		given(this.catalog.find("fifty-five")).willReturn(Optional.empty());
		given(this.catalog.ruleSets()).willReturn(List.of(shipped()));
		this.mvc.perform(get("/api/rule-sets/fifty-five").with(as("committee", "negotiating-committee")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("no rule set 'fifty-five'; known: [two-thirds]"));
	}

	@Test
	void showsOneRuleSet() throws Exception {
		RuleSet shipped = shipped();
		given(this.catalog.find("two-thirds")).willReturn(Optional.of(shipped));
		given(this.catalog.current("two-thirds")).willReturn(shipped);
		this.mvc.perform(get("/api/rule-sets/two-thirds").with(as("auditor", "auditor")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Two thirds"))
			.andExpect(jsonPath("$.version").value(1));
	}

}
