package org.guildhall.models.processes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.guildhall.models.support.ModelTestEngine;
import org.guildhall.models.support.RuleSets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

/**
 * Every path, timer and decision of {@code member-vote}: the certified-tally path under
 * both vote decisions, and the ballot-box path driven through the engine clock (window
 * opens, weekly turnout reports, window closes, tally). Delegates and form validators are
 * stand-ins registered by bean name; the decisions are the shipped {@code sag-2008} rule
 * set, deployed on its own and bound by version tag.
 */
@Deployment(resources = "processes/member-vote.bpmn")
class MemberVoteProcessTest {

	@RegisterExtension
	static ProcessEngineExtension extension = ModelTestEngine.extension();

	private static final String RULE_SET_TAG = "sag-2008:1";

	private static final String OFFICERS = "election-officer";

	/** "Now" in the ballot-box tests: the ballot is prepared four days ahead. */
	private static final Date PREPARED = at("2008-06-01T09:00:00Z");

	private static final Date WINDOW_START = at("2008-06-05T09:00:00Z");

	/** 15 days and 8 hours after the start: two weekly turnout reports fit in. */
	private static final Date WINDOW_END = at("2008-06-20T17:00:00Z");

	private ProcessEngine engine;

	private final List<String> deployments = new ArrayList<>();

	/** Delegate and validator invocations, in order. */
	private final List<String> calls = new ArrayList<>();

	/** What the voting-window validator saw of the submitted form. */
	private final List<Map<String, Object>> windowSubmissions = new ArrayList<>();

	private final List<Object> certifiedSubmissions = new ArrayList<>();

	private boolean windowAccepted = true;

	@BeforeEach
	void setUp() {
		this.engine = extension.getProcessEngine();
		init(this.engine);
		this.deployments.add(RuleSets.deploy(this.engine, "sag-2008"));
		Mocks.register("prepareBallotBoxDelegate", delegate("prepare", null));
		Mocks.register("openBallotBoxDelegate", delegate("open", null));
		Mocks.register("turnoutReportDelegate", delegate("turnout", null));
		Mocks.register("closeBallotBoxDelegate",
				delegate("close",
						Variables.createVariables()
							.putValue("yes", 812L)
							.putValue("no", 188L)
							.putValue("abstain", 40L)
							.putValue("spoiled", 7L)
							.putValue("eligible", 1500L)));
		Mocks.register("votingWindowValidator", (FormFieldValidator) (value, context) -> {
			this.calls.add("votingWindowValidator");
			Map<String, Object> seen = new LinkedHashMap<>();
			seen.put("windowEnd", value);
			seen.put("windowStart", context.getSubmittedValues().get("windowStart"));
			this.windowSubmissions.add(seen);
			return this.windowAccepted;
		});
		Mocks.register("certifiedResultsValidator", (FormFieldValidator) (value, context) -> {
			this.calls.add("certifiedResultsValidator");
			this.certifiedSubmissions.add(value);
			return true;
		});
	}

	@AfterEach
	void tearDown() {
		Mocks.reset();
		ClockUtil.reset();
		this.deployments.forEach((id) -> this.engine.getRepositoryService().deleteDeployment(id, true));
	}

	@Test
	void certifiedTallyApprovedWhenYesIsMoreThanThreeQuartersOfVotesCast() {
		ProcessInstance vote = startVote("member-vote", "STRIKE_AUTHORIZATION");
		assertThat(vote).isWaitingAt("Task_PrepareBallot");
		assertThat(task("Task_PrepareBallot", vote)).hasCandidateGroup(OFFICERS);

		prepareBallot(vote, "CERTIFIED_TALLY", WINDOW_START, WINDOW_END);

		assertThat(vote).isWaitingAt("Task_CertifyResults");
		assertThat(task("Task_CertifyResults", vote)).hasCandidateGroup(OFFICERS);
		assertThat(jobQuery().processInstanceId(vote.getId()).count()).isZero();

		certify(vote, counts(751, 249, 10, 2, 2000));

		assertThat(vote).isEnded().hasPassed("Gateway_BallotMode", "Task_EvaluateMemberVote", "Event_VoteDecided");
		assertThat(vote).hasNotPassed("Task_IssueCredentials", "Task_OpenBallotBox", "Task_CloseBallotBox");
		assertThat(vote).variables()
			.contains(entry("voteOutcome", "APPROVED"), entry("yes", 751L), entry("no", 249L), entry("abstain", 10L),
					entry("spoiled", 2L), entry("eligible", 2000L), entry("certified", true))
			.containsEntry("voteExplanation",
					"approved: 75.1% yes of 1000 votes cast > 75% required (751 yes, 751 needed); "
							+ "10 abstentions and 2 spoiled ballots count in turnout only")
			.doesNotContainKey("decisionResult");
		assertThat(this.calls).containsExactly("votingWindowValidator", "certifiedResultsValidator");
		assertThat(this.certifiedSubmissions).containsExactly(true);
	}

	@Test
	void certifiedTallyRejectedAtExactlyThreeQuarters() {
		ProcessInstance vote = startVote("member-vote", "STRIKE_AUTHORIZATION");
		prepareBallot(vote, "CERTIFIED_TALLY", WINDOW_START, WINDOW_END);

		certify(vote, counts(750, 250, 0, 0, 1000));

		assertThat(vote).isEnded().hasPassed("Event_VoteDecided");
		assertThat(vote).variables()
			.containsEntry("voteOutcome", "REJECTED")
			.containsEntry("voteExplanation",
					"rejected: 75.0% yes of 1000 votes cast, not more than the 75% required (750 yes, 751 needed); "
							+ "0 abstentions and 0 spoiled ballots count in turnout only");
	}

	@Test
	void ratificationUsesTheDecisionTheCallerNames() {
		// 60% yes: a majority ratifies, a strike authorization (75%) would fail
		ProcessInstance ratification = startVote("ratification-vote", "RATIFICATION");
		prepareBallot(ratification, "CERTIFIED_TALLY", WINDOW_START, WINDOW_END);
		certify(ratification, counts(600, 400, 5, 1, 1200));

		ProcessInstance authorization = startVote("member-vote", "STRIKE_AUTHORIZATION");
		prepareBallot(authorization, "CERTIFIED_TALLY", WINDOW_START, WINDOW_END);
		certify(authorization, counts(600, 400, 5, 1, 1200));

		assertThat(ratification).isEnded();
		assertThat(ratification).variables()
			.containsEntry("voteKind", "RATIFICATION")
			.containsEntry("voteOutcome", "APPROVED")
			.containsEntry("voteExplanation",
					"approved: 60.0% yes of 1000 votes cast > 50% required (600 yes, 400 no)");
		assertThat(authorization).variables().containsEntry("voteOutcome", "REJECTED");
	}

	@Test
	void decisionStaysPinnedToTheCasesRuleSetVersion() {
		// a later version (two thirds) must not change a case pinned to version 1
		this.deployments.add(RuleSets.deploy(this.engine, "sag-2008", 2,
				new String[] { "yes * 4 &gt; (yes + no) * 3", "yes * 3 &gt; (yes + no) * 2" }));
		ProcessInstance pinned = startVote("member-vote", "STRIKE_AUTHORIZATION");
		ProcessInstance later = runtimeService().startProcessInstanceByKey("member-vote",
				Variables.createVariables()
					.putValue("ruleSetTag", "sag-2008:2")
					.putValue("voteDecision", "member-vote")
					.putValue("voteKind", "STRIKE_AUTHORIZATION"));
		for (ProcessInstance vote : List.of(pinned, later)) {
			prepareBallot(vote, "CERTIFIED_TALLY", WINDOW_START, WINDOW_END);
			certify(vote, counts(700, 300, 0, 0, 1000));
		}

		assertThat(pinned).variables().containsEntry("voteOutcome", "REJECTED");
		assertThat(later).variables().containsEntry("voteOutcome", "APPROVED");
	}

	@Test
	void ballotBoxOpensAtWindowStartReportsWeeklyAndClosesAtWindowEnd() {
		ClockUtil.setCurrentTime(PREPARED);
		ProcessInstance vote = startVote("member-vote", "STRIKE_AUTHORIZATION");
		prepareBallot(vote, "BALLOT_BOX", WINDOW_START, WINDOW_END);

		// credentials issued with the officer's submission; the box waits for the window
		assertThat(this.calls).containsExactly("votingWindowValidator", "prepare");
		assertThat(vote).isWaitingAt("Event_VotingWindowOpens").hasPassed("Task_IssueCredentials");
		assertThat(job("Event_VotingWindowOpens", vote)).hasDueDate(WINDOW_START);
		assertThat(jobQuery().processInstanceId(vote.getId()).executable().count()).isZero();

		// window opens
		ClockUtil.setCurrentTime(WINDOW_START);
		execute(job("Event_VotingWindowOpens", vote));
		assertThat(this.calls).endsWith("prepare", "open");
		assertThat(vote).isWaitingAt("Event_VotingWindowCloses");
		assertThat(job("Event_VotingWindowCloses", vote)).hasDueDate(WINDOW_END);
		assertThat(job("Event_TurnoutReportDue", vote)).hasDueDate(plusDays(WINDOW_START, 7));

		// first weekly turnout report, its job picked up two hours late
		ClockUtil.setCurrentTime(Date.from(plusDays(WINDOW_START, 7).toInstant().plus(Duration.ofHours(2))));
		execute(job("Event_TurnoutReportDue", vote));
		assertThat(count("turnout")).isEqualTo(1);
		assertThat(vote).isWaitingAt("Event_VotingWindowCloses", "Task_ReviewTurnoutReport");
		Task firstReport = task("Task_ReviewTurnoutReport", vote);
		assertThat(firstReport).hasCandidateGroup(OFFICERS);
		formService().submitTaskForm(firstReport.getId(), Variables.createVariables().putValue("acknowledged", true));
		assertThat(reviewTasks(vote)).isZero();
		assertThat(vote).isWaitingAt("Event_VotingWindowCloses").hasPassed("Event_TurnoutReportReviewed");

		// week two: due 7 days after the last due date; this report stays open
		assertThat(job("Event_TurnoutReportDue", vote)).hasDueDate(plusDays(WINDOW_START, 14));
		ClockUtil.setCurrentTime(plusDays(WINDOW_START, 14));
		execute(job("Event_TurnoutReportDue", vote));
		assertThat(count("turnout")).isEqualTo(2);
		assertThat(task("Task_ReviewTurnoutReport", vote)).hasCandidateGroup(OFFICERS);
		assertThat(job("Event_TurnoutReportDue", vote)).hasDueDate(plusDays(WINDOW_START, 21));

		// window closes: open report cancelled, weekly timer gone, close in own job
		ClockUtil.setCurrentTime(WINDOW_END);
		execute(job("Event_VotingWindowCloses", vote));
		assertThat(reviewTasks(vote)).isZero();
		List<HistoricTaskInstance> reports = historyService().createHistoricTaskInstanceQuery()
			.processInstanceId(vote.getId())
			.taskDefinitionKey("Task_ReviewTurnoutReport")
			.orderByHistoricActivityInstanceStartTime()
			.asc()
			.list();
		assertThat(reports).extracting(HistoricTaskInstance::getDeleteReason).containsExactly("completed", "deleted");
		assertThat(vote).hasPassed("Event_VotingWindowClosed", "SubProcess_VotingWindow")
			.isWaitingAt("Task_CloseBallotBox");
		Job close = job("Task_CloseBallotBox", vote);
		assertThat(jobQuery().processInstanceId(vote.getId()).list()).extracting(Job::getId)
			.containsExactly(close.getId());
		assertThat(count("close")).isZero();

		execute(close);
		assertThat(count("close")).isEqualTo(1);
		assertThat(vote).isWaitingAt("Task_CertifyResults");
		assertThat(jobQuery().processInstanceId(vote.getId()).count()).isZero();

		// the officer certifies the box's tally: pre-filled, kept if only 'certified'
		// is submitted
		Task certify = task("Task_CertifyResults", vote);
		assertThat(certify).hasCandidateGroup(OFFICERS);
		assertThat(formValues(certify)).containsExactly(entry("certified", null), entry("yes", 812L), entry("no", 188L),
				entry("abstain", 40L), entry("spoiled", 7L), entry("eligible", 1500L));
		formService().submitTaskForm(certify.getId(), Variables.createVariables().putValue("certified", true));

		assertThat(vote).isEnded().hasPassed("Task_EvaluateMemberVote", "Event_VoteDecided");
		assertThat(vote).variables()
			.containsEntry("voteOutcome", "APPROVED")
			.containsEntry("voteExplanation",
					"approved: 81.2% yes of 1000 votes cast > 75% required (812 yes, 751 needed); "
							+ "40 abstentions and 7 spoiled ballots count in turnout only");
		assertThat(this.calls).containsExactly("votingWindowValidator", "prepare", "open", "turnout", "turnout",
				"close", "certifiedResultsValidator");
	}

	@Test
	void windowClosingBeforeTheFirstWeekProducesNoTurnoutReport() {
		ClockUtil.setCurrentTime(PREPARED);
		Date shortEnd = plusDays(WINDOW_START, 3);
		ProcessInstance vote = startVote("member-vote", "STRIKE_AUTHORIZATION");
		prepareBallot(vote, "BALLOT_BOX", WINDOW_START, shortEnd);

		ClockUtil.setCurrentTime(WINDOW_START);
		execute(job("Event_VotingWindowOpens", vote));
		ClockUtil.setCurrentTime(shortEnd);
		execute(job("Event_VotingWindowCloses", vote));
		execute(job("Task_CloseBallotBox", vote));

		assertThat(vote).isWaitingAt("Task_CertifyResults").hasNotPassed("Task_CompileTurnoutReport");
		assertThat(this.calls).containsExactly("votingWindowValidator", "prepare", "open", "close");
	}

	@Test
	void windowStartInThePastOpensAsSoonAsTheJobRuns() {
		Date now = plusDays(WINDOW_START, 2);
		ClockUtil.setCurrentTime(now);
		ProcessInstance vote = startVote("member-vote", "STRIKE_AUTHORIZATION");
		prepareBallot(vote, "BALLOT_BOX", WINDOW_START, WINDOW_END);

		assertThat(vote).isWaitingAt("Event_VotingWindowOpens");
		Job opens = job("Event_VotingWindowOpens", vote);
		assertThat(opens).hasDueDate(WINDOW_START);
		assertThat(jobQuery().processInstanceId(vote.getId()).executable().list()).extracting(Job::getId)
			.containsExactly(opens.getId());

		execute(opens);

		assertThat(this.calls).endsWith("prepare", "open");
		assertThat(vote).isWaitingAt("Event_VotingWindowCloses");
		assertThat(job("Event_VotingWindowCloses", vote)).hasDueDate(WINDOW_END);
		// reports count weeks from the actual opening, not from the planned start
		assertThat(job("Event_TurnoutReportDue", vote)).hasDueDate(plusDays(now, 7));
	}

	@Test
	void prepareBallotFormFieldsAndValidation() {
		ProcessInstance vote = startVote("member-vote", "STRIKE_AUTHORIZATION");
		Task prepare = task("Task_PrepareBallot", vote);

		Map<String, FormField> fields = formFields(prepare);
		assertThat(fields.keySet()).containsExactly("question", "ballotMode", "windowStart", "windowEnd");
		assertThat(fields.values()).extracting(FormField::getTypeName)
			.containsExactly("string", "enum", "date", "date");
		assertThat(constraints(fields.get("question"))).containsExactly(entry("required", null),
				entry("maxlength", "2000"));
		assertThat(constraints(fields.get("ballotMode"))).containsExactly(entry("required", null));
		assertThat(enumValues(fields.get("ballotMode"))).containsExactly("BALLOT_BOX", "CERTIFIED_TALLY");
		assertThat(constraints(fields.get("windowStart"))).containsExactly(entry("required", null));
		// custom validators run on submission; the engine does not list them here
		assertThat(constraints(fields.get("windowEnd"))).containsExactly(entry("required", null));

		// the validator is resolved by bean name and sees the whole submission
		this.windowAccepted = false;
		assertThatThrownBy(() -> prepareBallot(vote, "BALLOT_BOX", WINDOW_START, WINDOW_END))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("windowEnd");
		assertThat(this.windowSubmissions)
			.containsExactly(Map.of("windowEnd", WINDOW_END, "windowStart", WINDOW_START));
		assertThatThrownBy(() -> prepareBallot(vote, "POSTAL", WINDOW_START, WINDOW_END))
			.isInstanceOf(ProcessEngineException.class)
			.hasMessageContaining("POSTAL");
		assertThatThrownBy(() -> formService().submitTaskForm(prepare.getId(),
				Variables.createVariables()
					.putValue("question", "Authorize a strike?")
					.putValue("ballotMode", "BALLOT_BOX")))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("windowStart");
		assertThat(vote).isWaitingAt("Task_PrepareBallot");
		assertThat(this.calls).doesNotContain("prepare");
	}

	@Test
	void certifyResultsAndTurnoutReportFormFields() {
		ClockUtil.setCurrentTime(WINDOW_START);
		ProcessInstance vote = startVote("member-vote", "STRIKE_AUTHORIZATION");
		prepareBallot(vote, "BALLOT_BOX", WINDOW_START, WINDOW_END);
		execute(job("Event_VotingWindowOpens", vote));
		ClockUtil.setCurrentTime(plusDays(WINDOW_START, 7));
		execute(job("Event_TurnoutReportDue", vote));

		Map<String, FormField> report = formFields(task("Task_ReviewTurnoutReport", vote));
		assertThat(report.keySet()).containsExactly("turnoutEligible", "turnoutCast", "turnoutPercent", "acknowledged");
		assertThat(report.get("turnoutCast").getValidationConstraints()).extracting("name").containsExactly("readonly");
		assertThat(report.get("acknowledged").getTypeName()).isEqualTo("boolean");

		ClockUtil.setCurrentTime(WINDOW_END);
		execute(job("Event_VotingWindowCloses", vote));
		execute(job("Task_CloseBallotBox", vote));
		Task certify = task("Task_CertifyResults", vote);
		Map<String, FormField> fields = formFields(certify);
		assertThat(fields.keySet()).containsExactly("certified", "yes", "no", "abstain", "spoiled", "eligible");
		assertThat(fields.values()).extracting(FormField::getTypeName)
			.containsExactly("boolean", "long", "long", "long", "long", "long");
		assertThat(constraints(fields.get("certified"))).isEmpty();
		for (String count : List.of("yes", "no", "abstain", "spoiled", "eligible")) {
			assertThat(constraints(fields.get(count))).as(count).containsExactly(entry("min", "0"));
		}

		assertThatThrownBy(() -> formService().submitTaskForm(certify.getId(),
				Variables.createVariables().putValue("certified", true).putValue("spoiled", -1L)))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("spoiled");
		assertThat(vote).isWaitingAt("Task_CertifyResults");
	}

	// helpers

	private JavaDelegate delegate(String name, VariableMap sets) {
		return (execution) -> {
			this.calls.add(name);
			if (sets != null) {
				execution.setVariables(sets);
			}
		};
	}

	private ProcessInstance startVote(String decision, String kind) {
		return runtimeService().startProcessInstanceByKey("member-vote", "case-2008-strike",
				Variables.createVariables()
					.putValue("ruleSetTag", RULE_SET_TAG)
					.putValue("voteDecision", decision)
					.putValue("voteKind", kind));
	}

	private void prepareBallot(ProcessInstance vote, String ballotMode, Date windowStart, Date windowEnd) {
		formService().submitTaskForm(task("Task_PrepareBallot", vote).getId(),
				Variables.createVariables()
					.putValue("question", "Do you authorize the national board to call a strike?")
					.putValue("ballotMode", ballotMode)
					.putValue("windowStart", windowStart)
					.putValue("windowEnd", windowEnd));
	}

	private void certify(ProcessInstance vote, VariableMap counts) {
		VariableMap submission = Variables.createVariables().putValue("certified", true);
		submission.putAll(counts);
		formService().submitTaskForm(task("Task_CertifyResults", vote).getId(), submission);
	}

	private static VariableMap counts(long yes, long no, long abstain, long spoiled, long eligible) {
		return Variables.createVariables()
			.putValue("yes", yes)
			.putValue("no", no)
			.putValue("abstain", abstain)
			.putValue("spoiled", spoiled)
			.putValue("eligible", eligible);
	}

	private long count(String call) {
		return this.calls.stream().filter(call::equals).count();
	}

	private static long reviewTasks(ProcessInstance vote) {
		return taskQuery().processInstanceId(vote.getId()).taskDefinitionKey("Task_ReviewTurnoutReport").count();
	}

	private static Map<String, FormField> formFields(Task task) {
		return formService().getTaskFormData(task.getId())
			.getFormFields()
			.stream()
			.collect(Collectors.toMap(FormField::getId, (field) -> field, (a, b) -> a, LinkedHashMap::new));
	}

	private static Map<String, Object> formValues(Task task) {
		Map<String, Object> values = new LinkedHashMap<>();
		formFields(task).forEach((id, field) -> values.put(id, field.getValue().getValue()));
		return values;
	}

	private static Map<String, Object> constraints(FormField field) {
		Map<String, Object> constraints = new LinkedHashMap<>();
		for (FormFieldValidationConstraint constraint : field.getValidationConstraints()) {
			constraints.put(constraint.getName(), constraint.getConfiguration());
		}
		return constraints;
	}

	@SuppressWarnings("unchecked")
	private static List<String> enumValues(FormField field) {
		return new ArrayList<>(((Map<String, String>) field.getType().getInformation("values")).keySet());
	}

	private static Date at(String instant) {
		return Date.from(Instant.parse(instant));
	}

	private static Date plusDays(Date date, int days) {
		return Date.from(date.toInstant().plus(Duration.ofDays(days)));
	}

}
