package org.guildhall.web.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.guildhall.engine.cases.CaseNotFoundException;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseStateException;
import org.guildhall.engine.cases.CaseStatus;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.rules.UnknownRuleSetException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.guildhall.web.api.ApiFixtures.as;
import static org.guildhall.web.api.ApiFixtures.details;
import static org.guildhall.web.api.ApiFixtures.step;
import static org.guildhall.web.api.ApiFixtures.summary;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ApiSliceTest(CaseApiController.class)
class CaseApiControllerTest {

	static final String NEW_CASE = """
			{"title":"TV 2008","contract":"TV/Theatrical","employer":"AMPTP","expiryDate":"2008-06-30",
			 "finalOfferDate":"2008-06-30","ruleSet":"sag-2008"}""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CaseService cases;

	@Test
	void staffStartACaseAndGetItsIdAndPinnedRuleSet() throws Exception {
		given(this.cases.start(any())).willReturn(new StartedCase("case-1", "tv-2008", "sag-2008:1"));
		this.mvc
			.perform(post("/api/cases").with(as("staff", "guild-staff"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(NEW_CASE))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/cases/case-1"))
			.andExpect(jsonPath("$.id").value("case-1"))
			.andExpect(jsonPath("$.businessKey").value("tv-2008"))
			.andExpect(jsonPath("$.ruleSet").value("sag-2008"))
			.andExpect(jsonPath("$.version").value(1));
		verify(this.cases).start(new NewCase("TV 2008", "TV/Theatrical", "AMPTP", LocalDate.of(2008, 6, 30),
				LocalDate.of(2008, 6, 30), "sag-2008"));
	}

	@Test
	void onlyGuildStaffStartCases() throws Exception {
		this.mvc
			.perform(post("/api/cases").with(as("secretary", "board-secretary"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(NEW_CASE))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(403))
			.andExpect(jsonPath("$.detail").value(containsString("[guild-staff]")))
			.andExpect(jsonPath("$.detail").value(containsString("secretary is in [board-secretary]")));
		verifyNoInteractions(this.cases);
	}

	@Test
	void withoutCredentialsTheApiChallengesForBasic() throws Exception {
		this.mvc.perform(get("/api/cases").accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", startsWith("Basic")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.instance").value("/api/cases"));
		verifyNoInteractions(this.cases);
	}

	@Test
	void aMissingTitleIsRefusedNamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/cases").with(as("staff", "guild-staff"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"ruleSet\":\"sag-2008\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("title"))
			.andExpect(jsonPath("$.detail").value(containsString("title must not be blank")));
		verifyNoInteractions(this.cases);
	}

	@Test
	void aDateThatIsNoIsoDateIsRefusedNamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/cases").with(as("staff", "guild-staff"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(NEW_CASE.replace("\"expiryDate\":\"2008-06-30\"", "\"expiryDate\":\"30/06/2008\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("expiryDate"))
			.andExpect(jsonPath("$.detail")
				.value("expiryDate must be an ISO-8601 date such as 2008-06-30, not '30/06/2008'"))
			.andExpect(jsonPath("$.trace").doesNotExist());
		verifyNoInteractions(this.cases);
	}

	@Test
	void malformedJsonIsRefusedWithWhereItBroke() throws Exception {
		this.mvc
			.perform(post("/api/cases").with(as("staff", "guild-staff"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\": \"TV 2008\", "))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(startsWith("the body is not valid JSON")))
			.andExpect(jsonPath("$.detail").value(containsString("line 1")));
	}

	@Test
	void anUnknownRuleSetIsABadRequest() throws Exception {
		given(this.cases.start(any()))
			.willThrow(new UnknownRuleSetException("unknown rule set 'fifty-five'; known: [sag-2008]"));
		this.mvc
			.perform(post("/api/cases").with(as("staff", "guild-staff"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(NEW_CASE.replace("sag-2008", "fifty-five")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("unknown rule set 'fifty-five'; known: [sag-2008]"));
	}

	@Test
	void listsCasesByStatus() throws Exception {
		given(this.cases.list(CaseStatus.ACTIVE)).willReturn(List.of(summary(CaseStatus.ACTIVE,
				step("t1", "Task_RecordBoardResolution", "board-secretary", ApiFixtures.day(2008, 7, 1)))));
		this.mvc.perform(get("/api/cases").param("status", "ACTIVE").with(as("auditor", "auditor")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value("case-1"))
			.andExpect(jsonPath("$[0].status").value("ACTIVE"))
			.andExpect(jsonPath("$[0].ruleSet").value("sag-2008"))
			.andExpect(jsonPath("$[0].ruleSetVersion").value(1))
			.andExpect(jsonPath("$[0].activeSteps[0].stepKey").value("Task_RecordBoardResolution"))
			.andExpect(jsonPath("$[0].activeSteps[0].overdue").value(true));
	}

	@Test
	void anUnknownStatusIsABadRequestListingTheStatuses() throws Exception {
		this.mvc.perform(get("/api/cases").param("status", "ON_STRIKE").with(as("auditor", "auditor")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("status"))
			.andExpect(jsonPath("$.detail").value(
					"status must be one of [ACTIVE, STRIKE_CALLED, NO_STRIKE, AUTHORIZATION_REJECTED, SETTLED, WITHDRAWN], "
							+ "not 'ON_STRIKE'"));
		verifyNoInteractions(this.cases);
	}

	@Test
	void showsACaseWithOutcomeDecisionsTimelineAndNoVoteYet() throws Exception {
		given(this.cases.find("case-1")).willReturn(details(CaseStatus.STRIKE_CALLED));
		this.mvc.perform(get("/api/cases/case-1").with(as("auditor", "auditor")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("STRIKE_CALLED"))
			.andExpect(jsonPath("$.ruleSet").value("sag-2008"))
			.andExpect(jsonPath("$.ruleSetVersion").value(1))
			.andExpect(jsonPath("$.expiryDate").value("2008-06-30"))
			.andExpect(jsonPath("$.finalOfferDate").value(nullValue()))
			.andExpect(jsonPath("$.started").value("2008-07-01T09:00:00Z"))
			.andExpect(jsonPath("$.outcome.decision").value("final-decision"))
			.andExpect(jsonPath("$.outcome.outcome").value("CARRIED"))
			.andExpect(jsonPath("$.outcome.explanation").value("carried: 40 for, 20 against of 60 votes cast"))
			.andExpect(jsonPath("$.decisions[0].ruleSet").value("sag-2008:1"))
			.andExpect(jsonPath("$.timeline[0].actor").value("secretary"))
			.andExpect(jsonPath("$.timeline[0].values.strikeDate").value("2009-01-15T00:00:00Z"))
			.andExpect(jsonPath("$.timeline[0].values.votesFor").value(40))
			.andExpect(jsonPath("$.activeSteps").isEmpty())
			.andExpect(content().string(containsString("\"currentVote\":null")));
	}

	@Test
	void anUnknownCaseIsNotFound() throws Exception {
		given(this.cases.find("nope")).willThrow(new CaseNotFoundException("nope"));
		this.mvc.perform(get("/api/cases/nope").with(as("staff", "guild-staff")).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("no case with id nope"))
			.andExpect(jsonPath("$.instance").value("/api/cases/nope"));
	}

	@Test
	void staffRecordAnAgreement() throws Exception {
		given(this.cases.find("case-1"))
			.willReturn(details(CaseStatus.ACTIVE, step("t9", "Task_PrepareBallot", "election-officer", null)));
		this.mvc.perform(post("/api/cases/case-1/agreement").with(as("staff", "guild-staff")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.activeSteps[0].stepKey").value("Task_PrepareBallot"))
			.andExpect(jsonPath("$.activeSteps[0].overdue").value(false));
		verify(this.cases).agreementReached("case-1", new Actor("staff", Set.of("guild-staff")));
	}

	@Test
	void anAgreementOnAnEndedCaseIsAConflict() throws Exception {
		willThrow(new CaseStateException("case case-1 has ended (SETTLED)")).given(this.cases)
			.agreementReached(eq("case-1"), any());
		this.mvc.perform(post("/api/cases/case-1/agreement").with(as("staff", "guild-staff")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("case case-1 has ended (SETTLED)"));
	}

	@Test
	void onlyGuildStaffRecordAgreementsOrWithdraw() throws Exception {
		this.mvc.perform(post("/api/cases/case-1/agreement").with(as("auditor", "auditor")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/cases/case-1/withdraw").with(as("officer", "election-officer"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"no\"}"))
			.andExpect(status().isForbidden());
		verifyNoInteractions(this.cases);
	}

	@Test
	void withdrawingNeedsAReason() throws Exception {
		this.mvc
			.perform(post("/api/cases/case-1/withdraw").with(as("staff", "guild-staff"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"  \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("reason"));
		this.mvc
			.perform(post("/api/cases/case-1/withdraw").with(as("staff", "guild-staff"))
				.contentType(MediaType.APPLICATION_JSON))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("a JSON body is required"));
		verify(this.cases, never()).withdraw(anyString(), anyString(), any());
	}

	@Test
	void staffWithdrawACase() throws Exception {
		given(this.cases.find("case-1")).willReturn(details(CaseStatus.WITHDRAWN));
		this.mvc
			.perform(post("/api/cases/case-1/withdraw").with(as("staff", "guild-staff"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"Employer withdrew the offer\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("WITHDRAWN"));
		verify(this.cases).withdraw(eq("case-1"), eq("Employer withdrew the offer"), any(Actor.class));
	}

}
