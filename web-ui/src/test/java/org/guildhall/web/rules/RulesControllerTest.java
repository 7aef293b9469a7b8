package org.guildhall.web.rules;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.rules.Evaluation;
import org.guildhall.engine.rules.PinnedCase;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetException;
import org.guildhall.engine.rules.RuleSetSource;
import org.guildhall.engine.rules.RuleSetState;
import org.guildhall.engine.rules.RuleSetStudio;
import org.guildhall.engine.rules.RuleSetVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The rules studio's pages with the application's security configuration and mocked
 * engine services.
 */
@WebMvcTest(controllers = RulesController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.guildhall\\.web\\.security\\.SecurityConfiguration"))
class RulesControllerTest {

	static final String SIXTY = """
			{"key":"sixty-percent","version":1,"name":"60% of votes cast","citation":"Draft amendment to Art. X §3",
			 "memberVote":{"threshold":0.6,"comparator":">=","base":"VOTES_CAST","abstentions":"TURNOUT_ONLY",
			  "spoiled":"TURNOUT_ONLY","minTurnoutOfEligible":0,"minYesOfEligible":0,"windowMinDays":0,"windowMaxDays":45},
			 "ratification":{"threshold":0.5,"comparator":">","base":"VOTES_CAST"},
			 "board":{"quorumOfSeats":0.5,"quorumComparator":">","threshold":0.5,"comparator":">","base":"VOTES_CAST"},
			 "committee":{"quorumOfSeats":0.5,"quorumComparator":">","threshold":0.5,"comparator":">","base":"VOTES_CAST"},
			 "finalDecision":{"quorumOfSeats":0.5,"quorumComparator":">","threshold":0.5,"comparator":">","base":"VOTES_CAST"}}""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RuleSetCatalog catalog;

	@MockitoBean
	RuleSetStudio studio;

	@MockitoBean
	IdentityService identity;

	RuleSetVersion pending;

	RuleSetVersion approved;

	static RequestPostProcessor user(String name, String... groups) {
		return SecurityMockMvcRequestPostProcessors.user(name)
			.authorities(List.of(groups).stream().map(SimpleGrantedAuthority::new).toList());
	}

	static RuleSetVersion version(int version, RuleSetState state, String author, String approver) throws Exception {
		JsonNode parameters = new ObjectMapper().readTree(SIXTY);
		return new RuleSetVersion("sixty-percent", version, "60% of votes cast", "Draft amendment to Art. X §3",
				parameters, RuleSetSource.PARAMETERS, state, "cd".repeat(32), author,
				Instant.parse("2008-10-01T10:00:00Z"), approver,
				(approver != null) ? Instant.parse("2008-10-02T10:00:00Z") : null, "dep-" + version);
	}

	@BeforeEach
	void catalogue() throws Exception {
		this.approved = version(1, RuleSetState.APPROVED, "modeler", "modeler2");
		this.pending = version(2, RuleSetState.PENDING_APPROVAL, "modeler", null);
		Map<String, List<RuleSetVersion>> catalogue = new LinkedHashMap<>();
		catalogue.put("sixty-percent", List.of(this.approved, this.pending));
		given(this.catalog.catalogue()).willReturn(catalogue);
		given(this.catalog.versions("sixty-percent")).willReturn(List.of(this.approved, this.pending));
		given(this.catalog.version("sixty-percent", 1)).willReturn(Optional.of(this.approved));
		given(this.catalog.version("sixty-percent", 2)).willReturn(Optional.of(this.pending));
		given(this.catalog.pinnedCases("sixty-percent", 50)).willReturn(List.of(new PinnedCase("pi-7", "tv-2008",
				"TV/Theatrical 2008", 1, Date.from(Instant.parse("2008-10-03T09:00:00Z")), null)));
	}

	@Test
	void theCatalogueShowsEveryVersionItsWordsCitationAndPinnedCases() throws Exception {
		this.mvc.perform(get("/rules").with(user("auditor", "auditor")))
			.andExpect(status().isOk())
			.andExpect(view().name(RulesController.CATALOGUE_VIEW))
			.andExpect(content()
				.string(allOf(containsString("60% of votes cast"), containsString("New cases pin sixty-percent:1"),
						containsString("Member vote passes with yes at least 60% of votes cast"),
						containsString("Draft amendment to Art. X §3"), containsString("sixty-percent:2"),
						containsString("Pending approval"), containsString("awaiting a second rules modeler"),
						containsString("/cases/pi-7"), containsString("TV/Theatrical 2008"),
						containsString("/rules/sixty-percent/evaluate"))))
			// only rules modelers are offered the form
			.andExpect(content().string(not(containsString("/rules/new"))));
		this.mvc.perform(get("/rules").with(user("modeler", "rules-modeler")))
			.andExpect(content().string(containsString("/rules/new?from=sixty-percent")));
	}

	@Test
	void onlyRulesModelersGetTheFormAndItCarriesACsrfToken() throws Exception {
		this.mvc.perform(get("/rules/new").with(user("staff", "guild-staff"))).andExpect(status().isForbidden());
		this.mvc.perform(post("/rules/new").with(user("staff", "guild-staff")).with(csrf()).param("key", "x"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/rules/new").param("from", "sixty-percent").with(user("modeler", "rules-modeler")))
			.andExpect(status().isOk())
			.andExpect(
					content().string(allOf(containsString("name=\"_csrf\""), containsString("value=\"sixty-percent\""),
							containsString("value=\"60%\""), containsString("enctype=\"multipart/form-data\""))));
		verifyNoInteractions(this.studio);
	}

	@Test
	void theFormBecomesParametersJsonAndARefusedFieldIsMarked() throws Exception {
		given(this.studio.create(any(JsonNode.class), any(Actor.class))).willReturn(this.pending);
		this.mvc
			.perform(post("/rules/new").with(user("modeler", "rules-modeler"))
				.with(csrf())
				.param("key", "sixty-percent")
				.param("memberThreshold", "60%")
				.param("memberComparator", ">=")
				.param("windowMaxDays", "30")
				.param("boardQuorum", "2/3"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/rules/sixty-percent/versions/2"))
			.andExpect(flash().attribute("message", containsString("pending approval")));
		ArgumentCaptor<JsonNode> json = ArgumentCaptor.forClass(JsonNode.class);
		verify(this.studio).create(json.capture(), eq(new Actor("modeler", java.util.Set.of("rules-modeler"))));
		assertThat(json.getValue().path("memberVote").path("threshold").asText()).isEqualTo("60%");
		assertThat(json.getValue().path("memberVote").path("windowMaxDays").asInt()).isEqualTo(30);
		assertThat(json.getValue().path("board").path("quorumOfSeats").asText()).isEqualTo("2/3");
		assertThat(json.getValue().has("name")).isFalse();

		given(this.studio.create(any(JsonNode.class), any(Actor.class))).willThrow(new RuleSetException.Invalid(
				"memberVote.threshold", "memberVote.threshold: '150%' is not from 0 to 1 (0% to 100%)"));
		this.mvc
			.perform(post("/rules/new").with(user("modeler", "rules-modeler"))
				.with(csrf())
				.param("key", "sixty-percent")
				.param("memberThreshold", "150%"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(content().string(allOf(containsString("Nothing was created."),
					containsString("is not from 0 to 1"), containsString("value=\"150%\""))));
	}

	@Test
	void theAuthorSeesWhyTheyCannotApproveAndASecondModelerGetsTheButton() throws Exception {
		this.mvc.perform(get("/rules/sixty-percent/versions/2").with(user("modeler", "rules-modeler")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("You created this version"),
					not(containsString("id=\"approve\"")), containsString("nobody yet"))));
		this.mvc.perform(get("/rules/sixty-percent/versions/2").with(user("auditor", "auditor")))
			.andExpect(content().string(
					allOf(containsString("Only rules modelers may approve"), not(containsString("id=\"approve\"")))));
		this.mvc.perform(get("/rules/sixty-percent/versions/2").with(user("modeler2", "rules-modeler")))
			.andExpect(content().string(allOf(containsString("id=\"approve\""), containsString("name=\"_csrf\""),
					containsString("/rules/sixty-percent/versions/2/approve"))));
		this.mvc.perform(get("/rules/sixty-percent/versions/1").with(user("modeler2", "rules-modeler")))
			.andExpect(content().string(allOf(containsString(
					"<span>modeler2</span>, <time datetime=\"2008-10-02T10:00:00Z\">2 Oct 2008 10:00 UTC</time>"),
					not(containsString("id=\"approve\"")), containsString("TV/Theatrical 2008"))));

		given(this.studio.approve(eq("sixty-percent"), eq(2), any(Actor.class))).willReturn(this.approved);
		this.mvc
			.perform(post("/rules/sixty-percent/versions/2/approve").with(user("modeler2", "rules-modeler"))
				.with(csrf()))
			.andExpect(redirectedUrl("/rules/sixty-percent/versions/2"))
			.andExpect(flash().attribute("message", containsString("Approved")));
		this.mvc.perform(post("/rules/sixty-percent/versions/2/approve").with(user("modeler2", "rules-modeler")))
			.andExpect(status().isForbidden());
	}

	@Test
	void countsTriedByHandComeBackAsAnHtmxFragment() throws Exception {
		given(this.studio.evaluate(eq("sixty-percent"), eq(2), eq("member-vote"), anyMap()))
			.willReturn(new Evaluation("sixty-percent", 2, RuleSetState.PENDING_APPROVAL, "member-vote", "APPROVED",
					"approved: 60.0% yes of 100 votes cast, at least 60% required"));
		this.mvc.perform(get("/rules/sixty-percent/evaluate").param("version", "2").with(user("staff", "guild-staff")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("hx-post=\"/rules/sixty-percent/evaluate\""),
					containsString("sixty-percent:2 (pending approval)"), containsString("windowDays"))));
		this.mvc
			.perform(post("/rules/sixty-percent/evaluate").with(user("staff", "guild-staff"))
				.with(csrf())
				.header("HX-Request", "true")
				.param("decision", "member-vote")
				.param("version", "2")
				.param("yes", "60")
				.param("no", "40")
				.param("abstain", "0")
				.param("spoiled", "0")
				.param("eligible", "100"))
			.andExpect(status().isOk())
			.andExpect(view().name(RulesController.RESULT_FRAGMENT))
			.andExpect(content().string(allOf(containsString("APPROVED"), containsString("(pending approval)"),
					containsString("at least 60% required"), not(containsString("<html")))));
		verify(this.studio).evaluate("sixty-percent", 2, "member-vote",
				Map.of("yes", 60L, "no", 40L, "abstain", 0L, "spoiled", 0L, "eligible", 100L));

		this.mvc
			.perform(post("/rules/sixty-percent/evaluate").with(user("staff", "guild-staff"))
				.with(csrf())
				.header("HX-Request", "true")
				.param("decision", "member-vote")
				.param("yes", "lots"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("yes must be a number, not &quot;lots&quot;")));
	}

	@Test
	void anUnknownVersionIsNotFound() throws Exception {
		given(this.catalog.version("sixty-percent", 9)).willReturn(Optional.empty());
		this.mvc.perform(get("/rules/sixty-percent/versions/9").with(user("staff", "guild-staff")))
			.andExpect(status().isNotFound());
	}

}
