package org.guildhall.web.cases;

import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseSummary;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The case and step pages against the real engine (demo profile, in-memory database):
 * start, complete a step through its form, read the case, withdraw.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:guildhall-case-pages-it;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class CasePagesIT {

	@Autowired
	MockMvc mvc;

	@Autowired
	CaseService cases;

	@Autowired
	StepService steps;

	static RequestPostProcessor as(String user, String group) {
		return SecurityMockMvcRequestPostProcessors.user(user).authorities(new SimpleGrantedAuthority(group));
	}

	@Test
	void theDemoCaseShowsItsTimelineInWordsAndItsDiagrams() throws Exception {
		CaseSummary demo = this.cases.list(null)
			.stream()
			.filter((c) -> c.businessKey().equals("sag-tv-theatrical-contract-2008"))
			.findFirst()
			.orElseThrow();
		String page = this.mvc.perform(get("/cases/" + demo.id()).with(as("committee", "negotiating-committee")))
			.andExpect(status().isOk())
			.andExpect(
					content().string(allOf(containsString("48 for, 14 against, 2 abstaining; 64 of 71 seats present"),
							containsString("Seek mediation"), containsString("Impasse"),
							containsString("Determine whether talks have failed"))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String diagram = page.replaceAll("(?s).*data-diagram-url=\"([^\"]*committee-determination[^\"]*)\".*", "$1");
		assertThat(diagram).startsWith("/cases/" + demo.id() + "/diagram/committee-determination:");
		this.mvc.perform(get(diagram).with(as("committee", "negotiating-committee")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Task_DetermineTalksFailed")));
	}

	@Test
	void staffStartACaseTheBoardRecordsItsResolutionAndStaffWithdrawIt() throws Exception {
		String location = this.mvc
			.perform(post("/cases/new").with(as("staff", "guild-staff"))
				.with(csrf())
				.param("title", "Pages IT")
				.param("ruleSet", "two-thirds"))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String id = location.substring("/cases/".length());
		StepTask board = this.steps.open("pages-it", null).get(0);
		assertThat(board.stepKey()).isEqualTo("Task_RecordBoardResolution");

		this.mvc
			.perform(post("/tasks/" + board.id() + "/complete").with(as("secretary", "board-secretary"))
				.with(csrf())
				.param("resolution", "CONTINUE_BARGAINING")
				.param("votesFor", "40")
				.param("votesAgainst", "20")
				.param("abstentions", "0")
				.param("membersPresent", "80")
				.param("seats", "71")
				.param("committeeMayCallVote", "false"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(content().string(containsString("must not exceed \u201cSeats on the board\u201d (71)")));
		this.mvc
			.perform(post("/tasks/" + board.id() + "/complete").with(as("secretary", "board-secretary"))
				.with(csrf())
				.param("resolution", "CONTINUE_BARGAINING")
				.param("votesFor", "40")
				.param("votesAgainst", "20")
				.param("abstentions", "0")
				.param("membersPresent", "60")
				.param("seats", "71")
				.param("committeeMayCallVote", "false"))
			.andExpect(redirectedUrl(location))
			.andExpect(flash().attribute("message", containsString("Step completed")));
		this.mvc.perform(get(location).with(as("staff", "guild-staff")))
			.andExpect(content().string(allOf(containsString("two-thirds:1"), containsString("Continue bargaining"),
					containsString("by secretary"), containsString("Record bargaining session"))));

		this.mvc
			.perform(post(location + "/withdraw").with(as("staff", "guild-staff"))
				.with(csrf())
				.param("reason", "moved to another table")
				.param("confirmed", "true"))
			.andExpect(redirectedUrl(location));
		this.mvc.perform(get(location).with(as("staff", "guild-staff")))
			.andExpect(content().string(
					allOf(containsString("Withdrawn"), containsString("withdrawn by staff: moved to another table"))));
		assertThat(this.cases.find(id).summary().activeSteps()).isEmpty();
	}

}
