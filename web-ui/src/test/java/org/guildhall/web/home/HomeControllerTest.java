package org.guildhall.web.home;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseStatus;
import org.guildhall.engine.cases.CaseSummary;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The home page with the application's security configuration and mocked engine services.
 */
@WebMvcTest(controllers = HomeController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.guildhall\\.web\\.security\\.SecurityConfiguration"))
class HomeControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	StepService steps;

	@MockitoBean
	CaseService cases;

	@MockitoBean
	IdentityService identity;

	@BeforeEach
	void data() {
		Date yesterday = new Date(System.currentTimeMillis() - 86_400_000L);
		StepTask overdue = new StepTask("t-1", "case-1", "tv-2008", "Task_DetermineTalksFailed",
				"Determine whether talks have failed", List.of("negotiating-committee"), null, yesterday, yesterday,
				false);
		StepTask onTime = new StepTask("t-2", "case-2", "radio-2009", "Task_DetermineTalksFailed",
				"Determine whether talks have failed", List.of("negotiating-committee"), "committee", yesterday,
				new Date(System.currentTimeMillis() + 86_400_000L), false);
		given(this.steps.open(null, List.of("negotiating-committee"))).willReturn(List.of(overdue, onTime));
		given(this.cases.list(null)).willReturn(List.of(
				new CaseSummary("case-1", "tv-2008", "TV 2008", CaseStatus.ACTIVE, "sag-2008", 1, yesterday, null,
						List.of(overdue)),
				new CaseSummary("case-2", "radio-2009", "Radio 2009", CaseStatus.ACTIVE, "two-thirds", 1, yesterday,
						null, List.of(onTime)),
				new CaseSummary("case-3", "film-2007", "Film 2007", CaseStatus.SETTLED, "sag-2008", 1, yesterday,
						yesterday, List.of())));
	}

	static RequestPostProcessor committee() {
		return SecurityMockMvcRequestPostProcessors.user("committee")
			.authorities(new SimpleGrantedAuthority("negotiating-committee"));
	}

	@Test
	void showsMyStepsWithOverdueOnesFlaggedInWords() throws Exception {
		this.mvc.perform(get("/").with(committee()))
			.andExpect(status().isOk())
			.andExpect(view().name(HomeController.HOME_VIEW))
			.andExpect(model().attribute("steps", hasSize(2)))
			.andExpect(model().attribute("overdueCount", 1L))
			.andExpect(model().attribute("cases", hasSize(3)))
			.andExpect(content().string(allOf(containsString("1 step is overdue."), containsString("Overdue</span>"),
					containsString("href=\"/tasks/t-1\""), containsString("href=\"/cases/case-1\""),
					containsString("TV 2008"), containsString("Radio 2009"))))
			.andExpect(content().string(not(containsString("Start a case"))));
		verify(this.steps).open(null, List.of("negotiating-committee"));
	}

	@Test
	void onlyOverdueStepsCarryTheBadge() throws Exception {
		String page = this.mvc.perform(get("/").with(committee())).andReturn().getResponse().getContentAsString();
		// the overdue step, once in my steps and once among its case's open steps
		assertThat(page.split("Overdue</span>", -1)).hasSize(3);
	}

	@Test
	@SuppressWarnings("unchecked")
	void filtersCasesByStatus() throws Exception {
		this.mvc.perform(get("/").param("status", "SETTLED").with(committee()))
			.andExpect(view().name(HomeController.HOME_VIEW))
			.andExpect(model().attribute("status", "SETTLED"))
			.andExpect((result) -> assertThat((List<CaseSummary>) result.getModelAndView().getModel().get("cases"))
				.extracting(CaseSummary::title)
				.containsExactly("Film 2007"))
			.andExpect(content().string(containsString("<option value=\"SETTLED\" selected=\"selected\">")));
	}

	@Test
	void htmxGetsOnlyTheCasesTable() throws Exception {
		this.mvc.perform(get("/").param("status", "ACTIVE").header("HX-Request", "true").with(committee()))
			.andExpect(status().isOk())
			.andExpect(view().name(HomeController.CASES_FRAGMENT))
			.andExpect(model().attribute("cases", hasSize(2)))
			.andExpect(content().string(allOf(containsString("id=\"cases\""), not(containsString("<html")),
					not(containsString("My steps")))));
	}

	@Test
	void anUnknownStatusShowsAllCases() throws Exception {
		this.mvc.perform(get("/").param("status", "BOGUS").with(committee()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("status", ""))
			.andExpect(model().attribute("cases", hasSize(3)));
	}

	@Test
	void staffSeeTheStartACaseLink() throws Exception {
		given(this.steps.open(null, List.of("guild-staff"))).willReturn(List.of());
		this.mvc
			.perform(get("/").with(SecurityMockMvcRequestPostProcessors.user("staff")
				.authorities(new SimpleGrantedAuthority("guild-staff"))))
			.andExpect(content().string(allOf(containsString("href=\"/cases/new\""),
					containsString("Nothing is waiting for your groups."))));
	}

	@Test
	void strangersAreSentToSignIn() throws Exception {
		this.mvc.perform(get("/").accept(MediaType.TEXT_HTML))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("**/login"));
	}

	@Test
	void theLoginPageIsPublic() throws Exception {
		this.mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(view().name(HomeController.LOGIN_VIEW));
	}

	@Test
	void parsesStatusNamesLeniently() {
		assertThat(HomeController.parse("settled")).isEqualTo(CaseStatus.SETTLED);
		assertThat(HomeController.parse(" ")).isNull();
		assertThat(HomeController.parse("nope")).isNull();
	}

}
