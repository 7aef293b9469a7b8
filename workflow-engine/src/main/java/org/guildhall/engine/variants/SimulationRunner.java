package org.guildhall.engine.variants;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.identity.GuildGroup;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetVersion;
import org.guildhall.engine.tasks.StepException;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepValues;

import org.springframework.stereotype.Service;

/**
 * Runs simulated cases of a variant in the sandbox: starts the variant's
 * {@code strike-authorization} in tenant {@link Sandbox#TENANT} pinned to any rule-set
 * version (pending ones too: the sandbox is for trying), then completes each open step
 * with the scenario's next answer for it, as the acting modeler, through the step's form
 * and validators ({@link StepService#completeInTenant}), until the case ends, a step has
 * no answer left, a form refuses an answer, or nothing is left to answer. Each step is
 * its own transaction, as when people complete them.
 */
@Service
public class SimulationRunner {

	/** The most steps one run completes (a scenario answering a loop forever stops). */
	static final int MAX_STEPS = 100;

	private final VariantCatalog variants;

	private final RuleSetCatalog ruleSets;

	private final StepService steps;

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final HistoryService history;

	private final RepositoryService repository;

	private final IdentityService identity;

	public SimulationRunner(VariantCatalog variants, RuleSetCatalog ruleSets, StepService steps, RuntimeService runtime,
			TaskService tasks, HistoryService history, RepositoryService repository, IdentityService identity) {
		this.variants = variants;
		this.ruleSets = ruleSets;
		this.steps = steps;
		this.runtime = runtime;
		this.tasks = tasks;
		this.history = history;
		this.repository = repository;
		this.identity = identity;
	}

	/**
	 * Runs {@code scenario} on variant {@code variantId}.
	 * @throws VariantException.Forbidden if {@code actor} is not a rules modeler
	 * @throws VariantException.NotFound if there is no such variant
	 * @throws VariantException.Invalid if the scenario is unusable (nothing is started)
	 */
	public Simulation run(String variantId, JsonNode scenarioJson, Actor actor) {
		if (!actor.isIn(GuildGroup.RULES_MODELER)) {
			throw new VariantException.Forbidden(
					"only rules modelers run simulations; " + actor.userId() + " is not one");
		}
		Variant variant = this.variants.find(variantId);
		Scenario scenario = Scenario.parse(scenarioJson, stepKeys(variant));
		RuleSetVersion pinned = pin(scenario, variant);
		String businessKey = businessKey(variant);
		VariableMap variables = Variables.createVariables()
			.putValue("title", scenario.title())
			.putValue("ruleSetKey", pinned.key())
			.putValue("ruleSetVersion", pinned.version())
			.putValue("ruleSetTag", RuleSetCatalog.tag(pinned.key(), pinned.version()))
			.putValue("variant", variant.name());
		ProcessInstance instance = as(actor,
				() -> this.runtime.createProcessInstanceById(variant.caseDefinitionId())
					.businessKey(businessKey)
					.setVariables(variables)
					.execute());
		Map<String, Integer> used = new HashMap<>();
		Simulation.Stop stop = Simulation.Stop.WAITING;
		String stoppedAt = null;
		String message = null;
		for (int completed = 0;; completed++) {
			List<Task> open = this.tasks.createTaskQuery()
				.tenantIdIn(Sandbox.TENANT)
				.processInstanceBusinessKey(businessKey)
				.active()
				.orderByTaskCreateTime()
				.asc()
				.list();
			if (open.isEmpty()) {
				break;
			}
			Task task = open.get(0);
			String key = task.getTaskDefinitionKey();
			if (completed >= MAX_STEPS) {
				stop = Simulation.Stop.LIMIT;
				stoppedAt = key;
				message = "stopped after " + MAX_STEPS + " steps; the scenario keeps the case looping";
				break;
			}
			List<Map<String, Object>> answers = scenario.steps().getOrDefault(key, List.of());
			int pass = used.getOrDefault(key, 0);
			if (pass >= answers.size()) {
				stop = Simulation.Stop.NO_ANSWER;
				stoppedAt = key;
				message = "the scenario has no answer for step " + key + " (" + task.getName() + ")"
						+ ((pass > 0) ? " on pass " + (pass + 1) + "; it answers " + answers.size() + " time(s)" : "");
				break;
			}
			used.put(key, pass + 1);
			try {
				this.steps.completeInTenant(task.getId(), Sandbox.TENANT, actor, answers.get(pass));
			}
			catch (StepException.Invalid ex) {
				stop = Simulation.Stop.REFUSED;
				stoppedAt = key;
				message = "step " + key + " refused the scenario's answer " + (pass + 1) + ": " + ex.getMessage();
				break;
			}
		}
		Simulation result = result(instance.getId());
		if (result.ended()) {
			return result;
		}
		return new Simulation(result.caseId(), result.businessKey(), result.title(), result.variantId(),
				result.variantName(), result.ruleSetTag(), result.status(), false, stop, stoppedAt,
				(message != null) ? message : "the case waits, with no step open for the scenario to answer",
				result.startedAt(), result.startedBy(), result.steps(), result.decisions(), result.processes());
	}

	/**
	 * A simulated case as it stands.
	 * @throws VariantException.NotFound if {@code caseId} is not a simulated case
	 */
	public Simulation result(String caseId) {
		HistoricProcessInstance root = this.history.createHistoricProcessInstanceQuery()
			.processInstanceId(caseId)
			.tenantIdIn(Sandbox.TENANT)
			.singleResult();
		if (root == null || !root.getId().equals(root.getRootProcessInstanceId())) {
			throw new VariantException.NotFound("no simulated case " + caseId + " in the sandbox");
		}
		Map<String, Object> variables = new HashMap<>();
		this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(caseId)
			.disableCustomObjectDeserialization()
			.list()
			.forEach((variable) -> variables.put(variable.getName(), variable.getValue()));
		List<HistoricProcessInstance> instances = this.history.createHistoricProcessInstanceQuery()
			.rootProcessInstanceId(caseId)
			.tenantIdIn(Sandbox.TENANT)
			.orderByProcessInstanceStartTime()
			.asc()
			.list();
		List<Simulation.ProcessRun> processes = new ArrayList<>();
		List<Simulation.DecisionRun> decisions = new ArrayList<>();
		for (HistoricProcessInstance instance : instances) {
			processes.add(new Simulation.ProcessRun(instance.getId(), instance.getProcessDefinitionKey(),
					instance.getProcessDefinitionId(), activities(instance.getId())));
			decisions.addAll(decisions(instance.getId()));
		}
		processes.sort(Comparator.comparing((Simulation.ProcessRun run) -> !run.processInstanceId().equals(caseId)));
		decisions.sort(Comparator.comparing(Simulation.DecisionRun::evaluatedAt));
		boolean ended = root.getEndTime() != null;
		String status = String.valueOf(variables.getOrDefault("caseStatus", "ACTIVE"));
		List<String> open = this.tasks.createTaskQuery()
			.tenantIdIn(Sandbox.TENANT)
			.processInstanceBusinessKey(root.getBusinessKey())
			.active()
			.list()
			.stream()
			.map(Task::getTaskDefinitionKey)
			.toList();
		Simulation.Stop stop = ended ? Simulation.Stop.ENDED
				: open.isEmpty() ? Simulation.Stop.WAITING : Simulation.Stop.NO_ANSWER;
		String message = ended ? "the case ended: " + status
				: open.isEmpty() ? "the case waits, with no step open" : "waiting at step " + String.join(", ", open);
		Variant variant = variantOf(root);
		Object version = variables.get("ruleSetVersion");
		return new Simulation(caseId, root.getBusinessKey(), String.valueOf(variables.getOrDefault("title", "")),
				(variant != null) ? variant.id() : null,
				(variant != null) ? variant.name() : String.valueOf(variables.get("variant")),
				variables.get("ruleSetKey") + ":" + version, status, ended, stop, open.isEmpty() ? null : open.get(0),
				message, root.getStartTime().toInstant(), root.getStartUserId(), completedSteps(root.getBusinessKey()),
				decisions, processes);
	}

	/** The simulated cases of variant {@code variantId}, newest first. */
	public List<Simulation> list(String variantId) {
		Variant variant = this.variants.find(variantId);
		return this.history.createHistoricProcessInstanceQuery()
			.processDefinitionId(variant.caseDefinitionId())
			.tenantIdIn(Sandbox.TENANT)
			.orderByProcessInstanceStartTime()
			.desc()
			.listPage(0, 50)
			.stream()
			.map((instance) -> result(instance.getId()))
			.toList();
	}

	private Variant variantOf(HistoricProcessInstance root) {
		ProcessDefinition definition = this.repository.getProcessDefinition(root.getProcessDefinitionId());
		try {
			return this.variants.find(definition.getDeploymentId());
		}
		catch (VariantException.NotFound ex) {
			return null;
		}
	}

	private RuleSetVersion pin(Scenario scenario, Variant variant) {
		String key = scenario.ruleSet();
		if (key == null) {
			key = this.variants.shippedVariant(variant.name()).map(ShippedVariant::ruleSet).orElse("sag-2008");
		}
		List<RuleSetVersion> versions = this.ruleSets.versions(key);
		if (versions.isEmpty()) {
			throw new VariantException.Invalid("ruleSet", "there is no rule set '" + key + "'");
		}
		if (scenario.ruleSetVersion() == null) {
			return versions.stream().max(Comparator.comparingInt(RuleSetVersion::version)).orElseThrow();
		}
		String ruleSet = key;
		return versions.stream()
			.filter((version) -> version.version() == scenario.ruleSetVersion())
			.findFirst()
			.orElseThrow(() -> new VariantException.Invalid("ruleSetVersion",
					"rule set " + ruleSet + " has no version " + scenario.ruleSetVersion()));
	}

	/** The user task ids of every process in the variant's deployment. */
	private Set<String> stepKeys(Variant variant) {
		Set<String> keys = new LinkedHashSet<>();
		for (ProcessDefinition definition : this.repository.createProcessDefinitionQuery()
			.deploymentId(variant.id())
			.list()) {
			BpmnModelInstance model = this.repository.getBpmnModelInstance(definition.getId());
			model.getModelElementsByType(UserTask.class).forEach((task) -> keys.add(task.getId()));
		}
		return keys;
	}

	private String businessKey(Variant variant) {
		String base = "sandbox-" + variant.name();
		long n = this.history.createHistoricProcessInstanceQuery()
			.tenantIdIn(Sandbox.TENANT)
			.processDefinitionKey(Sandbox.CASE_PROCESS)
			.count() + 1;
		String key = base + "-" + n;
		while (this.history.createHistoricProcessInstanceQuery()
			.tenantIdIn(Sandbox.TENANT)
			.processInstanceBusinessKey(key)
			.count() > 0) {
			key = base + "-" + (++n);
		}
		return key;
	}

	private List<String> activities(String processInstanceId) {
		return this.history.createHistoricActivityInstanceQuery()
			.processInstanceId(processInstanceId)
			.orderPartiallyByOccurrence()
			.asc()
			.list()
			.stream()
			.map(HistoricActivityInstance::getActivityId)
			.toList();
	}

	private List<Simulation.DecisionRun> decisions(String processInstanceId) {
		List<Simulation.DecisionRun> runs = new ArrayList<>();
		for (HistoricDecisionInstance decision : this.history.createHistoricDecisionInstanceQuery()
			.processInstanceId(processInstanceId)
			.includeOutputs()
			.disableCustomObjectDeserialization()
			.list()) {
			Map<String, Object> outputs = new HashMap<>();
			decision.getOutputs().forEach((output) -> outputs.put(output.getVariableName(), output.getValue()));
			String tag = this.repository.getDecisionDefinition(decision.getDecisionDefinitionId()).getVersionTag();
			runs.add(new Simulation.DecisionRun(decision.getDecisionDefinitionKey(), tag,
					(String) outputs.get("outcome"), (String) outputs.get("explanation"),
					decision.getEvaluationTime().toInstant()));
		}
		return runs;
	}

	private List<Simulation.StepRun> completedSteps(String businessKey) {
		List<Simulation.StepRun> runs = new ArrayList<>();
		for (HistoricTaskInstance task : this.history.createHistoricTaskInstanceQuery()
			.processInstanceBusinessKey(businessKey)
			.tenantIdIn(Sandbox.TENANT)
			.finished()
			.orderByHistoricTaskInstanceEndTime()
			.asc()
			.list()) {
			if (!"completed".equals(task.getDeleteReason())) {
				continue;
			}
			Map<String, Object> values = StepValues.of(this.history, task.getActivityInstanceId());
			runs.add(new Simulation.StepRun(task.getTaskDefinitionKey(), task.getName(), task.getEndTime().toInstant(),
					values));
		}
		return runs;
	}

	private <T> T as(Actor actor, java.util.function.Supplier<T> action) {
		Authentication previous = this.identity.getCurrentAuthentication();
		this.identity.setAuthentication(actor.userId(), List.copyOf(actor.groups()), List.of(Sandbox.TENANT));
		try {
			return action.get();
		}
		finally {
			if (previous != null) {
				this.identity.setAuthentication(previous);
			}
			else {
				this.identity.clearAuthentication();
			}
		}
	}

}
