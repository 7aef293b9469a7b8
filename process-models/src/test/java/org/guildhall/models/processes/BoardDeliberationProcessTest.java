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
 * Every path of {@code board-deliberation}: a carried motion ends the process with its
 * outputs, a failed motion or one without a quorum goes back to the board secretary with
 * the rule set's explanation, and the overdue timer escalates without taking the step
 * away.
 */
@Deployment(resources = "processes/board-deliberation.bpmn")
class BoardDeliberationProcessTest {

	@RegisterExtension
	static ProcessEngineExtension extension = ModelTestEngine.extension();

	private static final String PROCESS = "board-deliberation";

	private static final String RECORD = "Task_RecordBoardResolution";

	private static final String EVALUATE = "Task_EvaluateBoardMotion";

	private static final String OVERDUE = "Event_BoardResolutionOverdue";

	/**
	 * A winter date: no daylight-saving change in the next 30 days in any zone the build
	 * runs in.
	 */
	private static final ZonedDateTime NOW = ZonedDateTime.of(2008, 12, 1, 10, 0, 0, 0, ZoneId.systemDefault());

	private ProcessEngine engine;

	private String ruleSetDeployment;

	private JavaDelegate overdueStepDelegate;

	private final List<String> overdueSteps = new ArrayList<>();

	private FormFieldValidator voteCountsValidator;

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

		assertThat(instance).isStarted().isWaitingAtExactly(RECORD);
		Task task = task(instance);
		assertThat(task).hasCandidateGroup("board-secretary").isNotAssigned();
		assertThat(candidateGroups(task)).containsExactly("board-secretary");
		assertThat(task).hasDueDate(Date.from(NOW.plusDays(14).toInstant()));
	}

	@Test
	void carriedMotionEndsWithTheResolutionAndTheRuleSetsExplanation() {
		ProcessInstance instance = start();

		submit(instance, "CALL_AUTHORIZATION_VOTE", 12, 5, 1, 18, 30, true);

		assertThat(instance).isEnded().hasPassedInOrder(RECORD, EVALUATE, "Event_BoardResolutionAdopted");
		assertThat(historicValue(instance, "resolution")).isEqualTo("CALL_AUTHORIZATION_VOTE");
		assertThat(historicValue(instance, "committeeMayCallVote")).isEqualTo(true);
		assertThat(historicValue(instance, "boardMotionOutcome")).isEqualTo("CARRIED");
		assertThat((String) historicValue(instance, "boardMotionExplanation")).startsWith("carried: 12 for, 5 against");
		// the decision result is mapped to plain values; no Map variable is kept
		assertThat(historicVariables(instance)).doesNotContainKey("decisionResult");
		verify(this.voteCountsValidator).validate(eq(30L),
				argThat((context) -> "seats".equals(context.getFormFieldHandler().getId())));
	}

	@Test
	void failedMotionGoesBackToTheBoardSecretaryWithTheExplanation() {
		ProcessInstance instance = start();

		submit(instance, "SEEK_MEDIATION", 6, 9, 0, 15, 20, false);

		assertThat(instance).isActive()
			.isWaitingAtExactly(RECORD)
			.hasPassed(EVALUATE)
			.hasNotPassed("Event_BoardResolutionAdopted");
		assertThat(instance).variables().containsEntry("boardMotionOutcome", "FAILED");
		assertThat((String) runtimeService().getVariable(instance.getId(), "boardMotionExplanation"))
			.startsWith("failed: 6 for, 9 against");
		assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);
	}

	@Test
	void motionWithoutQuorumGoesBackAndCarriesWhenRecordedAgainWithQuorum() {
		ProcessInstance instance = start();

		submit(instance, "CONTINUE_BARGAINING", 7, 1, 0, 8, 20, false);

		assertThat(instance).isWaitingAtExactly(RECORD);
		assertThat(instance).variables().containsEntry("boardMotionOutcome", "NO_QUORUM");
		String explanation = (String) runtimeService().getVariable(instance.getId(), "boardMotionExplanation");
		assertThat(explanation).startsWith("no quorum: 8 of 20 seats present");

		submit(instance, "CONTINUE_BARGAINING", 9, 2, 1, 12, 20, false);

		assertThat(instance).isEnded().hasPassed("Event_BoardResolutionAdopted");
		assertThat(historicValue(instance, "resolution")).isEqualTo("CONTINUE_BARGAINING");
		assertThat(historicValue(instance, "boardMotionOutcome")).isEqualTo("CARRIED");
		assertThat((String) historicValue(instance, "boardMotionExplanation")).startsWith("carried: 9 for, 2 against");
		assertThat(historyService().createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.activityId(RECORD)
			.count()).isEqualTo(2);
	}

	@Test
	void overdueResolutionIsEscalatedAfterFourteenDaysWhileTheStepStaysOpen() throws Exception {
		ProcessInstance instance = start();
		Job timer = job(OVERDUE, instance);
		assertThat(timer.getDuedate()).isEqualTo(Date.from(NOW.plusDays(14).toInstant()));

		ClockUtil.setCurrentTime(Date.from(NOW.plusDays(14).minusMinutes(1).toInstant()));
		assertThat(executableJobs(instance, OVERDUE)).isZero();

		ClockUtil.setCurrentTime(Date.from(NOW.plusDays(14).plusMinutes(1).toInstant()));
		assertThat(executableJobs(instance, OVERDUE)).isEqualTo(1);
		execute(job(OVERDUE, instance));

		verify(this.overdueStepDelegate, times(1)).execute(any());
		assertThat(this.overdueSteps).containsExactly(RECORD);
		assertThat(instance).isWaitingAtExactly(RECORD).hasPassed("Event_BoardResolutionEscalated");
		assertThat(runtimeService().getVariable(instance.getId(), "overdueStep")).isNull();
		assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();

		submit(instance, "SEEK_MEDIATION", 12, 5, 1, 18, 30, false);
		assertThat(instance).isEnded().hasPassed("Event_BoardResolutionAdopted");
	}

	@Test
	void resolutionRecordedInTimeIsNotEscalated() throws Exception {
		ProcessInstance instance = start();

		submit(instance, "SEEK_MEDIATION", 12, 5, 1, 18, 30, false);

		assertThat(instance).isEnded().hasNotPassed("Event_BoardResolutionEscalated");
		assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
		verify(this.overdueStepDelegate, never()).execute(any());
	}

	@Test
	void formHasTheContractedFieldsTypesAndConstraints() {
		ProcessInstance instance = start();

		Map<String, FormField> fields = formFields(task(instance));

		assertThat(fields.keySet()).containsExactly("resolution", "meetingDate", "votesFor", "votesAgainst",
				"abstentions", "membersPresent", "seats", "committeeMayCallVote", "minutes");
		assertThat(typeNames(fields)).containsExactly(Map.entry("resolution", "enum"), Map.entry("meetingDate", "date"),
				Map.entry("votesFor", "long"), Map.entry("votesAgainst", "long"), Map.entry("abstentions", "long"),
				Map.entry("membersPresent", "long"), Map.entry("seats", "long"),
				Map.entry("committeeMayCallVote", "boolean"), Map.entry("minutes", "string"));
		@SuppressWarnings("unchecked")
		Map<String, String> values = (Map<String, String>) fields.get("resolution").getType().getInformation("values");
		assertThat(values).containsOnlyKeys("SEEK_MEDIATION", "CALL_AUTHORIZATION_VOTE", "CONTINUE_BARGAINING",
				"ACCEPT_OFFER");
		assertThat(values.values()).allSatisfy((name) -> assertThat(name).isNotBlank().doesNotContain("_"));
		assertThat(constraints(fields.get("resolution"))).containsExactly(Map.entry("required", ""));
		assertThat(constraints(fields.get("meetingDate"))).isEmpty();
		for (String count : List.of("votesFor", "votesAgainst", "abstentions", "membersPresent")) {
			assertThat(constraints(fields.get(count))).as(count)
				.containsExactly(Map.entry("required", ""), Map.entry("min", "0"));
		}
		// FormService hides custom validators from clients; the deployed model names them
		assertThat(constraints(fields.get("seats"))).containsExactly(Map.entry("required", ""), Map.entry("min", "1"));
		assertThat(modelConstraints(instance, RECORD, "seats")).containsExactly(Map.entry("required", ""),
				Map.entry("min", "1"), Map.entry("validator", "${voteCountsValidator}"));
		assertThat(constraints(fields.get("committeeMayCallVote"))).isEmpty();
		assertThat(constraints(fields.get("minutes"))).containsExactly(Map.entry("maxlength", "10000"));
	}

	@Test
	void voteCountsValidatorRejectingTheSubmissionKeepsTheStepOpen() {
		ProcessInstance instance = start();
		when(this.voteCountsValidator.validate(any(), any())).thenReturn(false);

		assertThatThrownBy(() -> submit(instance, "SEEK_MEDIATION", 30, 5, 1, 18, 30, false))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("seats");

		assertThat(instance).isWaitingAtExactly(RECORD).hasNotPassed(EVALUATE);
	}

	@Test
	void negativeVoteCountIsRejectedByTheForm() {
		ProcessInstance instance = start();

		assertThatThrownBy(() -> submit(instance, "SEEK_MEDIATION", -1, 5, 1, 18, 30, false))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("votesFor");

		assertThat(instance).isWaitingAtExactly(RECORD);
	}

	private ProcessInstance start() {
		return runtimeService().startProcessInstanceByKey(PROCESS, "case-1",
				withVariables("ruleSetKey", "sag-2008", "ruleSetVersion", 1, "ruleSetTag", "sag-2008:1"));
	}

	private void submit(ProcessInstance instance, String resolution, long votesFor, long votesAgainst, long abstentions,
			long membersPresent, long seats, boolean committeeMayCallVote) {
		Map<String, Object> form = new HashMap<>();
		form.put("resolution", resolution);
		form.put("meetingDate", Date.from(NOW.toInstant()));
		form.put("votesFor", votesFor);
		form.put("votesAgainst", votesAgainst);
		form.put("abstentions", abstentions);
		form.put("membersPresent", membersPresent);
		form.put("seats", seats);
		form.put("committeeMayCallVote", committeeMayCallVote);
		form.put("minutes", "Motion: " + resolution);
		formService().submitTaskForm(task(RECORD, instance).getId(), form);
	}

}
