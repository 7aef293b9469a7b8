package org.guildhall.models.processes;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.guildhall.models.support.ModelTestEngine;
import org.guildhall.models.support.RuleSets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.Mockito.mock;

/**
 * Every path of the top-level {@code strike-authorization} process, driven through the
 * user tasks of the processes it calls (found by the case's business key, which every
 * call passes on): the board's four resolutions, the bargaining loop, the committee's
 * determination with and without the board's delegation, the strike authorization vote,
 * the board's final decision, an agreement at every stage (message and escalation) and
 * its ratification, and the case status at each end. The decisions are the shipped
 * {@code sag-2008} rule set bound by version tag; the pinning test shows that a later
 * rule-set version never changes a running case.
 */
@Deployment(resources = { "processes/strike-authorization.bpmn", "processes/board-deliberation.bpmn",
		"processes/bargaining.bpmn", "processes/committee-determination.bpmn", "processes/member-vote.bpmn",
		"processes/final-strike-decision.bpmn" })
class StrikeAuthorizationProcessTest {

	@RegisterExtension
	static ProcessEngineExtension extension = ModelTestEngine.extension();

	private static final String PROCESS = "strike-authorization";

	private static final String AGREEMENT = "Message_AgreementReached";

	private static final String[] DELEGATES = { "overdueStepDelegate", "prepareBallotBoxDelegate",
			"openBallotBoxDelegate", "closeBallotBoxDelegate", "turnoutReportDelegate" };

	private static final String BOARD = "CallActivity_BoardDeliberation";

	private static final String BARGAINING = "CallActivity_Bargaining";

	private static final String COMMITTEE = "CallActivity_CommitteeDetermination";

	private static final String STRIKE_VOTE = "CallActivity_StrikeAuthorizationVote";

	private static final String FINAL_DECISION = "CallActivity_FinalStrikeDecision";

	private static final String RATIFICATION = "CallActivity_Ratification";

	private ProcessEngine engine;

	private final List<String> deployments = new ArrayList<>();

	private int cases;

	@BeforeEach
	void setUp() {
		this.engine = extension.getProcessEngine();
		init(this.engine);
		this.deployments.add(RuleSets.deploy(this.engine, "sag-2008"));
		for (String name : DELEGATES) {
			Mocks.register(name, mock(JavaDelegate.class));
		}
	}

	@AfterEach
	void tearDown() {
		for (String deployment : this.deployments) {
			this.engine.getRepositoryService().deleteDeployment(deployment, true);
		}
		Mocks.reset();
		reset();
	}

	@Test
	void aCaseStartsActiveWithTheBoard() {
		ProcessInstance pi = startCase("sag-2008:1");

		assertThat(pi).isActive().hasPassed("Event_ContractExpired", "Event_NegotiationStarted").isWaitingAt(BOARD);
		assertThat(caseStatus(pi)).isEqualTo("ACTIVE");
		assertThat(pi).calledProcessInstance("board-deliberation").isWaitingAt("Task_RecordBoardResolution");
		assertThat(calledInstance(pi).getBusinessKey()).isEqualTo(pi.getBusinessKey());
	}

	@Test
	void mediationBargainingUntilImpasseAndTalksNotFailedBargainAgain() {
		ProcessInstance pi = startCase("sag-2008:1");

		board(pi, "SEEK_MEDIATION", false);
		assertThat(path(pi)).endsWith("Gateway_Resolution", "Gateway_BargainingMerge", BARGAINING);
		String firstBargaining = calledInstance(pi).getId();
		bargain(pi, "CONTINUE");
		// bargaining loops inside the called process, in the same instance
		assertThat(pi).isWaitingAt(BARGAINING);
		assertThat(calledInstance(pi).getId()).isEqualTo(firstBargaining);
		bargain(pi, "IMPASSE");
		assertThat(path(pi)).endsWith("Gateway_SessionOutcome", COMMITTEE);

		committee(pi, false, 7L, 2L);
		assertThat(path(pi)).endsWith("Gateway_TalksFailed", "Gateway_BargainingMerge", BARGAINING);
		assertThat(pi).hasNotPassed("Gateway_CommitteeMayCallVote");
		assertThat(variable(pi, "committeeOutcome")).isEqualTo("CARRIED");
		bargain(pi, "IMPASSE");

		// talks failed, but the committee's motion fails: no determination
		committee(pi, true, 3L, 5L);
		assertThat(variable(pi, "committeeOutcome")).isEqualTo("FAILED");
		assertThat(pi).isWaitingAt(BARGAINING);
		// continue, impasse, impasse; the fourth session is open
		assertThat(sessions(pi)).isEqualTo(3);
		assertThat(caseStatus(pi)).isEqualTo("ACTIVE");
	}

	@Test
	void committeeWithTheBoardsDelegationCallsTheMemberVote() {
		ProcessInstance pi = startCase("sag-2008:1");
		board(pi, "CONTINUE_BARGAINING", true);
		bargain(pi, "IMPASSE");

		committee(pi, true, 7L, 2L);

		assertThat(path(pi)).endsWith("Gateway_TalksFailed", "Gateway_CommitteeMayCallVote", "Gateway_StrikeVoteMerge",
				STRIKE_VOTE);
		assertThat(pi).calledProcessInstance("member-vote")
			.isWaitingAt("Task_PrepareBallot")
			.variables()
			.containsEntry("voteDecision", "member-vote")
			.containsEntry("voteKind", "STRIKE_AUTHORIZATION")
			.containsEntry("ruleSetTag", "sag-2008:1");
	}

	@Test
	void committeeWithoutDelegationSendsTheCaseBackToTheBoardWhichCallsTheVote() {
		ProcessInstance pi = startCase("sag-2008:1");
		board(pi, "SEEK_MEDIATION", false);
		bargain(pi, "IMPASSE");

		committee(pi, true, 7L, 2L);

		assertThat(path(pi)).endsWith("Gateway_TalksFailed", "Gateway_CommitteeMayCallVote", "Gateway_BoardMerge",
				BOARD);
		assertThat(pi).hasNotPassed("Gateway_StrikeVoteMerge");
		board(pi, "CALL_AUTHORIZATION_VOTE", false);
		assertThat(path(pi)).endsWith(BOARD, "Gateway_Resolution", "Gateway_StrikeVoteMerge", STRIKE_VOTE);
		assertThat(pi).calledProcessInstance("member-vote")
			.variables()
			.containsEntry("voteKind", "STRIKE_AUTHORIZATION");
	}

	@Test
	void aBoardThatNeverRecordedADelegationDecidesItself() {
		ProcessInstance pi = startCase("sag-2008:1");
		board(pi, "SEEK_MEDIATION", null);
		bargain(pi, "IMPASSE");

		committee(pi, true, 7L, 2L);

		assertThat(path(pi)).endsWith("Gateway_CommitteeMayCallVote", "Gateway_BoardMerge", BOARD);
	}

	@Test
	void theBoardsDelegationHoldsAcrossBargainingRounds() {
		ProcessInstance pi = startCase("sag-2008:1");
		board(pi, "SEEK_MEDIATION", true);
		bargain(pi, "IMPASSE");
		committee(pi, false, 7L, 2L);
		bargain(pi, "CONTINUE");
		bargain(pi, "IMPASSE");

		committee(pi, true, 7L, 2L);

		assertThat(path(pi)).endsWith("Gateway_CommitteeMayCallVote", "Gateway_StrikeVoteMerge", STRIKE_VOTE);
	}

	@Test
	void approvedAuthorizationAndAStrikeCallsTheStrike() {
		ProcessInstance pi = startCase("sag-2008:1");
		board(pi, "CALL_AUTHORIZATION_VOTE", false);

		vote(pi, STRIKE_VOTE, 751L, 249L);
		assertThat(path(pi)).endsWith("Gateway_VoteOutcome", FINAL_DECISION);
		assertThat(variable(pi, "voteOutcome")).isEqualTo("APPROVED");
		assertThat((String) variable(pi, "voteExplanation")).startsWith("approved: 75.1% yes of 1000 votes cast");

		finalDecision(pi, "STRIKE");
		assertThat(pi).isEnded().hasPassed("Event_StrikeCalled", "Event_CaseClosed").hasNotPassed("Event_Settled");
		assertThat(caseStatus(pi)).isEqualTo("STRIKE_CALLED");
		assertThat(historicVariable(pi, "strikeDate")).isNotNull();
	}

	@Test
	void approvedAuthorizationWithoutAStrikeEndsWithNoStrike() {
		ProcessInstance pi = startCase("sag-2008:1");
		board(pi, "CALL_AUTHORIZATION_VOTE", false);
		vote(pi, STRIKE_VOTE, 751L, 249L);

		finalDecision(pi, "NO_STRIKE");

		assertThat(pi).isEnded().hasPassed("Event_NoStrike", "Event_CaseClosed").hasNotPassed("Event_StrikeCalled");
		assertThat(caseStatus(pi)).isEqualTo("NO_STRIKE");
	}

	@Test
	void approvedAuthorizationAndContinuedNegotiationsGoBackToBargaining() {
		ProcessInstance pi = startCase("sag-2008:1");
		board(pi, "CALL_AUTHORIZATION_VOTE", false);
		vote(pi, STRIKE_VOTE, 751L, 249L);

		finalDecision(pi, "CONTINUE_NEGOTIATING");

		assertThat(path(pi)).endsWith("Gateway_Decision", "Gateway_BargainingMerge", BARGAINING);
		assertThat(caseStatus(pi)).isEqualTo("ACTIVE");
		bargain(pi, "IMPASSE");
		assertThat(pi).isWaitingAt(COMMITTEE);
	}

	@Test
	void rejectedAuthorizationEndsTheCase() {
		ProcessInstance pi = startCase("sag-2008:1");
		board(pi, "CALL_AUTHORIZATION_VOTE", false);

		// exactly 75% is not more than 75%
		vote(pi, STRIKE_VOTE, 750L, 250L);

		assertThat(pi).isEnded()
			.hasPassed("Event_AuthorizationRejected", "Event_CaseClosed")
			.hasNotPassed(FINAL_DECISION);
		assertThat(caseStatus(pi)).isEqualTo("AUTHORIZATION_REJECTED");
		assertThat((String) historicVariable(pi, "voteExplanation")).startsWith("rejected: 75.0% yes");
	}

	@ParameterizedTest
	@ValueSource(strings = { BOARD, BARGAINING, COMMITTEE, STRIKE_VOTE, FINAL_DECISION })
	void anAgreementAtAnyStageGoesToRatificationAndSettles(String stage) {
		ProcessInstance pi = startCase("sag-2008:1");
		driveTo(pi, stage);
		assertThat(pi).isWaitingAt(stage);
		String interrupted = calledInstance(pi).getId();

		agreementReached(pi);

		assertThat(pi).hasPassed("Event_AgreementReached").isWaitingAt(RATIFICATION);
		assertThat(this.engine.getHistoryService()
			.createHistoricActivityInstanceQuery()
			.processInstanceId(pi.getId())
			.activityId(stage)
			.canceled()
			.count()).isEqualTo(1);
		assertThat(historicInstance(interrupted).getEndTime()).isNotNull();
		assertThat(this.engine.getTaskService().createTaskQuery().processInstanceId(interrupted).count()).isZero();
		assertThat(pi).calledProcessInstance("member-vote")
			.isWaitingAt("Task_PrepareBallot")
			.variables()
			.containsEntry("voteDecision", "ratification-vote")
			.containsEntry("voteKind", "RATIFICATION");
		// nothing left to interrupt while the members ratify
		assertThatThrownBy(() -> agreementReached(pi)).isInstanceOf(MismatchingMessageCorrelationException.class);

		// a simple majority ratifies, far below the 75% a strike needs
		vote(pi, RATIFICATION, 501L, 499L);

		assertThat(pi).isEnded().hasPassed("Event_Settled").hasNotPassed("Event_CaseClosed");
		assertThat(caseStatus(pi)).isEqualTo("SETTLED");
	}

	@Test
	void theBoardAcceptingTheOfferGoesToRatification() {
		ProcessInstance pi = startCase("sag-2008:1");

		board(pi, "ACCEPT_OFFER", false);

		assertThat(pi).hasPassed("Event_OfferAccepted", "Event_AgreementToRatify")
			.hasNotPassed("Event_AgreementReached", "Event_CaseClosed")
			.isWaitingAt(RATIFICATION);
		vote(pi, RATIFICATION, 600L, 400L);
		assertThat(pi).isEnded().hasPassed("Event_Settled");
		assertThat(caseStatus(pi)).isEqualTo("SETTLED");
	}

	@Test
	void aTentativeAgreementAtTheTableGoesToRatification() {
		ProcessInstance pi = startCase("sag-2008:1");
		board(pi, "CONTINUE_BARGAINING", false);

		bargain(pi, "TENTATIVE_AGREEMENT");

		assertThat(pi).hasPassed("Event_TentativeAgreement", "Event_AgreementToRatify")
			.hasNotPassed("Event_OfferAccepted", "Event_CaseClosed")
			.isWaitingAt(RATIFICATION);
		assertThat(pi).calledProcessInstance("member-vote").variables().containsEntry("voteKind", "RATIFICATION");
		vote(pi, RATIFICATION, 600L, 400L);
		assertThat(caseStatus(pi)).isEqualTo("SETTLED");
	}

	@Test
	void aRejectedAgreementSendsTheCaseBackToTheBoard() {
		ProcessInstance pi = startCase("sag-2008:1");
		board(pi, "SEEK_MEDIATION", false);
		bargain(pi, "TENTATIVE_AGREEMENT");

		// a tie is not a majority
		vote(pi, RATIFICATION, 500L, 500L);

		assertThat(path(pi)).endsWith("Gateway_RatificationOutcome", "Gateway_NegotiationMerge",
				"SubProcess_Negotiation", "Event_NegotiationStarted", "Gateway_BoardMerge", BOARD);
		assertThat(variable(pi, "voteOutcome")).isEqualTo("REJECTED");
		assertThat(caseStatus(pi)).isEqualTo("ACTIVE");
		assertThat(pi).calledProcessInstance("board-deliberation").isWaitingAt("Task_RecordBoardResolution");

		// the strike vote is decided by member-vote again (700/300 would ratify)
		board(pi, "CALL_AUTHORIZATION_VOTE", false);
		assertThat(pi).calledProcessInstance("member-vote")
			.variables()
			.containsEntry("voteDecision", "member-vote")
			.containsEntry("voteKind", "STRIKE_AUTHORIZATION");
		vote(pi, STRIKE_VOTE, 700L, 300L);
		assertThat(pi).isEnded().hasPassed("Event_AuthorizationRejected");
		assertThat(caseStatus(pi)).isEqualTo("AUTHORIZATION_REJECTED");
	}

	@Test
	void aRunningCaseKeepsItsRuleSetVersion() {
		ProcessInstance pinned = startCase("sag-2008:1");
		// version 2 (80% of votes cast), deployed while the first case runs
		this.deployments.add(RuleSets.deploy(this.engine, "sag-2008", 2,
				new String[] { "yes * 4 &gt; (yes + no) * 3", "yes * 5 &gt; (yes + no) * 4" }));

		board(pinned, "CALL_AUTHORIZATION_VOTE", false);
		vote(pinned, STRIKE_VOTE, 751L, 249L);

		assertThat(pinned).isWaitingAt(FINAL_DECISION);
		assertThat(variable(pinned, "voteOutcome")).isEqualTo("APPROVED");

		ProcessInstance later = startCase("sag-2008:2");
		board(later, "CALL_AUTHORIZATION_VOTE", false);
		vote(later, STRIKE_VOTE, 751L, 249L);

		assertThat(later).isEnded().hasPassed("Event_AuthorizationRejected");
		assertThat(caseStatus(later)).isEqualTo("AUTHORIZATION_REJECTED");
	}

	// driving the called processes

	private ProcessInstance startCase(String ruleSetTag) {
		String version = ruleSetTag.substring(ruleSetTag.indexOf(':') + 1);
		Map<String, Object> variables = new HashMap<>();
		variables.put("title", "2008 TV/Theatrical Contracts");
		variables.put("ruleSetKey", "sag-2008");
		variables.put("ruleSetVersion", Integer.valueOf(version));
		variables.put("ruleSetTag", ruleSetTag);
		this.cases++;
		return this.engine.getRuntimeService().startProcessInstanceByKey(PROCESS, "SAG-2008-" + this.cases, variables);
	}

	private void driveTo(ProcessInstance pi, String stage) {
		switch (stage) {
			case BOARD -> {
			}
			case BARGAINING -> board(pi, "SEEK_MEDIATION", false);
			case COMMITTEE -> {
				board(pi, "SEEK_MEDIATION", false);
				bargain(pi, "IMPASSE");
			}
			case STRIKE_VOTE -> board(pi, "CALL_AUTHORIZATION_VOTE", false);
			case FINAL_DECISION -> {
				board(pi, "CALL_AUTHORIZATION_VOTE", false);
				vote(pi, STRIKE_VOTE, 751L, 249L);
			}
			default -> throw new IllegalArgumentException(stage);
		}
	}

	/** The board's motion carries; a null delegation leaves the field out. */
	private void board(ProcessInstance pi, String resolution, Boolean committeeMayCallVote) {
		assertThat(pi).isWaitingAt(BOARD);
		Map<String, Object> form = counts(40L, 20L, 5L, 65L, 71L);
		form.put("resolution", resolution);
		form.put("meetingDate", date(2008, 6, 30));
		if (committeeMayCallVote != null) {
			form.put("committeeMayCallVote", committeeMayCallVote);
		}
		complete(openTask(pi, "Task_RecordBoardResolution"), form);
	}

	private void bargain(ProcessInstance pi, String sessionOutcome) {
		assertThat(pi).isWaitingAt(BARGAINING);
		complete(openTask(pi, "Task_RecordBargainingSession"), withVariables("sessionDate", date(2008, 7, 1),
				"mediatorPresent", true, "summary", "Session with the AMPTP", "sessionOutcome", sessionOutcome));
	}

	private void committee(ProcessInstance pi, boolean talksFailed, long votesFor, long votesAgainst) {
		assertThat(pi).isWaitingAt(COMMITTEE);
		Map<String, Object> form = counts(votesFor, votesAgainst, 0L, votesFor + votesAgainst, 9L);
		form.put("talksFailed", talksFailed);
		form.put("reasons", "The employers' final offer");
		complete(openTask(pi, "Task_DetermineTalksFailed"), form);
	}

	/** A member vote counted by the vendor (the ballot box is member-vote's test). */
	private void vote(ProcessInstance pi, String callActivity, long yes, long no) {
		assertThat(pi).isWaitingAt(callActivity);
		complete(openTask(pi, "Task_PrepareBallot"), withVariables("question", "Authorize the board?", "ballotMode",
				"CERTIFIED_TALLY", "windowStart", date(2008, 7, 1), "windowEnd", date(2008, 8, 1)));
		complete(openTask(pi, "Task_CertifyResults"), withVariables("certified", true, "yes", yes, "no", no, "abstain",
				10L, "spoiled", 2L, "eligible", 2000L));
	}

	private void finalDecision(ProcessInstance pi, String decision) {
		assertThat(pi).isWaitingAt(FINAL_DECISION);
		Map<String, Object> form = counts(50L, 15L, 0L, 65L, 71L);
		form.put("decision", decision);
		form.put("meetingDate", date(2008, 8, 5));
		if (decision.equals("STRIKE")) {
			form.put("strikeDate", date(2008, 9, 1));
		}
		complete(openTask(pi, "Task_DecideStrike"), form);
	}

	private void agreementReached(ProcessInstance pi) {
		// as the application does, by business key (called processes share it)
		this.engine.getRuntimeService()
			.createMessageCorrelation(AGREEMENT)
			.processInstanceBusinessKey(pi.getBusinessKey())
			.correlate();
	}

	private static Map<String, Object> counts(long votesFor, long votesAgainst, long abstentions, long membersPresent,
			long seats) {
		return new HashMap<>(withVariables("votesFor", votesFor, "votesAgainst", votesAgainst, "abstentions",
				abstentions, "membersPresent", membersPresent, "seats", seats));
	}

	// reading the case

	/** The case's one open task with this step key, in any called process. */
	private Task openTask(ProcessInstance pi, String stepKey) {
		Task task = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceBusinessKey(pi.getBusinessKey())
			.taskDefinitionKey(stepKey)
			.singleResult();
		assertThat(task).as("open task %s of case %s", stepKey, pi.getBusinessKey()).isNotNull();
		return task;
	}

	private ProcessInstance calledInstance(ProcessInstance pi) {
		return this.engine.getRuntimeService()
			.createProcessInstanceQuery()
			.superProcessInstanceId(pi.getId())
			.singleResult();
	}

	private HistoricProcessInstance historicInstance(String id) {
		return this.engine.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceId(id)
			.singleResult();
	}

	private long sessions(ProcessInstance pi) {
		return this.engine.getHistoryService()
			.createHistoricTaskInstanceQuery()
			.processInstanceBusinessKey(pi.getBusinessKey())
			.taskDefinitionKey("Task_RecordBargainingSession")
			.finished()
			.count();
	}

	/** The activities of the top-level instance in the order they were entered. */
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

	private Object variable(ProcessInstance pi, String name) {
		return this.engine.getRuntimeService().getVariable(pi.getId(), name);
	}

	/** A variable of the top-level instance, running or ended. */
	private Object historicVariable(ProcessInstance pi, String name) {
		HistoricVariableInstance variable = this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(pi.getId())
			.variableName(name)
			.singleResult();
		return (variable != null) ? variable.getValue() : null;
	}

	private String caseStatus(ProcessInstance pi) {
		return (String) historicVariable(pi, "caseStatus");
	}

	private static Date date(int year, int month, int day) {
		return Date.from(LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}
