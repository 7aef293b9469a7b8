package org.guildhall.web.rules;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.audit.AuditCase;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetException;
import org.guildhall.engine.rules.RuleSetSource;
import org.guildhall.engine.rules.RuleSetState;
import org.guildhall.engine.rules.RuleSetStudio;
import org.guildhall.engine.rules.RuleSetVersion;
import org.guildhall.engine.rules.RuleSweep;
import org.guildhall.engine.rules.WhatIf;
import org.guildhall.engine.rules.WhatIfReplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
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
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The sweep and what-if pages with the application's security configuration, the real
 * sweep arithmetic and mocked engine services: view, model, the counts shown, refusals as
 * messages with 4xx, and who may open them.
 */
@WebMvcTest(controllers = RulesAnalysisController.class,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "org\\.guildhall\\.web\\.security\\.SecurityConfiguration"))
@Import({ RuleSweep.class, SweepJobs.class })
class RulesAnalysisControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RuleSetCatalog catalog;

	@MockitoBean
	RuleSetStudio studio;

	@MockitoBean
	WhatIfReplay replay;

	@MockitoBean
	AuditTrail trail;

	@MockitoBean
	IdentityService identity;

	RuleSetVersion sag;

	RuleSetVersion twoThirds;

	static RequestPostProcessor user(String name, String... groups) {
		return SecurityMockMvcRequestPostProcessors.user(name)
			.authorities(List.of(groups).stream().map(SimpleGrantedAuthority::new).toList());
	}

	@BeforeEach
	void versions() throws Exception {
		this.sag = version("sag-2008",
				"{\"key\":\"sag-2008\",\"memberVote\":{\"threshold\":0.75,\"comparator\":\">\"}}");
		this.twoThirds = version("two-thirds",
				"{\"key\":\"two-thirds\",\"memberVote\":{\"threshold\":\"2/3\",\"comparator\":\">=\"}}");
		Map<String, List<RuleSetVersion>> catalogue = new LinkedHashMap<>();
		catalogue.put("sag-2008", List.of(this.sag));
		catalogue.put("two-thirds", List.of(this.twoThirds));
		given(this.catalog.catalogue()).willReturn(catalogue);
		given(this.replay.version(eq("sag-2008:1"), any())).willReturn(this.sag);
		given(this.replay.version(eq("two-thirds:1"), any())).willReturn(this.twoThirds);
		given(this.replay.version(eq("nope:1"), any()))
			.willThrow(new RuleSetException.Invalid("b", "no rule-set version nope:1"));
		given(this.trail.cases(any())).willReturn(List.of(new AuditCase("case-1", "key-1", "Ended case", "def",
				"sag-2008", 1, "AUTHORIZATION_REJECTED", Instant.EPOCH, "staff", Instant.EPOCH.plusSeconds(60))));
	}

	@Test
	void theSweepPageShowsTheGridsCountsAndTheCsvLink() throws Exception {
		// 1,000 eligible, 100 steps: 10,201 cells; sag-2008 and two-thirds disagree where
		// 2/3 <= yes share <= 75% and something was cast
		int disagreements = new RuleSweep(null).sweep(this.sag, this.twoThirds, 1000, 100).disagreements();
		this.mvc
			.perform(get("/rules/sweep?a=sag-2008:1&b=two-thirds:1&eligible=1000&steps=100")
				.with(user("modeler", "rules-modeler")))
			.andExpect(status().isOk())
			.andExpect(view().name(RulesAnalysisController.SWEEP_VIEW))
			.andExpect(model().attributeExists("grid"))
			.andExpect(content().string(allOf(containsString("10,201"),
					containsString("id=\"disagreements\">" + disagreements + "<"),
					containsString(
							"/api/rule-sets/sweep.csv?a=sag-2008:1&amp;b=two-thirds:1&amp;eligible=1000&amp;steps=100"),
					containsString("id=\"heat-diff\""))));
	}

	@Test
	void withoutVersionsTheSweepPageIsJustTheForm() throws Exception {
		this.mvc.perform(get("/rules/sweep").with(user("auditor", "auditor")))
			.andExpect(status().isOk())
			.andExpect(model().attributeDoesNotExist("grid"))
			.andExpect(content().string(allOf(containsString("id=\"sweep-form\""), not(containsString("heat-maps")))));
	}

	@Test
	void badSweepParametersAreMessagesWith400() throws Exception {
		this.mvc.perform(get("/rules/sweep?a=sag-2008:1&b=two-thirds:1&steps=1").with(user("modeler", "rules-modeler")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("steps must be from 2 to 200")));
		this.mvc
			.perform(get("/rules/sweep?a=sag-2008:1&b=two-thirds:1&eligible=lots")
				.with(user("modeler", "rules-modeler")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("eligible must be a whole number, not &quot;lots&quot;")));
		this.mvc.perform(get("/rules/sweep?a=sag-2008:1&b=nope:1").with(user("modeler", "rules-modeler")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("no rule-set version nope:1")));
	}

	@Test
	void theWhatIfPageShowsBothExplanationsAndHighlightsDifferences() throws Exception {
		WhatIf whatIf = new WhatIf("case-1", "Ended <case>", "AUTHORIZATION_REJECTED", "sag-2008:1", "two-thirds:1",
				"Two-thirds", true,
				List.of(new WhatIf.Row(7, Instant.EPOCH, "member-vote", "Member vote (strike authorization)",
						Map.of("yes", 749L, "no", 251L), "sag-2008:1", "REJECTED", "rejected: 74.9% yes", "APPROVED",
						"approved: 74.9% yes, at least two-thirds required", true, "would pass")));
		given(this.replay.replay("case-1", "two-thirds:1")).willReturn(whatIf);
		this.mvc.perform(get("/rules/what-if?case=case-1&ruleSet=two-thirds:1").with(user("auditor", "auditor")))
			.andExpect(status().isOk())
			.andExpect(view().name(RulesAnalysisController.WHAT_IF_VIEW))
			.andExpect(content().string(allOf(containsString("Would pass"), containsString("class=\"differs\""),
					containsString("rejected: 74.9% yes"), containsString("at least two-thirds required"),
					containsString("Ended &lt;case&gt;"), containsString("id=\"whatif-differences\">1<"))));
	}

	@Test
	void refusedReplaysAreMessagesWithTheirStatus() throws Exception {
		given(this.replay.replay("running", "two-thirds:1"))
			.willThrow(new RuleSetException.Conflict("case 'x' is still running"));
		given(this.replay.replay("gone", "two-thirds:1"))
			.willThrow(new RuleSetException.NotFound("the audit trail knows no case 'gone'"));
		this.mvc.perform(get("/rules/what-if?case=running&ruleSet=two-thirds:1").with(user("auditor", "auditor")))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("still running")));
		this.mvc.perform(get("/rules/what-if?case=gone&ruleSet=two-thirds:1").with(user("auditor", "auditor")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("knows no case")));
	}

	@Test
	void onlyRulesModelersAndAuditorsMayOpenThem() throws Exception {
		this.mvc.perform(get("/rules/sweep").with(user("staff", "guild-staff"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/rules/what-if").with(user("officer", "election-officer")))
			.andExpect(status().isForbidden());
	}

	static RuleSetVersion version(String key, String parameters) throws Exception {
		return new RuleSetVersion(key, 1, key, "citation", new ObjectMapper().readTree(parameters),
				RuleSetSource.PARAMETERS, RuleSetState.APPROVED, "0", "modeler", Instant.EPOCH, "modeler2",
				Instant.EPOCH, "d");
	}

}
