package org.guildhall.web.cases;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.cases.CaseDetails;
import org.guildhall.engine.cases.CaseNotFoundException;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseStateException;
import org.guildhall.engine.cases.CaseStatus;
import org.guildhall.engine.cases.CaseSummary;
import org.guildhall.engine.cases.DecisionRecord;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.ProcessView;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.cases.TimelineEntry;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.rules.RuleSet;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetSource;
import org.guildhall.engine.rules.RuleSetState;
import org.guildhall.engine.rules.RuleSetVersion;
import org.guildhall.engine.tasks.StepTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The case pages with the application's security configuration and mocked engine
 * services.
 */
@WebMvcTest(controllers = CaseController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.guildhall\\.web\\.security\\.SecurityConfiguration"))
class CaseControllerTest {

	static final String SAG_2008 = """
			{"key":"sag-2008","memberVote":{"threshold":0.75,"comparator":">","base":"VOTES_CAST",
			 "minTurnoutOfEligible":0.0,"minYesOfEligible":0.0,"windowMinDays":0,"windowMaxDays":45},
			 "ratification":{"threshold":0.5,"comparator":">","base":"VOTES_CAST"},
			 "board":{"quorumOfSeats":0.5,"threshold":0.5,"comparator":">","base":"VOTES_CAST"},
			 "committee":{"quorumOfSeats":0.5,"threshold":0.5,"comparator":">","base":"VOTES_CAST"},
			 "finalDecision":{"quorumOfSeats":0.5,"threshold":0.5,"comparator":">","base":"VOTES_CAST"}}""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	BallotBox ballots;

	@MockitoBean
	CaseService cases;

	@MockitoBean
	Withdrawals withdrawals;

	@MockitoBean
	RuleSetCatalog ruleSets;

	@MockitoBean
	RepositoryService repository;

	@MockitoBean
	IdentityService identity;

	RuleSet sag2008;

	@BeforeEach
	void ruleSets() throws Exception {
		this.sag2008 = new RuleSet("sag-2008", 1, "SAG 2008: more than 75% of those voting", "SAG bylaws Art. V",
				new ObjectMapper().readTree(SAG_2008));
		given(this.ruleSets.ruleSets()).willReturn(List.of(this.sag2008));
		given(this.ruleSets.find("sag-2008")).willReturn(Optional.of(this.sag2008));
		given(this.ruleSets.find("nope")).willReturn(Optional.empty());
		given(this.ruleSets.version("sag-2008", 1)).willReturn(Optional.of(new RuleSetVersion("sag-2008", 1,
				this.sag2008.name(), this.sag2008.citation(), this.sag2008.parameters(), RuleSetSource.SHIPPED,
				RuleSetState.APPROVED, "0".repeat(64), "system", Instant.EPOCH, "system", Instant.EPOCH, "d-1")));
	}

	static CaseForm caseForm(MvcResult result) {
		return (CaseForm) result.getModelAndView().getModel().get("caseForm");
	}

	static RequestPostProcessor staff() {
		return SecurityMockMvcRequestPostProcessors.user("staff")
			.authorities(new SimpleGrantedAuthority("guild-staff"));
	}

	static RequestPostProcessor committee() {
		return SecurityMockMvcRequestPostProcessors.user("committee")
			.authorities(new SimpleGrantedAuthority("negotiating-committee"));
	}

	@Test
	void staffSeeTheStartFormWithEachRuleSetInPlainWords() throws Exception {
		this.mvc.perform(get("/cases/new").with(staff()))
			.andExpect(status().isOk())
			.andExpect(view().name(CaseController.NEW_CASE_VIEW))
			.andExpect((result) -> assertThat(caseForm(result).getRuleSet()).isEqualTo("sag-2008"))
			.andExpect(model().attribute("ruleSets", hasSize(1)))
			.andExpect(content().string(allOf(containsString("SAG 2008: more than 75% of those voting"),
					containsString("SAG bylaws Art. V"),
					containsString("Member vote passes with yes more than 75% of votes cast; no turnout quorum; "
							+ "window at most 45 days"))));
	}

	@Test
	void othersMayNotStartACase() throws Exception {
		this.mvc.perform(get("/cases/new").with(committee())).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/cases/new").with(committee()).with(csrf()).param("title", "T").param("ruleSet", "sag-2008"))
			.andExpect(status().isForbidden());
		verify(this.cases, never()).start(any());
	}

	@Test
	void startingACaseNeedsTheCsrfToken() throws Exception {
		this.mvc.perform(post("/cases/new").with(staff()).param("title", "T").param("ruleSet", "sag-2008"))
			.andExpect(status().isForbidden());
		verify(this.cases, never()).start(any());
	}

	@Test
	void startsACaseAndShowsIt() throws Exception {
		given(this.cases.start(any())).willReturn(new StartedCase("pi-1", "tv-2008", "sag-2008:1"));
		this.mvc
			.perform(post("/cases/new").with(staff())
				.with(csrf())
				.param("title", " TV 2008 ")
				.param("contract", "TV/Theatrical")
				.param("employer", "AMPTP")
				.param("expiryDate", "2008-06-30")
				.param("finalOfferDate", "")
				.param("ruleSet", "sag-2008"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/cases/pi-1"))
			.andExpect(flash().attribute("message", containsString("sag-2008:1")));
		verify(this.cases)
			.start(new NewCase(" TV 2008 ", "TV/Theatrical", "AMPTP", LocalDate.of(2008, 6, 30), null, "sag-2008"));
	}

	@Test
	void aBlankTitleComesBackWithItsMessageNextToTheField() throws Exception {
		this.mvc
			.perform(post("/cases/new").with(staff())
				.with(csrf())
				.param("title", "  ")
				.param("employer", "AMPTP")
				.param("ruleSet", "sag-2008"))
			.andExpect(status().isOk())
			.andExpect(view().name(CaseController.NEW_CASE_VIEW))
			.andExpect(model().attributeHasFieldErrorCode("caseForm", "title", "NotBlank"))
			.andExpect(content().string(allOf(containsString("id=\"title-error\""), containsString("Enter a title"),
					containsString("value=\"AMPTP\""))));
		verify(this.cases, never()).start(any());
	}

	@Test
	void aRefusalOfTheCaseServiceComesBackNextToTheFieldItNames() throws Exception {
		given(this.cases.start(any()))
			.willThrow(new IllegalArgumentException("expiryDate must be between 1900-01-01 and 2999-12-31"));
		this.mvc
			.perform(post("/cases/new").with(staff())
				.with(csrf())
				.param("title", "T")
				.param("expiryDate", "9999-06-30")
				.param("ruleSet", "sag-2008"))
			.andExpect(status().isOk())
			.andExpect(view().name(CaseController.NEW_CASE_VIEW))
			.andExpect(model().attributeHasFieldErrorCode("caseForm", "expiryDate", "invalid"))
			.andExpect(content().string(containsString("id=\"expiryDate-error\"")));
	}

	@Test
	void anUnknownRuleSetIsRefusedNextToThePicker() throws Exception {
		this.mvc.perform(post("/cases/new").with(staff()).with(csrf()).param("title", "T").param("ruleSet", "nope"))
			.andExpect(status().isOk())
			.andExpect(view().name(CaseController.NEW_CASE_VIEW))
			.andExpect(model().attributeHasFieldErrorCode("caseForm", "ruleSet", "unknown"))
			.andExpect(content().string(containsString("Unknown rule set &quot;nope&quot;")));
		verify(this.cases, never()).start(any());
	}

	@Test
	void showsACaseWithItsRuleSetStepsTimelineAndDiagrams() throws Exception {
		given(this.cases.find("pi-1")).willReturn(details(CaseStatus.ACTIVE));
		this.mvc.perform(get("/cases/pi-1").with(committee()))
			.andExpect(status().isOk())
			.andExpect(view().name(CaseController.CASE_VIEW))
			.andExpect(model().attribute("summary", instanceOf(CaseSummary.class)))
			.andExpect(model().attribute("timeline", hasSize(3)))
			.andExpect(model().attribute("diagrams", hasSize(2)))
			.andExpect(content().string(allOf(containsString("TV 2008"), containsString("sag-2008:1"),
					containsString("SAG bylaws Art. V"), containsString("/tasks/task-9"),
					containsString("Determine whether talks have failed"), containsString("Seek mediation"),
					containsString("48 for, 14 against, 2 abstaining; 64 of 71 seats present"),
					containsString("carried: 48 of 62 votes cast"),
					containsString("/cases/pi-1/diagram/committee-determination:1:7.bpmn"),
					containsString("data-active=\"Task_DetermineTalksFailed\""))))
			// only guild staff see the agreement and withdrawal actions
			.andExpect(content().string(not(containsString("Withdraw the case"))));
	}

	@Test
	void staffSeeAgreementAndWithdrawalOnActiveCasesOnly() throws Exception {
		given(this.cases.find("pi-1")).willReturn(details(CaseStatus.ACTIVE));
		this.mvc.perform(get("/cases/pi-1").with(staff()))
			.andExpect(
					content().string(allOf(containsString("Agreement reached"), containsString("Withdraw the case"))));
		given(this.cases.find("pi-1")).willReturn(details(CaseStatus.SETTLED));
		this.mvc.perform(get("/cases/pi-1").with(staff()))
			.andExpect(content().string(allOf(not(containsString("Withdraw the case")), containsString("Outcome"),
					containsString("the last decision, <span>Board motion</span>, <strong>CARRIED</strong>"))));
	}

	@Test
	void aWithdrawnCaseSaysWhoWithdrewItAndWhy() throws Exception {
		given(this.cases.find("pi-1")).willReturn(details(CaseStatus.WITHDRAWN));
		given(this.withdrawals.explain("pi-1")).willReturn("withdrawn by staff: moved to another table");
		this.mvc.perform(get("/cases/pi-1").with(staff()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("withdrawal", "withdrawn by staff: moved to another table"))
			.andExpect(content().string(allOf(containsString("Outcome"), containsString("Withdrawn"),
					containsString("withdrawn by staff: moved to another table"),
					not(containsString("Withdraw the case")))));
	}

	@Test
	void anUnknownCaseIsAFriendlyNotFound() throws Exception {
		given(this.cases.find("nope")).willThrow(new CaseNotFoundException("nope"));
		this.mvc.perform(get("/cases/nope").with(staff()))
			.andExpect(status().isNotFound())
			.andExpect(view().name(CaseController.ERROR_VIEW))
			.andExpect(content().string(allOf(containsString("<h1>Case not found</h1>"),
					containsString("no case with that id"), not(containsString("Exception")))));
	}

	@Test
	void servesTheBpmnOfTheCasesOwnProcessesOnly() throws Exception {
		given(this.cases.find("pi-1")).willReturn(details(CaseStatus.ACTIVE));
		given(this.repository.getProcessModel("committee-determination:1:7"))
			.willReturn(new ByteArrayInputStream("<definitions/>".getBytes(StandardCharsets.UTF_8)));
		this.mvc.perform(get("/cases/pi-1/diagram/committee-determination:1:7.bpmn").with(committee()))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/xml"))
			.andExpect(content().string("<definitions/>"));
		this.mvc.perform(get("/cases/pi-1/diagram/other:1:1.bpmn").with(committee())).andExpect(status().isNotFound());
		verify(this.repository, never()).getProcessModel("other:1:1");
	}

	@Test
	void staffRecordAnAgreementAfterConfirming() throws Exception {
		this.mvc.perform(post("/cases/pi-1/agreement").with(staff()).with(csrf()))
			.andExpect(redirectedUrl("/cases/pi-1"))
			.andExpect(flash().attribute("error", containsString("confirm")));
		verify(this.cases, never()).agreementReached(any(), any());

		this.mvc.perform(post("/cases/pi-1/agreement").with(staff()).with(csrf()).param("confirmed", "true"))
			.andExpect(redirectedUrl("/cases/pi-1"))
			.andExpect(flash().attribute("message", containsString("ratification")));
		verify(this.cases).agreementReached(eq("pi-1"), eq(new Actor("staff", Set.of("guild-staff"))));
	}

	@Test
	void anAgreementOnACaseThatCannotTakeOneSaysWhy() throws Exception {
		willThrow(new CaseStateException("the case has ended")).given(this.cases).agreementReached(eq("pi-1"), any());
		this.mvc.perform(post("/cases/pi-1/agreement").with(staff()).with(csrf()).param("confirmed", "true"))
			.andExpect(redirectedUrl("/cases/pi-1"))
			.andExpect(flash().attribute("error", containsString("the case has ended")));
	}

	@Test
	void othersMayNotRecordAnAgreementOrWithdraw() throws Exception {
		this.mvc.perform(post("/cases/pi-1/agreement").with(committee()).with(csrf()).param("confirmed", "true"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/cases/pi-1/withdraw").with(committee())
				.with(csrf())
				.param("confirmed", "true")
				.param("reason", "r"))
			.andExpect(status().isForbidden());
		verify(this.cases, never()).agreementReached(any(), any());
		verify(this.cases, never()).withdraw(any(), any(), any());
	}

	@Test
	void withdrawingNeedsAReasonAndConfirmation() throws Exception {
		this.mvc.perform(post("/cases/pi-1/withdraw").with(staff()).with(csrf()).param("confirmed", "true"))
			.andExpect(redirectedUrl("/cases/pi-1"))
			.andExpect(flash().attribute("error", containsString("reason")));
		this.mvc.perform(post("/cases/pi-1/withdraw").with(staff()).with(csrf()).param("reason", "Settled elsewhere"))
			.andExpect(flash().attribute("error", containsString("confirm")));
		verify(this.cases, never()).withdraw(any(), any(), any());

		this.mvc
			.perform(post("/cases/pi-1/withdraw").with(staff())
				.with(csrf())
				.param("reason", "Settled elsewhere")
				.param("confirmed", "true"))
			.andExpect(redirectedUrl("/cases/pi-1"))
			.andExpect(flash().attribute("message", containsString("withdrawn")));
		verify(this.cases).withdraw(eq("pi-1"), eq("Settled elsewhere"), any(Actor.class));
	}

	static CaseDetails details(CaseStatus status) {
		Date now = new Date();
		StepTask open = new StepTask("task-9", "pi-1", "tv-2008", "Task_DetermineTalksFailed",
				"Determine whether talks have failed", List.of("negotiating-committee"), null, now, null, false);
		boolean active = status == CaseStatus.ACTIVE;
		CaseSummary summary = new CaseSummary("pi-1", "tv-2008", "TV 2008", status, "sag-2008", 1, now,
				active ? null : now, active ? List.of(open) : List.of());
		TimelineEntry board = new TimelineEntry(new Date(now.getTime() - 3000), "Task_RecordBoardResolution",
				"Record the board's resolution", "secretary",
				Map.of("resolution", "SEEK_MEDIATION", "votesFor", 48L, "votesAgainst", 14L, "abstentions", 2L,
						"membersPresent", 64L, "seats", 71L, "minutes", "long text"));
		TimelineEntry session = new TimelineEntry(new Date(now.getTime() - 1000), "Task_RecordBargainingSession",
				"Record a bargaining session", "staff", Map.of("sessionOutcome", "IMPASSE"));
		DecisionRecord motion = new DecisionRecord("board-motion", "sag-2008:1", "CARRIED",
				"carried: 48 of 62 votes cast for", Map.of(), new Date(now.getTime() - 2000));
		ProcessView top = new ProcessView("pi-1", "strike-authorization", "strike-authorization:1:1", active,
				List.of("SubProcess_Negotiation", "CallActivity_CommitteeDetermination"),
				List.of("Event_ContractExpired", "CallActivity_BoardDeliberation"));
		ProcessView board1 = new ProcessView("pi-2", "board-deliberation", "board-deliberation:1:3", false, List.of(),
				List.of("Task_RecordBoardResolution"));
		ProcessView committee = new ProcessView("pi-3", "committee-determination", "committee-determination:1:7",
				active, List.of("Task_DetermineTalksFailed"), List.of());
		DecisionRecord outcome = (active || status == CaseStatus.WITHDRAWN) ? null : motion;
		return new CaseDetails(summary, "TV/Theatrical", "AMPTP", now, null, outcome, List.of(motion),
				List.of(board, session), List.of(top, board1, committee));
	}

	@Test
	void theStaffActorCarriesTheirGroups() {
		Actor actor = org.guildhall.web.security.Actors
			.of(new TestingAuthenticationToken("staff", null, "guild-staff", "auditor"));
		assertThat(actor.userId()).isEqualTo("staff");
		assertThat(actor.groups()).containsExactlyInAnyOrder("guild-staff", "auditor");
	}

}
