package org.guildhall.models.variants;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.guildhall.models.support.ModelTestEngine;
import org.guildhall.models.support.RuleSets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/**
 * The shipped process variants ({@code variants/<name>/strike-authorization.bpmn}) run
 * the way Guildhall's sandbox runs them: deployed in tenant {@code sandbox} together with
 * the live processes they call, while the rule set stays a shared (tenant-less)
 * deployment. Also checks the three engine behaviours the sandbox relies on (Camunda
 * 7.24): a business rule task of a tenant's process looks its decision up in that tenant
 * unless {@code camunda:decisionRefTenantId} says otherwise;
 * {@code startProcessInstanceByKey} refuses a key deployed in several tenants; an
 * authenticated user without the tenant does not see its tasks.
 */
class ProcessVariantsTest {

	static final String TENANT = "sandbox";

	static final String[] CALLED = { "board-deliberation", "bargaining", "committee-determination", "member-vote",
			"final-strike-decision" };

	static final String[] DELEGATES = { "overdueStepDelegate", "prepareBallotBoxDelegate", "openBallotBoxDelegate",
			"closeBallotBoxDelegate", "turnoutReportDelegate" };

	private ProcessEngine engine;

	private final List<String> deployments = new ArrayList<>();

	private int cases;

	@BeforeEach
	void setUp() {
		this.engine = ModelTestEngine.get();
		this.deployments.add(RuleSets.deploy(this.engine, "sag-2008"));
		for (String name : DELEGATES) {
			Mocks.register(name, mock(JavaDelegate.class));
		}
	}

	@AfterEach
	void tearDown() {
		this.engine.getIdentityService().clearAuthentication();
		for (String deployment : this.deployments) {
			this.engine.getRepositoryService().deleteDeployment(deployment, true);
		}
		Mocks.reset();
	}

	@Test
	void membersDecideAnApprovedVoteCallsTheStrikeWithoutTheBoardsFinalDecision() {
		deployVariant("members-decide", true);
		ProcessInstance pi = startCase();
		assertThat(pi.getTenantId()).isEqualTo(TENANT);

		board(pi, "CALL_AUTHORIZATION_VOTE");
		vote(pi, 800L, 200L);

		assertThat(ended(pi)).isTrue();
		assertThat(caseStatus(pi)).isEqualTo("STRIKE_CALLED");
		assertThat(path(pi)).contains("CallActivity_StrikeAuthorizationVote", "Event_StrikeCalled")
			.doesNotContain("CallActivity_FinalStrikeDecision");
		assertThat(calledKeys(pi)).containsExactly("board-deliberation", "member-vote");
	}

	@Test
	void membersDecideARejectedVoteEndsTheCase() {
		deployVariant("members-decide", true);
		ProcessInstance pi = startCase();

		board(pi, "CALL_AUTHORIZATION_VOTE");
		// 74% is not more than 75% under sag-2008
		vote(pi, 740L, 260L);

		assertThat(caseStatus(pi)).isEqualTo("AUTHORIZATION_REJECTED");
		assertThat(path(pi)).contains("Event_AuthorizationRejected").doesNotContain("Event_StrikeCalled");
	}

	@Test
	void boardOnlyTheBoardDecidesTheStrikeWithoutAMemberVote() {
		deployVariant("board-only", true);
		ProcessInstance pi = startCase();

		board(pi, "CALL_AUTHORIZATION_VOTE");
		assertThat(openTask(pi, "Task_DecideStrike")).isNotNull();
		decideStrike(pi, 50L, 15L);

		assertThat(caseStatus(pi)).isEqualTo("STRIKE_CALLED");
		assertThat(path(pi)).contains("CallActivity_FinalStrikeDecision", "Event_StrikeCalled")
			.doesNotContain("CallActivity_StrikeAuthorizationVote");
		assertThat(calledKeys(pi)).containsExactly("board-deliberation", "final-strike-decision");
	}

	@Test
	void boardOnlyFailedTalksGoBackToTheBoard() {
		deployVariant("board-only", true);
		ProcessInstance pi = startCase();

		board(pi, "SEEK_MEDIATION");
		complete(openTask(pi, "Task_RecordBargainingSession"), Map.of("sessionDate", date(2008, 7, 1),
				"mediatorPresent", true, "summary", "Session", "sessionOutcome", "IMPASSE"));
		Map<String, Object> committee = counts(7L, 2L, 0L, 9L, 9L);
		committee.put("talksFailed", true);
		complete(openTask(pi, "Task_DetermineTalksFailed"), committee);

		assertThat(openTask(pi, "Task_RecordBoardResolution")).isNotNull();
		assertThat(path(pi)).containsSubsequence("Gateway_TalksFailed", "Gateway_BoardMerge");
	}

	@Test
	void aTenantsBusinessRuleTaskLooksForItsDecisionInThatTenantUnlessToldOtherwise() {
		deployVariant("members-decide", false);
		ProcessInstance pi = startCase();

		// the board's motion is evaluated when the step completes: no sag-2008:1 in
		// tenant
		// sandbox
		Task step = openTask(pi, "Task_RecordBoardResolution");
		Map<String, Object> form = counts(40L, 20L, 5L, 65L, 71L);
		form.put("resolution", "CALL_AUTHORIZATION_VOTE");
		assertThatThrownBy(() -> complete(step, form)).isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("board-motion")
			.hasMessageContaining(TENANT);
	}

	@Test
	void aKeyInTwoTenantsNeedsTheTenantNamedToStart() {
		this.deployments.add(this.engine.getRepositoryService()
			.createDeployment()
			.addClasspathResource("processes/bargaining.bpmn")
			.deploy()
			.getId());
		deployVariant("members-decide", true);

		assertThatThrownBy(() -> this.engine.getRuntimeService().startProcessInstanceByKey("bargaining"))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("tenants");
		ProcessInstance live = this.engine.getRuntimeService()
			.createProcessInstanceByKey("bargaining")
			.processDefinitionWithoutTenantId()
			.execute();
		assertThat(live.getTenantId()).isNull();
	}

	@Test
	void anAuthenticatedUserSeesATenantsTasksOnlyAsAMemberOfIt() {
		deployVariant("members-decide", true);
		ProcessInstance pi = startCase();

		this.engine.getIdentityService().setAuthentication("secretary", List.of("board-secretary"));
		assertThat(
				this.engine.getTaskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).count())
			.isZero();
		this.engine.getIdentityService().setAuthentication("modeler", List.of("rules-modeler"), List.of(TENANT));
		assertThat(
				this.engine.getTaskService().createTaskQuery().processInstanceBusinessKey(pi.getBusinessKey()).count())
			.isOne();
		this.engine.getIdentityService().clearAuthentication();
		// without authentication nothing is checked: live queries must exclude the
		// sandbox themselves
		assertThat(this.engine.getTaskService().createTaskQuery().withoutTenantId().count()).isZero();
	}

	// deploying and driving

	/**
	 * The variant and the live processes it calls in one deployment of tenant sandbox;
	 * with {@code shared}, every business rule task reads the tenant-less rule set (as
	 * Guildhall's sandbox deploys it).
	 */
	private void deployVariant(String name, boolean shared) {
		DeploymentBuilder deployment = this.engine.getRepositoryService()
			.createDeployment()
			.name("variant:" + name)
			.tenantId(TENANT);
		add(deployment, "strike-authorization.bpmn", RuleSets.read("variants/" + name + "/strike-authorization.bpmn"),
				shared);
		for (String key : CALLED) {
			add(deployment, key + ".bpmn", RuleSets.read("processes/" + key + ".bpmn"), shared);
		}
		this.deployments.add(deployment.deploy().getId());
	}

	private static void add(DeploymentBuilder deployment, String name, String xml, boolean shared) {
		String bpmn = shared ? xml.replace("camunda:decisionRefBinding=\"versionTag\"",
				"camunda:decisionRefBinding=\"versionTag\" camunda:decisionRefTenantId=\"${null}\"") : xml;
		deployment.addInputStream(name, new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)));
	}

	private ProcessInstance startCase() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("title", "Sandbox case");
		variables.put("ruleSetKey", "sag-2008");
		variables.put("ruleSetVersion", 1);
		variables.put("ruleSetTag", "sag-2008:1");
		this.cases++;
		return this.engine.getRuntimeService()
			.createProcessInstanceByKey("strike-authorization")
			.processDefinitionTenantId(TENANT)
			.businessKey("sandbox-" + this.cases + "-" + System.nanoTime())
			.setVariables(variables)
			.execute();
	}

	private void board(ProcessInstance pi, String resolution) {
		Map<String, Object> form = counts(40L, 20L, 5L, 65L, 71L);
		form.put("resolution", resolution);
		complete(openTask(pi, "Task_RecordBoardResolution"), form);
	}

	private void vote(ProcessInstance pi, long yes, long no) {
		complete(openTask(pi, "Task_PrepareBallot"), Map.of("question", "Authorize a strike?", "ballotMode",
				"CERTIFIED_TALLY", "windowStart", date(2008, 7, 1), "windowEnd", date(2008, 8, 1)));
		complete(openTask(pi, "Task_CertifyResults"),
				Map.of("certified", true, "yes", yes, "no", no, "abstain", 10L, "spoiled", 2L, "eligible", 2000L));
	}

	private void decideStrike(ProcessInstance pi, long votesFor, long votesAgainst) {
		Map<String, Object> form = counts(votesFor, votesAgainst, 0L, votesFor + votesAgainst, 71L);
		form.put("decision", "STRIKE");
		form.put("strikeDate", date(2008, 9, 1));
		complete(openTask(pi, "Task_DecideStrike"), form);
	}

	private void complete(Task task, Map<String, Object> values) {
		this.engine.getTaskService().complete(task.getId(), values);
	}

	private Task openTask(ProcessInstance pi, String stepKey) {
		Task task = this.engine.getTaskService()
			.createTaskQuery()
			.tenantIdIn(TENANT)
			.processInstanceBusinessKey(pi.getBusinessKey())
			.taskDefinitionKey(stepKey)
			.singleResult();
		assertThat(task).as("open task %s of case %s", stepKey, pi.getBusinessKey()).isNotNull();
		return task;
	}

	private static Map<String, Object> counts(long votesFor, long votesAgainst, long abstentions, long membersPresent,
			long seats) {
		Map<String, Object> form = new HashMap<>();
		form.put("votesFor", votesFor);
		form.put("votesAgainst", votesAgainst);
		form.put("abstentions", abstentions);
		form.put("membersPresent", membersPresent);
		form.put("seats", seats);
		return form;
	}

	private boolean ended(ProcessInstance pi) {
		return this.engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceId(pi.getId())
			.singleResult()
			.getEndTime() != null;
	}

	private List<String> path(ProcessInstance pi) {
		return this.engine.getHistoryService()
			.createHistoricActivityInstanceQuery()
			.processInstanceId(pi.getId())
			.orderPartiallyByOccurrence()
			.asc()
			.list()
			.stream()
			.map(HistoricActivityInstance::getActivityId)
			.toList();
	}

	private List<String> calledKeys(ProcessInstance pi) {
		return this.engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.superProcessInstanceId(pi.getId())
			.orderByProcessInstanceStartTime()
			.asc()
			.list()
			.stream()
			.peek((called) -> assertThat(called.getTenantId()).isEqualTo(TENANT))
			.map((called) -> called.getProcessDefinitionKey())
			.toList();
	}

	private String caseStatus(ProcessInstance pi) {
		HistoricVariableInstance variable = this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(pi.getId())
			.variableName("caseStatus")
			.singleResult();
		return (variable != null) ? (String) variable.getValue() : null;
	}

	private static Date date(int year, int month, int day) {
		return Date.from(LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}
