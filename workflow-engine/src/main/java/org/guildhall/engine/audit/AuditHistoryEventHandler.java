package org.guildhall.engine.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.guildhall.engine.metrics.GuildhallMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns Camunda's history events into audit events, beside (not instead of) Camunda's own
 * database handler: {@link org.guildhall.engine.GuildhallEnginePlugin} composes the two.
 * <p>
 * Events are recorded in the engine's transaction in the order they happen. Details that
 * Camunda reports in separate events of the same transaction are gathered into one audit
 * event: the variables a case starts with, the candidate groups of a new step, the values
 * a step's form submitted, the status a case ends with. Values of variables whose name
 * suggests a secret (credential, token, password, choice) are never written.
 */
@Component
public class AuditHistoryEventHandler implements HistoryEventHandler {

	/** The top-level process whose instances are cases. */
	static final String CASE_PROCESS = "strike-authorization";

	static final Set<String> CASE_VARIABLES = Set.of("title", "contract", "employer", "ruleSetKey", "ruleSetVersion",
			"ruleSetTag", "expiryDate", "finalOfferDate");

	/**
	 * The variables each rule-set decision reads (every rule set, shipped, generated or
	 * uploaded, has these decisions and inputs).
	 */
	private static final List<String> BOARD_COUNTS = List.of("votesFor", "votesAgainst", "abstentions",
			"membersPresent", "seats");

	static final Map<String, List<String>> COUNT_VARIABLES = Map.of("member-vote",
			List.of("yes", "no", "abstain", "spoiled", "eligible"), "ratification-vote",
			List.of("yes", "no", "abstain", "spoiled", "eligible"), "board-motion", BOARD_COUNTS,
			"committee-determination", BOARD_COUNTS, "final-decision", BOARD_COUNTS, "window-policy",
			List.of("windowDays"));

	private static final Pattern SECRET = Pattern.compile("(?i).*(credential|token|password|secret|choice).*");

	private static final String WITHDRAWN_PREFIX = "WITHDRAWN: ";

	private static final Logger log = LoggerFactory.getLogger(AuditHistoryEventHandler.class);

	private final AuditTrail trail;

	private final GuildhallMetrics metrics;

	public AuditHistoryEventHandler(AuditTrail trail, GuildhallMetrics metrics) {
		this.trail = trail;
		this.metrics = metrics;
	}

	@Override
	public void handleEvents(List<HistoryEvent> events) {
		events.forEach(this::handleEvent);
	}

	@Override
	public void handleEvent(HistoryEvent event) {
		if (event instanceof HistoricVariableUpdateEventEntity variable) {
			variable(variable);
		}
		else if (event instanceof HistoricFormPropertyEventEntity property) {
			state().formValues(property.getTaskId())
				.putIfAbsent(property.getPropertyId(),
						secret(property.getPropertyId()) ? "(withheld)" : property.getPropertyValue());
		}
		else if (event instanceof HistoricProcessInstanceEventEntity process) {
			process(process);
		}
		else if (event instanceof HistoricTaskInstanceEventEntity task) {
			task(task);
		}
		else if (event instanceof HistoricIdentityLinkLogEventEntity link) {
			// a step's candidate groups are added just before Camunda reports it created
			if ("candidate".equals(link.getType()) && link.getGroupId() != null && "add".equals(link.getOperationType())
					&& link.getTaskId() != null) {
				state().candidateGroups(link.getTaskId()).add(link.getGroupId());
			}
		}
		else if (event instanceof UserOperationLogEntryEventEntity operation) {
			operation(operation);
		}
		else if (event instanceof HistoricDecisionEvaluationEvent evaluation) {
			decision(evaluation.getRootHistoricDecisionInstance());
			if (evaluation.getRequiredHistoricDecisionInstances() != null) {
				evaluation.getRequiredHistoricDecisionInstances().forEach(this::decision);
			}
		}
		else if (event instanceof HistoricActivityInstanceEventEntity activity) {
			activity(activity);
		}
		else if (event instanceof HistoricJobLogEvent job) {
			if (job.isSuccessLog() && job.getJobDefinitionType() != null
					&& job.getJobDefinitionType().startsWith("timer")) {
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("timer", job.getJobDefinitionType());
				data.put("configuration", job.getJobDefinitionConfiguration());
				data.put("due", job.getJobDueDate());
				data.put("processDefinitionKey", job.getProcessDefinitionKey());
				data.put("processInstanceId", job.getProcessInstanceId());
				record(at(job.getTimestamp()), AuditKind.TIMER_FIRED, job.getRootProcessInstanceId(), actor(),
						job.getActivityId(), data);
			}
		}
		else if (event instanceof HistoricIncidentEventEntity incident) {
			if (incident.isEventOfType(HistoryEventTypes.INCIDENT_CREATE)) {
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("incidentType", incident.getIncidentType());
				data.put("message", incident.getIncidentMessage());
				data.put("processInstanceId", incident.getProcessInstanceId());
				record(at(incident.getCreateTime()), AuditKind.INCIDENT_RAISED, incident.getRootProcessInstanceId(),
						actor(), incident.getActivityId(), data);
			}
		}
	}

	private void variable(HistoricVariableUpdateEventEntity variable) {
		if (variable.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_DELETE)) {
			return;
		}
		String name = variable.getVariableName();
		Object value = secret(name) ? "(withheld)" : value(variable);
		TxState state = state();
		if (variable.getActivityInstanceId() != null) {
			state.variablesByActivity.computeIfAbsent(variable.getActivityInstanceId(), (id) -> new LinkedHashMap<>())
				.put(name, value);
		}
		String processInstanceId = variable.getProcessInstanceId();
		if (processInstanceId != null) {
			state.processVariables.computeIfAbsent(processInstanceId, (id) -> new HashMap<>()).put(name, value);
			Map<String, Object> started = state.startedCases.get(processInstanceId);
			if (started != null && CASE_VARIABLES.contains(name)) {
				started.put(name, value);
			}
		}
	}

	private void process(HistoricProcessInstanceEventEntity process) {
		boolean isCase = CASE_PROCESS.equals(process.getProcessDefinitionKey())
				&& process.getProcessInstanceId().equals(process.getRootProcessInstanceId());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("processDefinitionId", process.getProcessDefinitionId());
		data.put("processDefinitionKey", process.getProcessDefinitionKey());
		data.put("processInstanceId", process.getProcessInstanceId());
		data.put("businessKey", process.getBusinessKey());
		if (process.getTenantId() != null) {
			// a simulated case of the sandbox (live processes have no tenant)
			data.put("tenantId", process.getTenantId());
		}
		if (process.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
			String actor = (process.getStartUserId() != null) ? process.getStartUserId() : actor();
			if (isCase) {
				// the variables the case starts with arrive in later events of this
				// transaction
				Map<String, Object> known = state().processVariables.getOrDefault(process.getProcessInstanceId(),
						Map.of());
				known.forEach((name, value) -> {
					if (CASE_VARIABLES.contains(name)) {
						data.put(name, value);
					}
				});
				state().startedCases.put(process.getProcessInstanceId(), data);
			}
			record(at(process.getStartTime()), isCase ? AuditKind.CASE_STARTED : AuditKind.PROCESS_STARTED,
					process.getRootProcessInstanceId(), actor, process.getProcessDefinitionKey(), data);
		}
		else if (process.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
			data.put("endActivityId", process.getEndActivityId());
			data.put("state", process.getState());
			String reason = process.getDeleteReason();
			if (reason != null) {
				data.put("reason",
						reason.startsWith(WITHDRAWN_PREFIX) ? reason.substring(WITHDRAWN_PREFIX.length()) : reason);
			}
			if (isCase) {
				Object status = state().processVariables.getOrDefault(process.getProcessInstanceId(), Map.of())
					.get("caseStatus");
				if (reason != null && reason.startsWith(WITHDRAWN_PREFIX)) {
					status = "WITHDRAWN";
				}
				else if (status == null || "ACTIVE".equals(status)) {
					status = (reason != null) ? "CANCELLED" : "ENDED";
				}
				data.put("status", status);
			}
			record(at(process.getEndTime()), isCase ? AuditKind.CASE_ENDED : AuditKind.PROCESS_ENDED,
					process.getRootProcessInstanceId(), actor(), process.getProcessDefinitionKey(), data);
		}
	}

	private void task(HistoricTaskInstanceEventEntity task) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("taskId", task.getTaskId());
		data.put("name", task.getName());
		data.put("processDefinitionKey", task.getProcessDefinitionKey());
		if (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_CREATE)) {
			data.put("due", task.getDueDate());
			// the same list: groups added later in this transaction still show
			data.put("candidateGroups", state().candidateGroups(task.getTaskId()));
			record(at(task.getStartTime()), AuditKind.STEP_CREATED, task.getRootProcessInstanceId(), actor(),
					task.getTaskDefinitionKey(), data);
		}
		else if (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE)
				&& "completed".equals(task.getDeleteReason())) {
			data.put("assignee", task.getAssignee());
			Map<String, Object> values = new LinkedHashMap<>(state().formValues(task.getTaskId()));
			values.putAll(state().variablesByActivity.getOrDefault(task.getActivityInstanceId(), Map.of()));
			data.put("values", values);
			String actor = actor();
			record(at(task.getEndTime()), AuditKind.STEP_COMPLETED, task.getRootProcessInstanceId(),
					AuditRecord.ENGINE.equals(actor) && task.getAssignee() != null ? task.getAssignee() : actor,
					task.getTaskDefinitionKey(), data);
		}
		else if (task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE)
				|| task.isEventOfType(HistoryEventTypes.TASK_INSTANCE_DELETE)) {
			// Camunda reports a step interrupted (by an agreement, a withdrawal, a
			// closing
			// window) as ended with a delete reason other than "completed"
			data.put("assignee", task.getAssignee());
			data.put("reason", task.getDeleteReason());
			record(at(task.getEndTime()), AuditKind.STEP_CANCELLED, task.getRootProcessInstanceId(), actor(),
					task.getTaskDefinitionKey(), data);
		}
	}

	private void operation(UserOperationLogEntryEventEntity operation) {
		if (!"Task".equals(operation.getEntityType()) || !"assignee".equals(operation.getProperty())
				|| operation.getTaskId() == null) {
			return;
		}
		String type = operation.getOperationType();
		if (!"Claim".equals(type) && !"Assign".equals(type)) {
			return;
		}
		String taskDefinitionKey = null;
		String name = null;
		CommandContext context = Context.getCommandContext();
		if (context != null) {
			TaskEntity task = context.getTaskManager().findTaskById(operation.getTaskId());
			if (task != null) {
				taskDefinitionKey = task.getTaskDefinitionKey();
				name = task.getName();
			}
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("taskId", operation.getTaskId());
		data.put("name", name);
		data.put("assignee", operation.getNewValue());
		data.put("previousAssignee", operation.getOrgValue());
		record(at(operation.getTimestamp()),
				(operation.getNewValue() != null) ? AuditKind.STEP_CLAIMED : AuditKind.STEP_UNCLAIMED,
				operation.getRootProcessInstanceId(), operation.getUserId(), taskDefinitionKey, data);
	}

	private void decision(HistoricDecisionInstanceEntity decision) {
		if (decision == null) {
			return;
		}
		String tag = null;
		CommandContext context = Context.getCommandContext();
		if (context != null) {
			DecisionDefinitionEntity definition = Context.getProcessEngineConfiguration()
				.getDeploymentCache()
				.findDeployedDecisionDefinitionById(decision.getDecisionDefinitionId());
			tag = (definition != null) ? definition.getVersionTag() : null;
		}
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (HistoricDecisionInputInstance input : decision.getInputs()) {
			String name = (input.getClauseName() != null) ? input.getClauseName() : input.getClauseId();
			inputs.put(name, safeValue(input));
		}
		Map<String, Object> outputs = new LinkedHashMap<>();
		for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
			String name = (output.getVariableName() != null) ? output.getVariableName() : output.getClauseId();
			Object value = safeValue(output);
			Object earlier = outputs.get(name);
			if (earlier == null) {
				outputs.put(name, value);
			}
			else {
				List<Object> all = new ArrayList<>();
				if (earlier instanceof List<?> list) {
					all.addAll(list);
				}
				else {
					all.add(earlier);
				}
				all.add(value);
				outputs.put(name, all);
			}
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("ruleSetTag", tag);
		if (tag != null && tag.contains(":")) {
			data.put("ruleSetKey", tag.substring(0, tag.lastIndexOf(':')));
			data.put("ruleSetVersion", tag.substring(tag.lastIndexOf(':') + 1));
		}
		data.put("decisionDefinitionId", decision.getDecisionDefinitionId());
		data.put("activityId", decision.getActivityId());
		data.put("processInstanceId", decision.getProcessInstanceId());
		data.put("inputs", inputs);
		data.put("counts", counts(decision));
		data.put("outputs", outputs);
		data.put("outcome", outputs.get("outcome"));
		data.put("explanation", outputs.get("explanation"));
		if (decision.getTenantId() != null) {
			// evaluated in a simulated case of the sandbox (Camunda gives a process's
			// decision instances the process's tenant): on the trail, not in the metrics
			data.put("tenantId", decision.getTenantId());
		}
		else {
			this.metrics.decisionEvaluated(decision.getDecisionDefinitionKey(), String.valueOf(outputs.get("outcome")));
		}
		// a form's rule check has no process: its case comes from DecisionCase
		DecisionCase outside = DecisionCase.current();
		String caseId = (decision.getRootProcessInstanceId() != null) ? decision.getRootProcessInstanceId()
				: (outside != null) ? outside.caseId() : null;
		record(at(decision.getEvaluationTime()), AuditKind.DECISION_EVALUATED, caseId,
				(decision.getUserId() != null) ? decision.getUserId() : actor(), decision.getDecisionDefinitionKey(),
				data);
	}

	/**
	 * The counts the decision was evaluated on, as the process held them (the DMN inputs
	 * above are derived values): what a replay under other rules needs, also after
	 * Camunda's history is cleaned up.
	 */
	private static Map<String, Object> counts(HistoricDecisionInstanceEntity decision) {
		Map<String, Object> counts = new LinkedHashMap<>();
		List<String> names = COUNT_VARIABLES.getOrDefault(decision.getDecisionDefinitionKey(), List.of());
		CommandContext context = Context.getCommandContext();
		String executionId = decision.getExecutionId();
		if (executionId == null) {
			// evaluated outside a process (a form's rule check): what it was given
			DecisionCase outside = DecisionCase.current();
			if (outside != null) {
				names.stream()
					.filter(outside.variables()::containsKey)
					.forEach((name) -> counts.put(name, outside.variables().get(name)));
			}
			return counts;
		}
		if (context == null) {
			return counts;
		}
		ExecutionEntity execution = context.getExecutionManager().findExecutionById(executionId);
		if (execution == null) {
			return counts;
		}
		for (String name : names) {
			Object value = execution.getVariable(name);
			if (value != null) {
				counts.put(name, value);
			}
		}
		return counts;
	}

	private void activity(HistoricActivityInstanceEventEntity activity) {
		if (!activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)) {
			return;
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("processDefinitionId", activity.getProcessDefinitionId());
		data.put("processDefinitionKey", activity.getProcessDefinitionKey());
		data.put("processInstanceId", activity.getProcessInstanceId());
		data.put("activityType", activity.getActivityType());
		data.put("name", activity.getActivityName());
		data.put("startedAt", activity.getStartTime());
		data.put("canceled", activity.isCanceled());
		String type = String.valueOf(activity.getActivityType());
		Instant at = at(activity.getEndTime());
		if (!activity.isCanceled()
				&& (type.toLowerCase(java.util.Locale.ROOT).contains("message") || "receiveTask".equals(type))) {
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("name", activity.getActivityName());
			message.put("activityType", type);
			message.put("processInstanceId", activity.getProcessInstanceId());
			record(at, AuditKind.MESSAGE_CORRELATED, activity.getRootProcessInstanceId(), actor(),
					activity.getActivityId(), message);
		}
		record(at, AuditKind.ACTIVITY_ENDED, activity.getRootProcessInstanceId(), actor(), activity.getActivityId(),
				data);
	}

	private void record(Instant at, AuditKind kind, String caseId, String actor, String subject,
			Map<String, Object> data) {
		this.trail.record(new AuditRecord(at, kind, caseId, actor, subject, data));
	}

	private static String actor() {
		return AuditRecord.currentActor();
	}

	private static Instant at(Date date) {
		return (date != null) ? date.toInstant() : ClockUtil.getCurrentTime().toInstant();
	}

	private static boolean secret(String name) {
		return name != null && SECRET.matcher(name).matches();
	}

	private static Object value(HistoricVariableUpdateEventEntity variable) {
		String serializer = String.valueOf(variable.getSerializerName());
		return switch (serializer) {
			case "null" -> null;
			case "boolean" -> (variable.getLongValue() != null) ? variable.getLongValue() == 1L : null;
			case "integer", "short", "long" -> variable.getLongValue();
			case "double" -> variable.getDoubleValue();
			case "string" -> variable.getTextValue();
			case "date" -> (variable.getLongValue() != null) ? new Date(variable.getLongValue()) : null;
			default -> "(" + serializer + " value)";
		};
	}

	private static Object safeValue(Object instance) {
		try {
			if (instance instanceof HistoricDecisionInputInstance input) {
				return input.getValue();
			}
			if (instance instanceof HistoricDecisionOutputInstance output) {
				return output.getValue();
			}
		}
		catch (RuntimeException ex) {
			log.debug("Decision value not readable for the audit trail", ex);
		}
		return "(unreadable)";
	}

	/** What this transaction has seen so far, to gather related events into one. */
	private TxState state() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return new TxState();
		}
		TxState state = (TxState) TransactionSynchronizationManager.getResource(this);
		if (state == null) {
			TxState created = new TxState();
			TransactionSynchronizationManager.bindResource(this, created);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(AuditHistoryEventHandler.this);
				}

				@Override
				public void suspend() {
					TransactionSynchronizationManager.unbindResourceIfPossible(AuditHistoryEventHandler.this);
				}

				@Override
				public void resume() {
					TransactionSynchronizationManager.bindResource(AuditHistoryEventHandler.this, created);
				}

			});
			state = created;
		}
		return state;
	}

	private static final class TxState {

		final Map<String, Map<String, Object>> variablesByActivity = new HashMap<>();

		final Map<String, Map<String, Object>> processVariables = new HashMap<>();

		final Map<String, Map<String, Object>> startedCases = new HashMap<>();

		final Map<String, List<String>> candidateGroupsByTask = new HashMap<>();

		final Map<String, Map<String, Object>> formValuesByTask = new HashMap<>();

		List<String> candidateGroups(String taskId) {
			return this.candidateGroupsByTask.computeIfAbsent(taskId, (id) -> new ArrayList<>());
		}

		Map<String, Object> formValues(String taskId) {
			return this.formValuesByTask.computeIfAbsent(String.valueOf(taskId), (id) -> new LinkedHashMap<>());
		}

	}

}
