package org.guildhall.web.audit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.guildhall.engine.audit.AuditCase;
import org.guildhall.engine.audit.AuditCaseQuery;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.rules.RuleSet;
import org.guildhall.engine.rules.RuleSetCatalog;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The auditor's pages with the application's security configuration, a mocked trail and
 * the shipped BPMN.
 */
@WebMvcTest(controllers = AuditPageController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.guildhall\\.web\\.security\\.SecurityConfiguration"))
class AuditPageControllerTest {

	static final String TOP = "strike-authorization:1:t";

	static final String BARGAINING = "bargaining:1:b";

	static final AuditCase SETTLED = new AuditCase(AuditEvents.CASE, "commercials-2009", "Commercials 2009", TOP,
			"sag-2008", 1, "SETTLED", Instant.parse("2009-02-01T09:00:00Z"), "staff",
			Instant.parse("2009-04-20T12:00:00Z"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AuditTrail trail;

	@MockitoBean
	RuleSetCatalog ruleSets;

	@MockitoBean
	RepositoryService repository;

	@MockitoBean
	IdentityService identity;

	@BeforeEach
	void catalogue() throws Exception {
		RuleSet sag2008 = new RuleSet("sag-2008", 1, "SAG 2008: more than 75% of those voting", "SAG bylaws Art. V",
				new ObjectMapper().readTree("""
						{"key":"sag-2008","memberVote":{"threshold":0.75,"comparator":">","base":"VOTES_CAST"},
						 "ratification":{"threshold":0.5,"comparator":">","base":"VOTES_CAST"}}"""));
		given(this.ruleSets.ruleSets()).willReturn(List.of(sag2008));
		given(this.ruleSets.find("sag-2008")).willReturn(Optional.of(sag2008));
		given(this.trail.auditCase(any())).willReturn(Optional.empty());
		given(this.trail.auditCase(AuditEvents.CASE)).willReturn(Optional.of(SETTLED));
		given(this.trail.caseTrail(AuditEvents.CASE)).willReturn(trail());
		given(this.trail.head()).willReturn(new AuditTrail.ChainHead(120, "f00dcafe"));
		given(this.repository.getBpmnModelInstance(TOP)).willReturn(AuditEvents.model("strike-authorization"));
		given(this.repository.getBpmnModelInstance(BARGAINING)).willReturn(AuditEvents.model("bargaining"));
	}

	/**
	 * A settled case: started by staff, two bargaining sessions (a loop), an agreement
	 * that interrupts a third, a ratification decision, the end.
	 */
	static List<AuditEvent> trail() {
		return new AuditEvents()
			.add(AuditKind.CASE_STARTED, "staff", "strike-authorization",
					"{\"processDefinitionId\":\"" + TOP + "\",\"processDefinitionKey\":\"strike-authorization\","
							+ "\"ruleSetTag\":\"sag-2008:1\",\"title\":\"Commercials 2009\"}")
			.path(TOP, "t1", "Event_ContractExpired", "Gateway_NegotiationMerge")
			.add(AuditKind.PROCESS_STARTED, "secretary", "bargaining",
					"{\"processDefinitionId\":\"" + BARGAINING
							+ "\",\"processDefinitionKey\":\"bargaining\",\"processInstanceId\":\"b1\"}")
			.path(BARGAINING, "b1", "Event_BargainingStarted", "Gateway_SessionToRecord")
			.add(AuditKind.STEP_COMPLETED, "staff", "Task_RecordBargainingSession",
					"{\"name\":\"Record bargaining session\",\"processDefinitionKey\":\"bargaining\",\"taskId\":\"k1\","
							+ "\"values\":{\"sessionDate\":\"2009-02-17T00:00:00.000Z\",\"sessionOutcome\":\"CONTINUE\","
							+ "\"mediatorPresent\":false}}")
			.path(BARGAINING, "b1", "Task_RecordBargainingSession", "Gateway_SessionOutcome", "Gateway_SessionToRecord",
					"Task_RecordBargainingSession", "Gateway_SessionOutcome", "Gateway_SessionToRecord")
			.ended(BARGAINING, "b1", "Task_RecordBargainingSession", true)
			.add(AuditKind.MESSAGE_CORRELATED, "staff", "Event_AgreementReached", "{\"name\":\"Agreement reached\"}")
			.add(AuditKind.DECISION_EVALUATED, "officer", "ratification-vote",
					"{\"activityId\":\"Task_EvaluateMemberVote\",\"explanation\":\"approved: 73.3% yes of 14283 "
							+ "votes cast > 50% required\",\"inputs\":{\"Votes cast (yes + no)\":14283},"
							+ "\"outcome\":\"APPROVED\",\"ruleSetTag\":\"sag-2008:1\"}")
			.add(AuditKind.CASE_ENDED, "officer", "strike-authorization",
					"{\"endActivityId\":\"Event_Settled\",\"status\":\"SETTLED\"}")
			.list();
	}

	static RequestPostProcessor auditor() {
		return SecurityMockMvcRequestPostProcessors.user("auditor").authorities(new SimpleGrantedAuthority("auditor"));
	}

	@Test
	void theSearchPassesEveryFilterToTheTrail() throws Exception {
		given(this.trail.cases(any())).willReturn(List.of(SETTLED));
		this.mvc
			.perform(get("/audit").with(auditor())
				.param("status", "settled")
				.param("ruleSet", "sag-2008")
				.param("startedFrom", "2009-01-01")
				.param("startedBefore", "2009-05-01")
				.param("text", " commercials "))
			.andExpect(status().isOk())
			.andExpect(view().name(AuditPageController.SEARCH_VIEW))
			.andExpect(content().string(allOf(containsString("href=\"/audit/cases/case-1\""),
					containsString("Commercials 2009"), containsString("sag-2008:1"), containsString("by staff"),
					containsString("20 Apr 2009 12:00 UTC"), containsString("<option value=\"SETTLED\" selected"),
					containsString("<span class=\"badge status-settled\">Settled</span>"))));
		ArgumentCaptor<AuditCaseQuery> query = ArgumentCaptor.forClass(AuditCaseQuery.class);
		verify(this.trail).cases(query.capture());
		assertThat(query.getValue())
			.isEqualTo(new AuditCaseQuery("SETTLED", "sag-2008", Instant.parse("2009-01-01T00:00:00Z"),
					Instant.parse("2009-05-01T00:00:00Z"), "commercials", AuditPageController.SEARCH_LIMIT));
	}

	@Test
	void filtersThatMeanNothingAreIgnoredAndSaidSo() throws Exception {
		given(this.trail.cases(any())).willReturn(List.of());
		this.mvc.perform(get("/audit").with(auditor()).param("status", "BOGUS").param("startedFrom", "last week"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("There is no status &quot;BOGUS&quot;"),
					containsString("is not a date"), containsString("No case in the trail"))));
		verify(this.trail).cases(new AuditCaseQuery(null, null, null, null, null, AuditPageController.SEARCH_LIMIT));
	}

	@Test
	void htmxGetsTheResultsAlone() throws Exception {
		given(this.trail.cases(any())).willReturn(List.of(SETTLED));
		this.mvc.perform(get("/audit").with(auditor()).header("HX-Request", "true").param("status", "SETTLED"))
			.andExpect(view().name(AuditPageController.RESULTS_FRAGMENT))
			.andExpect(content().string(allOf(containsString("id=\"results\""), containsString("Commercials 2009"),
					not(containsString("<html")))));
	}

	@Test
	void anUnknownCaseIsTheFriendlyNotFoundPage() throws Exception {
		this.mvc.perform(get("/audit/cases/nope").with(auditor()))
			.andExpect(status().isNotFound())
			.andExpect(view().name("error"))
			.andExpect(content().string(allOf(containsString("Case not found"),
					containsString("The audit trail has no case with that id"))));
		this.mvc.perform(get("/audit/cases/nope/report").with(auditor())).andExpect(status().isNotFound());
		verify(this.trail, never()).record(any(), any(), any(), any(), anyMap());
	}

	@Test
	void theCasePageShowsTheHeaderDecisionsRulesAndDownloads() throws Exception {
		this.mvc.perform(get("/audit/cases/case-1").with(auditor()))
			.andExpect(status().isOk())
			.andExpect(view().name(AuditPageController.CASE_VIEW))
			.andExpect(content().string(allOf(containsString("Commercials 2009"), containsString("commercials-2009"),
					containsString("status-settled"), containsString("sag-2008:1"),
					// the decision with its inputs, outcome and explanation
					containsString("data-decision=\"ratification-vote\""), containsString("Ratification vote"),
					containsString("APPROVED"), containsString("approved: 73.3% yes of 14283 votes cast &gt; 50%"),
					containsString("Votes cast (yes + no)"), containsString("14,283"),
					// what the rules were: name, rules in words, parameters, citation
					containsString("SAG 2008: more than 75% of those voting"),
					containsString("Ratification of an agreement passes with yes more than 50% of votes cast"),
					containsString("threshold = 0.75"), containsString("SAG bylaws Art. V"),
					// the exports of the audit API and the report
					containsString("href=\"/api/cases/case-1/history.csv\""),
					containsString("href=\"/api/cases/case-1/history.jsonl\""),
					containsString("href=\"/audit/cases/case-1/report\""))));
	}

	@Test
	void theDiagramsCarryThePathTheCaseTook() throws Exception {
		MvcResult result = this.mvc.perform(get("/audit/cases/case-1").with(auditor())).andReturn();
		String html = result.getResponse().getContentAsString();
		String bargaining = diagram(html, BARGAINING);
		assertThat(bargaining)
			.contains("data-visits=\"Event_BargainingStarted:1,Gateway_SessionToRecord:3,"
					+ "Task_RecordBargainingSession:3,Gateway_SessionOutcome:2\"")
			.contains("data-interrupted=\"Task_RecordBargainingSession\"")
			.contains("Flow_SessionContinue")
			.doesNotContain("Flow_SessionImpasse")
			.contains("/audit/cases/case-1/diagram/bargaining:1:b.bpmn");
		assertThat(diagram(html, TOP)).contains("Event_ContractExpired:1");
		assertThat(html).contains("Record bargaining session: 3 times (interrupted at least once)")
			.contains("Bargaining");
	}

	@Test
	void theTimelineHidesPathEventsUntilAskedAndFiltersByKindAndActor() throws Exception {
		this.mvc.perform(get("/audit/cases/case-1").with(auditor()))
			.andExpect(content().string(
					allOf(containsString("data-kind=\"STEP_COMPLETED\""), containsString("data-kind=\"CASE_ENDED\""),
							not(containsString("data-kind=\"ACTIVITY_ENDED\"")), containsString("path events hidden"),
							// the submitted values in words, with the form's labels
							containsString("How the session ended"), containsString("Talks continue"),
							containsString("17 Feb 2009"), containsString("A mediator took part"))));
		this.mvc.perform(get("/audit/cases/case-1").with(auditor()).param("path", "true"))
			.andExpect(content().string(containsString("data-kind=\"ACTIVITY_ENDED\"")));
		this.mvc.perform(get("/audit/cases/case-1").with(auditor()).param("kind", "STEP_COMPLETED"))
			.andExpect(content().string(allOf(containsString("data-kind=\"STEP_COMPLETED\""),
					not(containsString("data-kind=\"CASE_STARTED\"")), not(containsString("data-kind=\"CASE_ENDED\"")),
					containsString("<option value=\"STEP_COMPLETED\" selected"))));
		this.mvc.perform(get("/audit/cases/case-1").with(auditor()).param("actor", "officer"))
			.andExpect(content().string(allOf(containsString("data-kind=\"DECISION_EVALUATED\""),
					containsString("data-kind=\"CASE_ENDED\""), not(containsString("data-kind=\"STEP_COMPLETED\"")),
					not(containsString("data-kind=\"CASE_STARTED\"")))));
	}

	@Test
	void htmxGetsTheFilteredTimelineAlone() throws Exception {
		this.mvc
			.perform(get("/audit/cases/case-1").with(auditor())
				.header("HX-Request", "true")
				.param("kind", "MESSAGE_CORRELATED"))
			.andExpect(view().name(AuditPageController.TIMELINE_FRAGMENT))
			.andExpect(content().string(allOf(containsString("id=\"timeline\""),
					containsString("data-kind=\"MESSAGE_CORRELATED\""), not(containsString("data-kind=\"CASE_ENDED\"")),
					not(containsString("<html")), not(containsString("What the rules were")))));
	}

	@Test
	void theReportIsRecordedAsAnExportAndShowsTheChainHead() throws Exception {
		this.mvc.perform(get("/audit/cases/case-1/report").with(auditor()))
			.andExpect(status().isOk())
			.andExpect(view().name(AuditPageController.REPORT_VIEW))
			.andExpect(content().string(allOf(containsString("Audit report"), containsString("f00dcafe"),
					containsString(">120<"), containsString("data-print"), containsString("Outcome"),
					containsString("approved: 73.3% yes"), containsString("data-kind=\"STEP_COMPLETED\""),
					not(containsString("data-kind=\"ACTIVITY_ENDED\"")),
					containsString("/audit/cases/case-1/diagram/bargaining:1:b.bpmn"))));
		verify(this.trail).record(eq(AuditKind.AUDIT_EXPORTED), eq(AuditEvents.CASE), eq("auditor"), eq("report"),
				anyMap());
	}

	@Test
	void servesOnlyTheBpmnOfProcessesTheCaseRan() throws Exception {
		given(this.repository.getProcessModel(BARGAINING))
			.willReturn(new ByteArrayInputStream("<definitions/>".getBytes(StandardCharsets.UTF_8)));
		this.mvc.perform(get("/audit/cases/case-1/diagram/bargaining:1:b.bpmn").with(auditor()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", containsString("xml")))
			.andExpect(content().string("<definitions/>"));
		this.mvc.perform(get("/audit/cases/case-1/diagram/member-vote:1:m.bpmn").with(auditor()))
			.andExpect(status().isNotFound());
		verify(this.repository, never()).getProcessModel("member-vote:1:m");
	}

	@Test
	void pagesNeedASignedInUser() throws Exception {
		this.mvc.perform(get("/audit/cases/case-1"))
			.andExpect((result) -> assertThat(result.getResponse().getStatus()).isIn(302, 401));
		verify(this.trail, never()).caseTrail(any());
	}

	/** The attributes of the diagram of {@code definitionId}. */
	private static String diagram(String html, String definitionId) {
		int url = html.indexOf("/diagram/" + definitionId + ".bpmn\"");
		assertThat(url).as("a diagram of " + definitionId).isPositive();
		int start = html.lastIndexOf("<div class=\"diagram\"", url);
		return html.substring(start, html.indexOf('>', url));
	}

}
