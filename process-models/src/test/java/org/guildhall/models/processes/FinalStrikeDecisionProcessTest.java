package org.guildhall.models.processes;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConstraint;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.guildhall.models.support.ModelTestEngine;
import org.guildhall.models.support.RuleSets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guildhall.models.support.ModelQueries.candidateGroups;
import static org.guildhall.models.support.ModelQueries.formFields;
import static org.guildhall.models.support.ModelQueries.typeNames;
import static org.guildhall.models.support.ModelQueries.constraints;
import static org.guildhall.models.support.ModelQueries.modelConstraints;
import static org.guildhall.models.support.ModelQueries.historicVariables;
import static org.guildhall.models.support.ModelQueries.historicValue;
import static org.guildhall.models.support.ModelQueries.executableJobs;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Every path of {@code final-strike-decision}: a carried decision (strike, no strike or
 * keep negotiating) ends the process with its outputs, a failed decision or one without a
 * quorum goes back to the board secretary with the rule set's explanation, and the
 * overdue timer escalates after fourteen days without taking the step away.
 */
@Deployment(resources = "processes/final-strike-decision.bpmn")
class FinalStrikeDecisionProcessTest {

	@RegisterExtension
	static ProcessEngineExtension extension = ModelTestEngine.extension();

	private static final String PROCESS = "final-strike-decision";

	private static final String DECIDE = "Task_DecideStrike";

	private static final String EVALUATE = "Task_EvaluateFinalDecision";

	private static final String OVERDUE = "Event_DecideStrikeOverdue";

	private static final String MADE = "Event_FinalDecisionMade";

	/**
	 * A winter date: no daylight-saving change in the next 30 days in any zone the build
	 * runs in.
	 */
	private static final ZonedDateTime NOW = ZonedDateTime.of(2008, 12, 1, 10, 0, 0, 0, ZoneId.systemDefault());

	private static final Date STRIKE_DATE = Date.from(NOW.plusDays(30).toInstant());

	private ProcessEngine engine;

	private String ruleSetDeployment;

	private JavaDelegate overdueStepDelegate;

	private final List<String> overdueSteps = new ArrayList<>();

	private FormFieldValidator voteCountsValidator;

	private FormFieldValidator strikeDateValidator;

	@BeforeEach
	void setUp() throws Exception {
		this.engine = extension.getProcessEngine();
		init(this.engine);
		ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
		this.ruleSetDeployment = RuleSets.deploy(this.engine, "sag-2008");
		this.overdueStepDelegate = mock(JavaDelegate.class);
		doAnswer((invocation) -> {
			DelegateExecution execution = invocation.getArgument(0);
			this.overdueSteps.add((String) execution.getVariableLocal("overdueStep"));
			return null;
		}).when(this.overdueStepDelegate).execute(any());
		Mocks.register("overdueStepDelegate", this.overdueStepDelegate);
		this.voteCountsValidator = mock(FormFieldValidator.class);
		when(this.voteCountsValidator.validate(any(), any())).thenReturn(true);
		Mocks.register("voteCountsValidator", this.voteCountsValidator);
		this.strikeDateValidator = mock(FormFieldValidator.class);
		when(this.strikeDateValidator.validate(any(), any())).thenReturn(true);
		Mocks.register("strikeDateValidator", this.strikeDateValidator);
	}

	@AfterEach
	void tearDown() {
		Mocks.reset();
		ClockUtil.reset();
		this.engine.getRepositoryService().deleteDeployment(this.ruleSetDeployment, true);
	}

	@Test
	void startsAtTheBoardSecretarysStepDueInFourteenDays() {
		ProcessInstance instance = start();

		assertThat(instance).isStarted().isWaitingAtExactly(DECIDE);
		Task task = task(instance);
		assertThat(task).hasCandidateGroup("board-secretary").isNotAssigned();
		assertThat(candidateGroups(task)).containsExactly("board-secretary");
		assertThat(task).hasDueDate(Date.from(NOW.plusDays(14).toInstant()));
	}

	@Test
	void carriedStrikeDecisionEndsWithTheDecisionAndTheStrikeDate() {
		ProcessInstance instance = start();

		submit(instance, "STRIKE", STRIKE_DATE, 40, 30, 2, 72, 80);

		assertThat(instance).isEnded().hasPassedInOrder(DECIDE, EVALUATE, MADE);
		assertThat(historicValue(instance, "decision")).isEqualTo("STRIKE");
		assertThat(historicValue(instance, "strikeDate")).isEqualTo(STRIKE_DATE);
		assertThat(historicValue(instance, "finalDecisionOutcome")).isEqualTo("CARRIED");
		assertThat((String) historicValue(instance, "finalDecisionExplanation"))
			.startsWith("carried: 40 for, 30 against");
		assertThat(historicVariables(instance)).doesNotContainKey("decisionResult");
		verify(this.voteCountsValidator).validate(eq(80L),
				argThat((context) -> "seats".equals(context.getFormFieldHandler().getId())));
		verify(this.strikeDateValidator).validate(eq(STRIKE_DATE),
				argThat((context) -> "strikeDate".equals(context.getFormFieldHandler().getId())));
	}

	@Test
	void carriedDecisionNotToStrikeEnds() {
		ProcessInstance instance = start();

		submit(instance, "NO_STRIKE", null, 50, 20, 0, 70, 80);

		assertThat(instance).isEnded().hasPassed(MADE);
		assertThat(historicValue(instance, "decision")).isEqualTo("NO_STRIKE");
		assertThat(historicValue(instance, "finalDecisionOutcome")).isEqualTo("CARRIED");
	}

	@Test
	void carriedDecisionToKeepNegotiatingEnds() {
		ProcessInstance instance = start();

		submit(instance, "CONTINUE_NEGOTIATING", null, 45, 25, 0, 70, 80);

		assertThat(instance).isEnded().hasPassed(MADE);
		assertThat(historicValue(instance, "decision")).isEqualTo("CONTINUE_NEGOTIATING");
		assertThat(historicValue(instance, "finalDecisionOutcome")).isEqualTo("CARRIED");
	}

	@Test
	void failedDecisionGoesBackToTheBoardSecretaryWithTheExplanation() {
		ProcessInstance instance = start();

		submit(instance, "STRIKE", STRIKE_DATE, 35, 35, 2, 72, 80);

		assertThat(instance).isActive().isWaitingAtExactly(DECIDE).hasPassed(EVALUATE).hasNotPassed(MADE);
		assertThat(instance).variables().containsEntry("finalDecisionOutcome", "FAILED");
		assertThat((String) runtimeService().getVariable(instance.getId(), "finalDecisionExplanation"))
			.startsWith("failed: 35 for, 35 against");
		assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
	}

	@Test
	void decisionWithoutQuorumGoesBackAndEndsWhenRecordedAgainWithQuorum() {
		ProcessInstance instance = start();

		submit(instance, "STRIKE", STRIKE_DATE, 30, 5, 0, 40, 80);

		assertThat(instance).isWaitingAtExactly(DECIDE);
		assertThat(instance).variables().containsEntry("finalDecisionOutcome", "NO_QUORUM");
		assertThat((String) runtimeService().getVariable(instance.getId(), "finalDecisionExplanation"))
			.startsWith("no quorum: 40 of 80 seats present");

		submit(instance, "STRIKE", STRIKE_DATE, 36, 5, 0, 41, 80);

		assertThat(instance).isEnded().hasPassed(MADE);
		assertThat(historicValue(instance, "finalDecisionOutcome")).isEqualTo("CARRIED");
		assertThat(historyService().createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.activityId(DECIDE)
			.count()).isEqualTo(2);
	}

	@Test
	void overdueDecisionIsEscalatedAfterFourteenDaysWhileTheStepStaysOpen() throws Exception {
		ProcessInstance instance = start();
		Job timer = job(OVERDUE, instance);
		assertThat(timer.getDuedate()).isEqualTo(Date.from(NOW.plusDays(14).toInstant()));

		ClockUtil.setCurrentTime(Date.from(NOW.plusDays(14).minusMinutes(1).toInstant()));
		assertThat(executableJobs(instance, OVERDUE)).isZero();

		ClockUtil.setCurrentTime(Date.from(NOW.plusDays(14).plusMinutes(1).toInstant()));
		assertThat(executableJobs(instance, OVERDUE)).isEqualTo(1);
		execute(job(OVERDUE, instance));

		verify(this.overdueStepDelegate, times(1)).execute(any());
		assertThat(this.overdueSteps).containsExactly(DECIDE);
		assertThat(instance).isWaitingAtExactly(DECIDE).hasPassed("Event_StrikeDecisionEscalated");
		assertThat(runtimeService().getVariable(instance.getId(), "overdueStep")).isNull();
		assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();

		submit(instance, "NO_STRIKE", null, 50, 20, 0, 70, 80);
		assertThat(instance).isEnded().hasPassed(MADE);
	}

	@Test
	void decisionRecordedInTimeIsNotEscalated() throws Exception {
		ProcessInstance instance = start();

		submit(instance, "NO_STRIKE", null, 50, 20, 0, 70, 80);

		assertThat(instance).isEnded().hasNotPassed("Event_StrikeDecisionEscalated");
		verify(this.overdueStepDelegate, never()).execute(any());
	}

	@Test
	void formHasTheContractedFieldsTypesAndConstraints() {
		ProcessInstance instance = start();

		Map<String, FormField> fields = formFields(task(instance));

		assertThat(typeNames(fields)).containsExactly(Map.entry("decision", "enum"), Map.entry("strikeDate", "date"),
				Map.entry("meetingDate", "date"), Map.entry("votesFor", "long"), Map.entry("votesAgainst", "long"),
				Map.entry("abstentions", "long"), Map.entry("membersPresent", "long"), Map.entry("seats", "long"));
		@SuppressWarnings("unchecked")
		Map<String, String> values = (Map<String, String>) fields.get("decision").getType().getInformation("values");
		assertThat(values).containsOnlyKeys("STRIKE", "NO_STRIKE", "CONTINUE_NEGOTIATING");
		assertThat(values.values()).allSatisfy((name) -> assertThat(name).isNotBlank().doesNotContain("_"));
		assertThat(constraints(fields.get("decision"))).containsExactly(Map.entry("required", ""));
		assertThat(constraints(fields.get("meetingDate"))).isEmpty();
		for (String count : List.of("votesFor", "votesAgainst", "abstentions", "membersPresent")) {
			assertThat(constraints(fields.get(count))).as(count)
				.containsExactly(Map.entry("required", ""), Map.entry("min", "0"));
		}
		// FormService hides custom validators from clients; the deployed model names them
		assertThat(constraints(fields.get("seats"))).containsExactly(Map.entry("required", ""), Map.entry("min", "1"));
		assertThat(modelConstraints(instance, DECIDE, "seats")).containsExactly(Map.entry("required", ""),
				Map.entry("min", "1"), Map.entry("validator", "${voteCountsValidator}"));
		assertThat(constraints(fields.get("strikeDate"))).isEmpty();
		assertThat(modelConstraints(instance, DECIDE, "strikeDate"))
			.containsExactly(Map.entry("validator", "${strikeDateValidator}"));
	}

	@Test
	void strikeDateValidatorRejectingTheSubmissionKeepsTheStepOpen() {
		ProcessInstance instance = start();
		when(this.strikeDateValidator.validate(any(), any())).thenReturn(false);

		assertThatThrownBy(() -> submit(instance, "STRIKE", null, 40, 30, 2, 72, 80))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("strikeDate");

		assertThat(instance).isWaitingAtExactly(DECIDE).hasNotPassed(EVALUATE);
	}

	@Test
	void voteCountsValidatorRejectingTheSubmissionKeepsTheStepOpen() {
		ProcessInstance instance = start();
		when(this.voteCountsValidator.validate(any(), any())).thenReturn(false);

		assertThatThrownBy(() -> submit(instance, "STRIKE", STRIKE_DATE, 90, 30, 2, 72, 80))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("seats");

		assertThat(instance).isWaitingAtExactly(DECIDE).hasNotPassed(EVALUATE);
	}

	@Test
	void decisionIsRequired() {
		ProcessInstance instance = start();

		assertThatThrownBy(() -> submit(instance, null, STRIKE_DATE, 40, 30, 2, 72, 80))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("decision");

		assertThat(instance).isWaitingAtExactly(DECIDE);
	}

	private ProcessInstance start() {
		return runtimeService().startProcessInstanceByKey(PROCESS, "case-1",
				withVariables("ruleSetKey", "sag-2008", "ruleSetVersion", 1, "ruleSetTag", "sag-2008:1"));
	}

	private void submit(ProcessInstance instance, String decision, Date strikeDate, long votesFor, long votesAgainst,
			long abstentions, long membersPresent, long seats) {
		Map<String, Object> form = new HashMap<>();
		form.put("decision", decision);
		form.put("strikeDate", strikeDate);
		form.put("meetingDate", Date.from(NOW.toInstant()));
		form.put("votesFor", votesFor);
		form.put("votesAgainst", votesAgainst);
		form.put("abstentions", abstentions);
		form.put("membersPresent", membersPresent);
		form.put("seats", seats);
		formService().submitTaskForm(task(DECIDE, instance).getId(), form);
	}

}
