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
 * Every path of {@code committee-determination}: a carried or failed vote ends the
 * determination with its outputs (the top-level process reads {@code talksFailed} and
 * {@code committeeOutcome}), a vote without a quorum goes back to the committee with the
 * rule set's explanation, and the overdue timer escalates after seven days without taking
 * the step away.
 */
@Deployment(resources = "processes/committee-determination.bpmn")
class CommitteeDeterminationProcessTest {

	@RegisterExtension
	static ProcessEngineExtension extension = ModelTestEngine.extension();

	private static final String PROCESS = "committee-determination";

	private static final String DETERMINE = "Task_DetermineTalksFailed";

	private static final String EVALUATE = "Task_EvaluateCommitteeDetermination";

	private static final String OVERDUE = "Event_DetermineTalksFailedOverdue";

	private static final String DETERMINED = "Event_CommitteeDetermined";

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
	void startsAtTheNegotiatingCommitteesStepDueInSevenDays() {
		ProcessInstance instance = start();

		assertThat(instance).isStarted().isWaitingAtExactly(DETERMINE);
		Task task = task(instance);
		assertThat(task).hasCandidateGroup("negotiating-committee").isNotAssigned();
		assertThat(candidateGroups(task)).containsExactly("negotiating-committee");
		assertThat(task).hasDueDate(Date.from(NOW.plusDays(7).toInstant()));
	}

	@Test
	void carriedDeterminationThatTalksFailedEndsWithItsOutputs() {
		ProcessInstance instance = start();

		submit(instance, true, 6, 2, 1, 9, 11);

		assertThat(instance).isEnded().hasPassedInOrder(DETERMINE, EVALUATE, DETERMINED);
		assertThat(historicValue(instance, "talksFailed")).isEqualTo(true);
		assertThat(historicValue(instance, "committeeOutcome")).isEqualTo("CARRIED");
		assertThat((String) historicValue(instance, "committeeExplanation")).startsWith("carried: 6 for, 2 against");
		assertThat(historicVariables(instance)).doesNotContainKey("decisionResult");
		verify(this.voteCountsValidator).validate(eq(11L),
				argThat((context) -> "seats".equals(context.getFormFieldHandler().getId())));
	}

	@Test
	void failedDeterminationAlsoEndsSoTheCaseCanReturnToBargaining() {
		ProcessInstance instance = start();

		submit(instance, true, 3, 5, 1, 9, 11);

		assertThat(instance).isEnded().hasPassed(DETERMINED);
		assertThat(historicValue(instance, "talksFailed")).isEqualTo(true);
		assertThat(historicValue(instance, "committeeOutcome")).isEqualTo("FAILED");
		assertThat((String) historicValue(instance, "committeeExplanation")).startsWith("failed: 3 for, 5 against");
	}

	@Test
	void determinationThatTalksHaveNotFailedEnds() {
		ProcessInstance instance = start();

		submit(instance, false, 7, 1, 0, 8, 11);

		assertThat(instance).isEnded().hasPassed(DETERMINED);
		assertThat(historicValue(instance, "talksFailed")).isEqualTo(false);
		assertThat(historicValue(instance, "committeeOutcome")).isEqualTo("CARRIED");
	}

	@Test
	void determinationWithoutQuorumGoesBackAndEndsWhenRecordedAgainWithQuorum() {
		ProcessInstance instance = start();

		submit(instance, true, 4, 0, 1, 5, 11);

		assertThat(instance).isActive().isWaitingAtExactly(DETERMINE).hasPassed(EVALUATE).hasNotPassed(DETERMINED);
		assertThat(instance).variables().containsEntry("committeeOutcome", "NO_QUORUM");
		assertThat((String) runtimeService().getVariable(instance.getId(), "committeeExplanation"))
			.startsWith("no quorum: 5 of 11 seats present");
		assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);

		submit(instance, true, 5, 0, 1, 6, 11);

		assertThat(instance).isEnded().hasPassed(DETERMINED);
		assertThat(historicValue(instance, "committeeOutcome")).isEqualTo("CARRIED");
		assertThat(historyService().createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.activityId(DETERMINE)
			.count()).isEqualTo(2);
	}

	@Test
	void overdueDeterminationIsEscalatedAfterSevenDaysWhileTheStepStaysOpen() throws Exception {
		ProcessInstance instance = start();
		Job timer = job(OVERDUE, instance);
		assertThat(timer.getDuedate()).isEqualTo(Date.from(NOW.plusDays(7).toInstant()));

		ClockUtil.setCurrentTime(Date.from(NOW.plusDays(7).minusMinutes(1).toInstant()));
		assertThat(executableJobs(instance, OVERDUE)).isZero();

		ClockUtil.setCurrentTime(Date.from(NOW.plusDays(7).plusMinutes(1).toInstant()));
		assertThat(executableJobs(instance, OVERDUE)).isEqualTo(1);
		execute(job(OVERDUE, instance));

		verify(this.overdueStepDelegate, times(1)).execute(any());
		assertThat(this.overdueSteps).containsExactly(DETERMINE);
		assertThat(instance).isWaitingAtExactly(DETERMINE).hasPassed("Event_DeterminationEscalated");
		assertThat(runtimeService().getVariable(instance.getId(), "overdueStep")).isNull();
		assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();

		submit(instance, true, 6, 2, 1, 9, 11);
		assertThat(instance).isEnded().hasPassed(DETERMINED);
	}

	@Test
	void determinationRecordedInTimeIsNotEscalated() throws Exception {
		ProcessInstance instance = start();

		submit(instance, true, 6, 2, 1, 9, 11);

		assertThat(instance).isEnded().hasNotPassed("Event_DeterminationEscalated");
		verify(this.overdueStepDelegate, never()).execute(any());
	}

	@Test
	void formHasTheContractedFieldsTypesAndConstraints() {
		ProcessInstance instance = start();

		Map<String, FormField> fields = formFields(task(instance));

		assertThat(typeNames(fields)).containsExactly(Map.entry("talksFailed", "boolean"),
				Map.entry("meetingDate", "date"), Map.entry("votesFor", "long"), Map.entry("votesAgainst", "long"),
				Map.entry("abstentions", "long"), Map.entry("membersPresent", "long"), Map.entry("seats", "long"),
				Map.entry("reasons", "string"));
		assertThat(constraints(fields.get("talksFailed"))).isEmpty();
		assertThat(constraints(fields.get("meetingDate"))).isEmpty();
		for (String count : List.of("votesFor", "votesAgainst", "abstentions", "membersPresent")) {
			assertThat(constraints(fields.get(count))).as(count)
				.containsExactly(Map.entry("required", ""), Map.entry("min", "0"));
		}
		// FormService hides custom validators from clients; the deployed model names them
		assertThat(constraints(fields.get("seats"))).containsExactly(Map.entry("required", ""), Map.entry("min", "1"));
		assertThat(modelConstraints(instance, DETERMINE, "seats")).containsExactly(Map.entry("required", ""),
				Map.entry("min", "1"), Map.entry("validator", "${voteCountsValidator}"));
		assertThat(constraints(fields.get("reasons"))).containsExactly(Map.entry("maxlength", "10000"));
	}

	@Test
	void voteCountsValidatorRejectingTheSubmissionKeepsTheStepOpen() {
		ProcessInstance instance = start();
		when(this.voteCountsValidator.validate(any(), any())).thenReturn(false);

		assertThatThrownBy(() -> submit(instance, true, 12, 2, 1, 9, 11))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("seats");

		assertThat(instance).isWaitingAtExactly(DETERMINE).hasNotPassed(EVALUATE);
	}

	@Test
	void reasonsLongerThanTenThousandCharactersAreRejected() {
		ProcessInstance instance = start();
		Map<String, Object> form = form(true, 6, 2, 1, 9, 11);
		form.put("reasons", "x".repeat(10001));

		assertThatThrownBy(() -> formService().submitTaskForm(task(DETERMINE, instance).getId(), form))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("reasons");

		assertThat(instance).isWaitingAtExactly(DETERMINE);
	}

	private ProcessInstance start() {
		return runtimeService().startProcessInstanceByKey(PROCESS, "case-1",
				withVariables("ruleSetKey", "sag-2008", "ruleSetVersion", 1, "ruleSetTag", "sag-2008:1"));
	}

	private Map<String, Object> form(boolean talksFailed, long votesFor, long votesAgainst, long abstentions,
			long membersPresent, long seats) {
		Map<String, Object> form = new HashMap<>();
		form.put("talksFailed", talksFailed);
		form.put("meetingDate", Date.from(NOW.toInstant()));
		form.put("votesFor", votesFor);
		form.put("votesAgainst", votesAgainst);
		form.put("abstentions", abstentions);
		form.put("membersPresent", membersPresent);
		form.put("seats", seats);
		form.put("reasons", "The employer has not moved on residuals in six sessions.");
		return form;
	}

	private void submit(ProcessInstance instance, boolean talksFailed, long votesFor, long votesAgainst,
			long abstentions, long membersPresent, long seats) {
		formService().submitTaskForm(task(DETERMINE, instance).getId(),
				form(talksFailed, votesFor, votesAgainst, abstentions, membersPresent, seats));
	}

}
