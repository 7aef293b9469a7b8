package org.guildhall.engine.cases;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.rules.RuleSet;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;
import org.guildhall.engine.tasks.StepValues;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Starts, lists, reads, settles and withdraws cases of the {@code strike-authorization}
 * process. Live cases only: every query excludes tenants (the sandbox's simulated cases
 * are read through {@code org.guildhall.engine.variants}). (Bean name chosen so it does
 * not clash with Camunda's CMMN {@code caseService}.)
 */
@Service("guildhallCaseService")
public class CaseService {

	private static final LocalDate EARLIEST = StepService.EARLIEST_DATE;

	private static final LocalDate LATEST = StepService.LATEST_DATE;

	private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

	private static final Pattern MULTILINE_CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

	/** The top-level process every case runs. */
	public static final String PROCESS_KEY = "strike-authorization";

	/** The message that takes a case to ratification from any stage. */
	public static final String AGREEMENT_MESSAGE = "Message_AgreementReached";

	private static final String WITHDRAWN_PREFIX = "WITHDRAWN: ";

	private static final String[] SUMMARY_VARIABLES = { "title", "caseStatus", "ruleSetKey", "ruleSetVersion" };

	private final RuntimeService runtime;

	private final HistoryService history;

	private final RuleSetCatalog ruleSets;

	private final StepService steps;

	private final RepositoryService repository;

	private final IdentityService identity;

	public CaseService(RuntimeService runtime, HistoryService history, RuleSetCatalog ruleSets, StepService steps,
			RepositoryService repository, IdentityService identity) {
		this.runtime = runtime;
		this.history = history;
		this.ruleSets = ruleSets;
		this.steps = steps;
		this.repository = repository;
		this.identity = identity;
	}

	/**
	 * Starts a case pinned to the current version of {@code newCase.ruleSet()}; later
	 * versions of that rule set never change it.
	 * @throws org.guildhall.engine.rules.UnknownRuleSetException if the rule set is
	 * unknown
	 * @throws IllegalArgumentException if the title is blank
	 */
	public StartedCase start(NewCase newCase) {
		if (!StringUtils.hasText(newCase.title())) {
			throw new IllegalArgumentException("title is required");
		}
		requirePlainText("title", newCase.title(), false);
		requirePlainText("contract", newCase.contract(), false);
		requirePlainText("employer", newCase.employer(), false);
		requirePlausible("expiryDate", newCase.expiryDate());
		requirePlausible("finalOfferDate", newCase.finalOfferDate());
		RuleSet ruleSet = this.ruleSets.current(newCase.ruleSet());
		VariableMap variables = Variables.createVariables()
			.putValue("title", newCase.title().trim())
			.putValue("contract", newCase.contract())
			.putValue("employer", newCase.employer())
			.putValue("expiryDate", toDate(newCase.expiryDate()))
			.putValue("finalOfferDate", toDate(newCase.finalOfferDate()))
			.putValue("ruleSetKey", ruleSet.key())
			.putValue("ruleSetVersion", ruleSet.version())
			.putValue("ruleSetTag", ruleSet.tag());
		// the live definition: the sandbox tenant deploys variants under the same key
		ProcessInstance instance = this.runtime.createProcessInstanceByKey(PROCESS_KEY)
			.processDefinitionWithoutTenantId()
			.businessKey(uniqueBusinessKey(newCase.title()))
			.setVariables(variables)
			.execute();
		return new StartedCase(instance.getId(), instance.getBusinessKey(), ruleSet.tag());
	}

	/**
	 * The cases, newest first (at most 500).
	 * @param status only cases with this status, or null for all
	 */
	public List<CaseSummary> list(CaseStatus status) {
		List<HistoricProcessInstance> instances = this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(PROCESS_KEY)
			.withoutTenantId()
			.orderByProcessInstanceStartTime()
			.desc()
			.listPage(0, 500);
		if (instances.isEmpty()) {
			return List.of();
		}
		Map<String, Map<String, Object>> variables = new HashMap<>();
		this.history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
			.variableNameIn(SUMMARY_VARIABLES)
			.disableCustomObjectDeserialization()
			.list()
			.forEach((variable) -> variables.computeIfAbsent(variable.getProcessInstanceId(), (id) -> new HashMap<>())
				.put(variable.getName(), variable.getValue()));
		Map<String, List<StepTask>> openSteps = new HashMap<>();
		this.steps.open(null, null)
			.forEach((step) -> openSteps.computeIfAbsent(step.caseId(), (id) -> new ArrayList<>()).add(step));
		return instances.stream()
			.map((instance) -> summary(instance, variables.getOrDefault(instance.getId(), Map.of()),
					openSteps.getOrDefault(instance.getId(), List.of())))
			.filter((summary) -> status == null || summary.status() == status)
			.toList();
	}

	/**
	 * One case as lists show it: status, pinned rule set, open steps; without the history
	 * that {@link #find(String)} reads.
	 * @throws CaseNotFoundException if there is no case {@code id}
	 */
	public CaseSummary summary(String id) {
		HistoricProcessInstance root = rootInstance(id);
		Map<String, Object> variables = new HashMap<>();
		this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(id)
			.variableNameIn(SUMMARY_VARIABLES)
			.disableCustomObjectDeserialization()
			.list()
			.forEach((variable) -> variables.put(variable.getName(), variable.getValue()));
		return summary(root, variables, this.steps.open(root.getBusinessKey(), null));
	}

	/**
	 * Everything about one case.
	 * @throws CaseNotFoundException if there is no case {@code id}
	 */
	public CaseDetails find(String id) {
		HistoricProcessInstance root = rootInstance(id);
		Map<String, Object> variables = new HashMap<>();
		this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(id)
			.disableCustomObjectDeserialization()
			.list()
			.forEach((variable) -> variables.put(variable.getName(), variable.getValue()));
		CaseSummary summary = summary(root, variables, this.steps.open(root.getBusinessKey(), null));
		List<HistoricProcessInstance> instances = this.history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(root.getBusinessKey())
			.withoutTenantId()
			.orderByProcessInstanceStartTime()
			.asc()
			.list()
			.stream()
			.filter((instance) -> id.equals(instance.getRootProcessInstanceId()) || id.equals(instance.getId()))
			.toList();
		List<DecisionRecord> decisions = new ArrayList<>();
		List<ProcessView> processes = new ArrayList<>();
		for (HistoricProcessInstance instance : instances) {
			processes.add(view(instance));
			decisions.addAll(decisions(instance.getId()));
		}
		decisions.sort(Comparator.comparing(DecisionRecord::evaluated));
		processes.sort(Comparator.comparing((ProcessView view) -> !view.processInstanceId().equals(id)));
		DecisionRecord outcome = (summary.status() != CaseStatus.ACTIVE && summary.status() != CaseStatus.WITHDRAWN
				&& !decisions.isEmpty()) ? decisions.get(decisions.size() - 1) : null;
		return new CaseDetails(summary, (String) variables.get("contract"), (String) variables.get("employer"),
				(Date) variables.get("expiryDate"), (Date) variables.get("finalOfferDate"), outcome, decisions,
				timeline(root.getBusinessKey()), processes);
	}

	/**
	 * Correlates {@code Message_AgreementReached}: the case leaves whatever stage it is
	 * in and goes to member ratification.
	 * @throws CaseStateException if the case has ended or is already ratifying an
	 * agreement
	 */
	@Transactional
	public void agreementReached(String id, Actor actor) {
		requireActive(id);
		try {
			as(actor, () -> this.runtime.createMessageCorrelation(AGREEMENT_MESSAGE).processInstanceId(id).correlate());
		}
		catch (MismatchingMessageCorrelationException ex) {
			throw new CaseStateException("case " + id + " cannot take an agreement now: it is already in ratification");
		}
	}

	/**
	 * Withdraws an active case: it ends with status {@code WITHDRAWN} and the reason on
	 * record.
	 * @throws IllegalArgumentException if {@code reason} is blank
	 * @throws CaseStateException if the case has ended
	 */
	@Transactional
	public void withdraw(String id, String reason, Actor actor) {
		if (!StringUtils.hasText(reason)) {
			throw new IllegalArgumentException("reason is required to withdraw a case");
		}
		requirePlainText("reason", reason, true);
		requireActive(id);
		as(actor, () -> {
			this.runtime.setVariable(id, "caseStatus", CaseStatus.WITHDRAWN.name());
			this.runtime.setVariable(id, "withdrawnReason", reason.trim());
			this.runtime.setVariable(id, "withdrawnBy", actor.userId());
			this.runtime.deleteProcessInstance(id, WITHDRAWN_PREFIX + reason.trim());
		});
	}

	private void requireActive(String id) {
		HistoricProcessInstance root = rootInstance(id);
		if (root.getEndTime() != null) {
			throw new CaseStateException("case " + id + " has ended (" + statusOf(root, Map.of()) + ")");
		}
	}

	private HistoricProcessInstance rootInstance(String id) {
		HistoricProcessInstance root = this.history.createHistoricProcessInstanceQuery()
			.processInstanceId(id)
			.processDefinitionKey(PROCESS_KEY)
			.withoutTenantId()
			.singleResult();
		if (root == null) {
			throw new CaseNotFoundException(id);
		}
		return root;
	}

	private CaseSummary summary(HistoricProcessInstance instance, Map<String, Object> variables, List<StepTask> open) {
		Object version = variables.get("ruleSetVersion");
		return new CaseSummary(instance.getId(), instance.getBusinessKey(),
				(String) variables.getOrDefault("title", instance.getBusinessKey()), statusOf(instance, variables),
				(String) variables.get("ruleSetKey"), (version instanceof Number n) ? n.intValue() : null,
				instance.getStartTime(), instance.getEndTime(), open);
	}

	private static CaseStatus statusOf(HistoricProcessInstance instance, Map<String, Object> variables) {
		if (instance.getDeleteReason() != null && instance.getDeleteReason().startsWith(WITHDRAWN_PREFIX)) {
			return CaseStatus.WITHDRAWN;
		}
		Object status = variables.get("caseStatus");
		try {
			return (status != null) ? CaseStatus.valueOf(status.toString()) : CaseStatus.ACTIVE;
		}
		catch (IllegalArgumentException ex) {
			return CaseStatus.ACTIVE;
		}
	}

	private ProcessView view(HistoricProcessInstance instance) {
		List<String> active = new ArrayList<>();
		List<String> completed = new ArrayList<>();
		this.history.createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.orderByHistoricActivityInstanceStartTime()
			.asc()
			.list()
			.forEach((activity) -> {
				if (activity.getEndTime() == null) {
					active.add(activity.getActivityId());
				}
				else if (!activity.isCanceled()) {
					// interrupted activities (agreement, withdrawal, window closing) were
					// never done
					completed.add(activity.getActivityId());
				}
			});
		return new ProcessView(instance.getId(), instance.getProcessDefinitionKey(), instance.getProcessDefinitionId(),
				instance.getEndTime() == null, active, completed);
	}

	private List<DecisionRecord> decisions(String processInstanceId) {
		List<DecisionRecord> records = new ArrayList<>();
		for (HistoricDecisionInstance decision : this.history.createHistoricDecisionInstanceQuery()
			.processInstanceId(processInstanceId)
			.includeInputs()
			.includeOutputs()
			.disableCustomObjectDeserialization()
			.list()) {
			Map<String, Object> outputs = new HashMap<>();
			decision.getOutputs().forEach((output) -> outputs.put(output.getVariableName(), output.getValue()));
			Map<String, Object> inputs = new LinkedHashMap<>();
			decision.getInputs().forEach((input) -> inputs.put(input.getClauseName(), input.getValue()));
			String tag = this.repository.getDecisionDefinition(decision.getDecisionDefinitionId()).getVersionTag();
			records.add(new DecisionRecord(decision.getDecisionDefinitionKey(), tag, (String) outputs.get("outcome"),
					(String) outputs.get("explanation"), inputs, decision.getEvaluationTime()));
		}
		return records;
	}

	private List<TimelineEntry> timeline(String businessKey) {
		List<TimelineEntry> entries = new ArrayList<>();
		for (HistoricTaskInstance task : this.history.createHistoricTaskInstanceQuery()
			.processInstanceBusinessKey(businessKey)
			.withoutTenantId()
			.finished()
			.orderByHistoricTaskInstanceEndTime()
			.asc()
			.list()) {
			if (!"completed".equals(task.getDeleteReason())) {
				continue; // cancelled, e.g. by an agreement or the window closing
			}
			Map<String, Object> values = StepValues.of(this.history, task.getActivityInstanceId());
			entries.add(new TimelineEntry(task.getEndTime(), task.getTaskDefinitionKey(), task.getName(),
					task.getAssignee(), values));
		}
		return entries;
	}

	private void as(Actor actor, Runnable action) {
		Authentication previous = this.identity.getCurrentAuthentication();
		this.identity.setAuthentication(actor.userId(), List.copyOf(actor.groups()));
		try {
			action.run();
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

	/**
	 * The business key for a title: lower-case words joined by hyphens, made unique with
	 * a suffix.
	 */
	String uniqueBusinessKey(String title) {
		String base = slug(title);
		String key = base;
		for (int n = 2; this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(PROCESS_KEY)
			.withoutTenantId()
			.processInstanceBusinessKey(key)
			.count() > 0; n++) {
			key = base + "-" + n;
		}
		return key;
	}

	static String slug(String title) {
		String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		if (slug.length() > 60) {
			slug = slug.substring(0, 60).replaceAll("-$", "");
		}
		return slug.isEmpty() ? "case" : slug;
	}

	/**
	 * Refuses control characters (a NUL cannot even be stored in PostgreSQL text); line
	 * breaks and tabs only where {@code multiline}.
	 */
	private static void requirePlainText(String field, String text, boolean multiline) {
		if (text != null && (multiline ? MULTILINE_CONTROL : CONTROL).matcher(text).find()) {
			throw new IllegalArgumentException(field + " must not contain control characters"
					+ (multiline ? " other than line breaks and tabs" : ""));
		}
	}

	/** Dates a governance case can have (as steps: the years 1900 to 2999). */
	private static void requirePlausible(String field, LocalDate date) {
		if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
			throw new IllegalArgumentException(
					field + " must be between " + EARLIEST + " and " + LATEST + ", not " + date);
		}
	}

	private static Date toDate(LocalDate date) {
		return (date != null) ? Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant()) : null;
	}

}
