package org.guildhall.models.support;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConstraint;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

/**
 * What the process tests read back from the engine: a step's candidate groups and form
 * fields, the constraints the model declares (including custom validators, which the form
 * service hides), history, and due timer jobs. Uses the engine camunda-bpm-assert is
 * bound to.
 */
public final class ModelQueries {

	private ModelQueries() {
	}

	public static List<String> candidateGroups(Task task) {
		return taskService().getIdentityLinksForTask(task.getId())
			.stream()
			.filter((link) -> "candidate".equals(link.getType()))
			.map(IdentityLink::getGroupId)
			.toList();
	}

	/** The step's form fields by id, in model order. */
	public static Map<String, FormField> formFields(Task task) {
		Map<String, FormField> fields = new LinkedHashMap<>();
		for (FormField field : formService().getTaskFormData(task.getId()).getFormFields()) {
			fields.put(field.getId(), field);
		}
		return fields;
	}

	/** Field id to type name, in model order. */
	public static Map<String, String> typeNames(Map<String, FormField> fields) {
		Map<String, String> types = new LinkedHashMap<>();
		fields.forEach((id, field) -> types.put(id, field.getTypeName()));
		return types;
	}

	/** The constraints the form service reports for a field (name to configuration). */
	public static Map<String, String> constraints(FormField field) {
		Map<String, String> constraints = new LinkedHashMap<>();
		for (FormFieldValidationConstraint constraint : field.getValidationConstraints()) {
			Object config = constraint.getConfiguration();
			constraints.put(constraint.getName(), (config != null) ? config.toString() : "");
		}
		return constraints;
	}

	/**
	 * The constraints the model declares for a field of a user task, custom validators
	 * included.
	 */
	public static Map<String, String> modelConstraints(ProcessInstance instance, String taskId, String fieldId) {
		BpmnModelInstance model = repositoryService().getBpmnModelInstance(instance.getProcessDefinitionId());
		UserTask task = model.getModelElementById(taskId);
		CamundaFormData formData = task.getExtensionElements()
			.getElementsQuery()
			.filterByType(CamundaFormData.class)
			.singleResult();
		Map<String, String> constraints = new LinkedHashMap<>();
		for (CamundaFormField field : formData.getCamundaFormFields()) {
			if (field.getCamundaId().equals(fieldId) && field.getCamundaValidation() != null) {
				for (CamundaConstraint constraint : field.getCamundaValidation().getCamundaConstraints()) {
					String config = constraint.getCamundaConfig();
					constraints.put(constraint.getCamundaName(), (config != null) ? config : "");
				}
			}
		}
		return constraints;
	}

	public static Map<String, Object> historicVariables(ProcessInstance instance) {
		Map<String, Object> variables = new HashMap<>();
		for (HistoricVariableInstance variable : historyService().createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.list()) {
			variables.put(variable.getName(), variable.getValue());
		}
		return variables;
	}

	/** A variable's last value in history; fails if the instance never had it. */
	public static Object historicValue(ProcessInstance instance, String name) {
		Map<String, Object> variables = historicVariables(instance);
		assertThat(variables).containsKey(name);
		return variables.get(name);
	}

	/** Timer jobs of {@code activityId} that are due now by the engine clock. */
	public static long executableJobs(ProcessInstance instance, String activityId) {
		return managementService().createJobQuery()
			.processInstanceId(instance.getId())
			.activityId(activityId)
			.executable()
			.count();
	}

}
