package org.guildhall.web.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.rules.Evaluation;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetException;
import org.guildhall.engine.rules.RuleSetSource;
import org.guildhall.engine.rules.RuleSetState;
import org.guildhall.engine.rules.RuleSetStudio;
import org.guildhall.engine.rules.RuleSetVersion;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.guildhall.web.api.ApiFixtures.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ApiSliceTest(RuleSetApiController.class)
class RuleSetApiControllerTest {

	static final String SIXTY = """
			{"key":"sixty-percent","name":"60% of votes cast","citation":"Draft amendment to Art. X §3",
			 "memberVote":{"threshold":0.6,"comparator":">=","base":"VOTES_CAST"}}""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RuleSetCatalog catalog;

	@MockitoBean
	RuleSetStudio studio;

	static JsonNode json(String text) throws Exception {
		return new ObjectMapper().readTree(text);
	}

	static RuleSetVersion version(String key, int version, RuleSetState state, String author, String approver)
			throws Exception {
		return new RuleSetVersion(key, version, "Two thirds", "Art. X",
				json("{\"key\":\"" + key + "\",\"memberVote\":{\"threshold\":\"2/3\",\"comparator\":\">=\"}}"),
				RuleSetSource.PARAMETERS, state, "ab".repeat(32), author, Instant.parse("2008-10-01T10:00:00Z"),
				approver, (approver != null) ? Instant.parse("2008-10-02T10:00:00Z") : null, "dep-" + version);
	}

	@Test
	void listsRuleSetsWithTheirVersionsAndTheVersionNewCasesPin() throws Exception {
		Map<String, List<RuleSetVersion>> catalogue = new LinkedHashMap<>();
		catalogue.put("two-thirds",
				List.of(version("two-thirds", 1, RuleSetState.APPROVED, "system", "system"),
						version("two-thirds", 2, RuleSetState.APPROVED, "modeler", "modeler2"),
						version("two-thirds", 3, RuleSetState.PENDING_APPROVAL, "modeler", null)));
		catalogue.put("brand-new", List.of(version("brand-new", 1, RuleSetState.PENDING_APPROVAL, "modeler", null)));
		given(this.catalog.catalogue()).willReturn(catalogue);
		this.mvc.perform(get("/api/rule-sets").with(as("committee", "negotiating-committee")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].key").value("two-thirds"))
			.andExpect(jsonPath("$[0].version").value(2))
			.andExpect(jsonPath("$[0].tag").value("two-thirds:2"))
			.andExpect(jsonPath("$[0].citation").value("Art. X"))
			.andExpect(jsonPath("$[0].parameters.memberVote.comparator").value(">="))
			.andExpect(jsonPath("$[0].versions[2].state").value("PENDING_APPROVAL"))
			.andExpect(jsonPath("$[0].versions[1].approvedBy").value("modeler2"))
			.andExpect(jsonPath("$[1].key").value("brand-new"))
			.andExpect(jsonPath("$[1].version").doesNotExist())
			.andExpect(jsonPath("$[1].versions[0].createdBy").value("modeler"));
	}

	@Test
	void anUnknownRuleSetIsNotFound() throws Exception {
		given(this.catalog.versions("fifty-five")).willReturn(List.of());
		given(this.catalog.catalogue()).willReturn(
				Map.of("two-thirds", List.of(version("two-thirds", 1, RuleSetState.APPROVED, "system", "system"))));
		this.mvc.perform(get("/api/rule-sets/fifty-five").with(as("committee", "negotiating-committee")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("no rule set 'fifty-five'; known: [two-thirds]"));
	}

	@Test
	void onlyRulesModelersMayCreateOrApproveAndNothingReachesTheStudioOtherwise() throws Exception {
		this.mvc
			.perform(post("/api/rule-sets").with(as("staff", "guild-staff"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(SIXTY))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail")
				.value("only members of [rules-modeler] may do this; staff is in [guild-staff]"));
		this.mvc.perform(post("/api/rule-sets/two-thirds/versions/3/approve").with(as("auditor", "auditor")))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.studio);
	}

	@Test
	void aModelerCreatesAVersionPendingApproval() throws Exception {
		given(this.studio.create(any(JsonNode.class), any(Actor.class)))
			.willReturn(version("sixty-percent", 1, RuleSetState.PENDING_APPROVAL, "modeler", null));
		this.mvc
			.perform(post("/api/rule-sets").with(as("modeler", "rules-modeler"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(SIXTY))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/rule-sets/sixty-percent/versions/1"))
			.andExpect(jsonPath("$.key").value("sixty-percent"))
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.state").value("PENDING_APPROVAL"));
		verify(this.studio).create(eq(json(SIXTY)), eq(new Actor("modeler", java.util.Set.of("rules-modeler"))));
	}

	@Test
	void refusedParametersAndUploadsAreProblemsNamingTheField() throws Exception {
		given(this.studio.create(any(JsonNode.class), any(Actor.class))).willThrow(new RuleSetException.Invalid(
				"memberVote.threshold", "memberVote.threshold: '1.5' is not from 0 to 1 (0% to 100%)"));
		this.mvc
			.perform(post("/api/rule-sets").with(as("modeler", "rules-modeler"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(SIXTY))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("memberVote.threshold"))
			.andExpect(jsonPath("$.detail").value("memberVote.threshold: '1.5' is not from 0 to 1 (0% to 100%)"));

		given(this.studio.upload(eq("uploaded"), eq("Uploaded"), any(), eq("broken.dmn"), any(), any(Actor.class)))
			.willThrow(new RuleSetException.Invalid("file", "the file is not a DMN document Camunda can read"));
		this.mvc
			.perform(multipart("/api/rule-sets")
				.file(new MockMultipartFile("file", "broken.dmn", "application/xml", "not xml".getBytes()))
				.param("key", "uploaded")
				.param("name", "Uploaded")
				.with(as("modeler", "rules-modeler")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("file"))
			.andExpect(jsonPath("$.detail").value("the file is not a DMN document Camunda can read"));
	}

	@Test
	void theAuthorIsToldWhyTheyMayNotApproveTheirOwnVersion() throws Exception {
		given(this.studio.approve(eq("two-thirds"), eq(3), any(Actor.class))).willThrow(
				new RuleSetException.Forbidden("you created two-thirds:3; a second rules modeler must approve it"));
		this.mvc.perform(post("/api/rule-sets/two-thirds/versions/3/approve").with(as("modeler", "rules-modeler")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value("you created two-thirds:3; a second rules modeler must approve it"));
	}

	@Test
	void evaluatesCountsAndRefusesFieldsItDoesNotKnow() throws Exception {
		given(this.studio.evaluate(eq("sag-2008"), eq(null), eq("member-vote"), anyMap()))
			.willReturn(new Evaluation("sag-2008", 1, RuleSetState.APPROVED, "member-vote", "APPROVED",
					"approved: 75.1% yes of 1000 votes cast"));
		this.mvc.perform(post("/api/rule-sets/sag-2008/evaluate").with(as("auditor", "auditor"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"decision\":\"member-vote\",\"yes\":751,\"no\":249,\"abstain\":0,\"spoiled\":0,\"eligible\":1000}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("APPROVED"))
			.andExpect(jsonPath("$.explanation").value("approved: 75.1% yes of 1000 votes cast"))
			.andExpect(jsonPath("$.ruleSet").value("sag-2008"))
			.andExpect(jsonPath("$.version").value(1));
		verify(this.studio).evaluate("sag-2008", null, "member-vote",
				Map.of("yes", 751L, "no", 249L, "abstain", 0L, "spoiled", 0L, "eligible", 1000L));

		this.mvc
			.perform(post("/api/rule-sets/sag-2008/evaluate").with(as("auditor", "auditor"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"decision\":\"member-vote\",\"yess\":751}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("yess"));
		this.mvc
			.perform(post("/api/rule-sets/sag-2008/evaluate").with(as("auditor", "auditor"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"decision\":\"member-vote\",\"yes\":\"many\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("yes must be a number, not \"many\""));
		verify(this.studio, never()).evaluate(eq("sag-2008"), any(), eq("member-vote"), eq(Map.of()));
	}

	@Test
	void showsOneVersionAndItsDmn() throws Exception {
		given(this.catalog.version("two-thirds", 2))
			.willReturn(Optional.of(version("two-thirds", 2, RuleSetState.APPROVED, "modeler", "modeler2")));
		given(this.catalog.dmn("two-thirds", 2)).willReturn(Optional.of("<definitions/>"));
		this.mvc.perform(get("/api/rule-sets/two-thirds/versions/2").with(as("auditor", "auditor")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tag").value("two-thirds:2"))
			.andExpect(jsonPath("$.dmnSha256").value("ab".repeat(32)));
		this.mvc.perform(get("/api/rule-sets/two-thirds/versions/2/dmn").with(as("auditor", "auditor")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
			.andExpect(content().string("<definitions/>"));
	}

}
