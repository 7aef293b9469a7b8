package org.guildhall.models.processes;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.guildhall.models.support.ModelTestEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guildhall.models.support.ModelQueries.candidateGroups;
import static org.guildhall.models.support.ModelQueries.formFields;
import static org.guildhall.models.support.ModelQueries.typeNames;
import static org.guildhall.models.support.ModelQueries.constraints;
import static org.guildhall.models.support.ModelQueries.historicValue;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * Every path of {@code bargaining}: a session after which talks continue is followed by
 * another, a tentative agreement or an impasse ends the process with
 * {@code sessionOutcome} for the top-level process to route on.
 */
@Deployment(resources = "processes/bargaining.bpmn")
class BargainingProcessTest {

	@RegisterExtension
	static ProcessEngineExtension extension = ModelTestEngine.extension();

	private static final String PROCESS = "bargaining";

	private static final String RECORD = "Task_RecordBargainingSession";

	private static final Date SESSION_DATE = Date
		.from(ZonedDateTime.of(2008, 6, 30, 10, 0, 0, 0, ZoneId.systemDefault()).toInstant());

	private ProcessEngine engine;

	@BeforeEach
	void setUp() {
		this.engine = extension.getProcessEngine();
		init(this.engine);
	}

	@Test
	void startsAtGuildStaffsStepWithoutDueDateOrTimer() {
		ProcessInstance instance = start();

		assertThat(instance).isStarted().isWaitingAtExactly(RECORD);
		Task task = task(instance);
		assertThat(task).hasCandidateGroup("guild-staff").isNotAssigned();
		assertThat(candidateGroups(task)).containsExactly("guild-staff");
		assertThat(task.getDueDate()).isNull();
		assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
	}

	@Test
	void sessionAfterWhichTalksContinueIsFollowedByAnother() {
		ProcessInstance instance = start();

		submit(instance, "CONTINUE", false);

		assertThat(instance).isActive()
			.isWaitingAtExactly(RECORD)
			.hasNotPassed("Event_TentativeAgreementReached", "Event_ImpasseReached");
		assertThat(instance).variables().containsEntry("sessionOutcome", "CONTINUE");
		assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isEqualTo(1);

		submit(instance, "CONTINUE", true);

		assertThat(instance).isWaitingAtExactly(RECORD);
		assertThat(instance).variables().containsEntry("mediatorPresent", true);
		assertThat(sessionsRecorded(instance)).isEqualTo(3);
	}

	@Test
	void tentativeAgreementEndsBargaining() {
		ProcessInstance instance = start();
		submit(instance, "CONTINUE", false);

		submit(instance, "TENTATIVE_AGREEMENT", true);

		assertThat(instance).isEnded()
			.hasPassed("Event_TentativeAgreementReached")
			.hasNotPassed("Event_ImpasseReached");
		assertThat(historicValue(instance, "sessionOutcome")).isEqualTo("TENTATIVE_AGREEMENT");
		assertThat(historicValue(instance, "sessionDate")).isEqualTo(SESSION_DATE);
		assertThat(sessionsRecorded(instance)).isEqualTo(2);
	}

	@Test
	void impasseEndsBargaining() {
		ProcessInstance instance = start();

		submit(instance, "IMPASSE", true);

		assertThat(instance).isEnded()
			.hasPassed("Event_ImpasseReached")
			.hasNotPassed("Event_TentativeAgreementReached");
		assertThat(historicValue(instance, "sessionOutcome")).isEqualTo("IMPASSE");
		assertThat(historicValue(instance, "mediatorPresent")).isEqualTo(true);
	}

	@Test
	void formHasTheContractedFieldsTypesAndConstraints() {
		ProcessInstance instance = start();

		Map<String, FormField> fields = formFields(task(instance));

		assertThat(typeNames(fields)).containsExactly(Map.entry("sessionDate", "date"),
				Map.entry("mediatorPresent", "boolean"), Map.entry("summary", "string"),
				Map.entry("sessionOutcome", "enum"));
		@SuppressWarnings("unchecked")
		Map<String, String> values = (Map<String, String>) fields.get("sessionOutcome")
			.getType()
			.getInformation("values");
		assertThat(values).containsOnlyKeys("CONTINUE", "TENTATIVE_AGREEMENT", "IMPASSE");
		assertThat(values.values()).allSatisfy((name) -> assertThat(name).isNotBlank().doesNotContain("_"));
		assertThat(constraints(fields.get("sessionDate"))).containsExactly(Map.entry("required", ""));
		assertThat(constraints(fields.get("mediatorPresent"))).isEmpty();
		assertThat(constraints(fields.get("summary"))).containsExactly(Map.entry("required", ""),
				Map.entry("maxlength", "10000"));
		assertThat(constraints(fields.get("sessionOutcome"))).containsExactly(Map.entry("required", ""));
	}

	@Test
	void sessionWithoutSummaryIsRejected() {
		ProcessInstance instance = start();
		Map<String, Object> form = form("CONTINUE", false);
		form.remove("summary");

		assertThatThrownBy(() -> formService().submitTaskForm(task(RECORD, instance).getId(), form))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("summary");

		assertThat(instance).isWaitingAtExactly(RECORD);
		assertThat(sessionsRecorded(instance)).isEqualTo(1);
	}

	@Test
	void summaryLongerThanTenThousandCharactersIsRejected() {
		ProcessInstance instance = start();
		Map<String, Object> form = form("IMPASSE", false);
		form.put("summary", "x".repeat(10001));

		assertThatThrownBy(() -> formService().submitTaskForm(task(RECORD, instance).getId(), form))
			.isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("summary");

		assertThat(instance).isWaitingAtExactly(RECORD);
	}

	@Test
	void sessionWithoutOutcomeIsRejected() {
		ProcessInstance instance = start();

		assertThatThrownBy(() -> submit(instance, null, false)).isInstanceOf(FormFieldValidatorException.class)
			.hasMessageContaining("sessionOutcome");

		assertThat(instance).isWaitingAtExactly(RECORD);
	}

	private ProcessInstance start() {
		return runtimeService().startProcessInstanceByKey(PROCESS, "case-1",
				withVariables("ruleSetKey", "sag-2008", "ruleSetVersion", 1, "ruleSetTag", "sag-2008:1"));
	}

	private Map<String, Object> form(String sessionOutcome, boolean mediatorPresent) {
		Map<String, Object> form = new HashMap<>();
		form.put("sessionDate", SESSION_DATE);
		form.put("mediatorPresent", mediatorPresent);
		form.put("summary", "Residuals for new media discussed; no movement on jurisdiction.");
		form.put("sessionOutcome", sessionOutcome);
		return form;
	}

	private void submit(ProcessInstance instance, String sessionOutcome, boolean mediatorPresent) {
		formService().submitTaskForm(task(RECORD, instance).getId(), form(sessionOutcome, mediatorPresent));
	}

	private long sessionsRecorded(ProcessInstance instance) {
		return historyService().createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.activityId(RECORD)
			.count();
	}

}
