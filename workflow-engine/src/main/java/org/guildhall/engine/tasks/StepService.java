package org.guildhall.engine.tasks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.FormFieldValidationConstraint;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.FormException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.metrics.GuildhallMetrics;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Human steps as staff see them: the open steps of a case or of a user's groups, a step's
 * form as the model defines it, and claiming and completing a step. Every action runs as
 * the acting user in Camunda (so its user operation log and history name them) and is
 * refused with a {@link StepException} that says why: an invalid field
 * ({@link StepException.Invalid}), a user outside the step's groups
 * ({@link StepException.Forbidden}), a step completed or held by someone else
 * ({@link StepException.Conflict}).
 */
@Service
public class StepService {

	/**
	 * The earliest date any step (or case) accepts: dates are typed by hand, and a year
	 * outside 1900-2999 is a typing error, not a meeting.
	 */
	public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);

	/** The latest date any step (or case) accepts. */
	public static final LocalDate LATEST_DATE = LocalDate.of(2999, 12, 31);

	/**
	 * Control characters other than tab and line breaks; a NUL cannot even be stored in
	 * PostgreSQL text.
	 */
	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

	private static final String CASE_PROCESS = "strike-authorization";

	/** A date-time with a zone offset: Z, +hh:mm or -hh:mm after the time. */
	private static final Pattern HAS_OFFSET = Pattern.compile("T.*([Zz]|[+-]\\d{2}(:?\\d{2})?)$");

	private final TaskService tasks;

	private final FormService forms;

	private final RuntimeService runtime;

	private final HistoryService history;

	private final IdentityService identity;

	private final GuildhallMetrics metrics;

	/**
	 * Runs several service calls as one engine command: they share one command context
	 * (Camunda reuses an open context for nested calls), so the step is read from the
	 * database once and written in one flush.
	 */
	private final CommandExecutor commands;

	public StepService(ProcessEngine engine, TaskService tasks, FormService forms, RuntimeService runtime,
			HistoryService history, IdentityService identity, GuildhallMetrics metrics) {
		this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
			.getCommandExecutorTxRequired();
		this.metrics = metrics;
		this.tasks = tasks;
		this.forms = forms;
		this.runtime = runtime;
		this.history = history;
		this.identity = identity;
	}

	/**
	 * The open steps, newest first.
	 * @param caseKey only the steps of the case with this business key, or null for all
	 * cases
	 * @param groups only steps for these candidate groups, or null for any group
	 */
	public List<StepTask> open(String caseKey, Collection<String> groups) {
		if (groups != null && groups.isEmpty()) {
			return List.of();
		}
		// live steps only: the sandbox tenant's simulated cases never appear in staff
		// lists
		TaskQuery query = this.tasks.createTaskQuery().active().withoutTenantId();
		if (caseKey != null) {
			// one case's open steps are a handful: read them by the case's key alone and
			// keep the groups' ones here, by the candidate groups each step shows anyway
			// (the query's join of the identity links, with its "or assigned", costs more
			// than the whole list), each with its process instance from the command's
			// entity cache
			query.processInstanceBusinessKey(caseKey);
			return this.commands.execute((context) -> query.orderByTaskCreateTime()
				.desc()
				.listPage(0, 500)
				.stream()
				.map((task) -> toStep(task, ((TaskEntity) task).getProcessInstance()))
				.filter((step) -> groups == null || step.candidateGroups().stream().anyMatch(groups::contains))
				.toList());
		}
		if (groups != null) {
			query.taskCandidateGroupIn(List.copyOf(groups)).includeAssignedTasks();
		}
		return this.commands.execute((context) -> {
			List<Task> found = query.orderByTaskCreateTime().desc().listPage(0, 500);
			Map<String, ProcessInstance> instances = instancesOf(found);
			return found.stream().map((task) -> toStep(task, instances.get(task.getProcessInstanceId()))).toList();
		});
	}

	/** The open step {@code taskId} with its form. */
	public StepForm form(String taskId) {
		Task task = openTask(taskId);
		StepTask step = toStep(task, instancesOf(List.of(task)).get(task.getProcessInstanceId()));
		Object title = this.runtime.getVariable(task.getProcessInstanceId(), "title");
		List<StepField> fields = this.forms.getTaskFormData(taskId)
			.getFormFields()
			.stream()
			.map(StepService::toField)
			.toList();
		return new StepForm(step, (title != null) ? title.toString() : step.caseKey(), fields);
	}

	/** {@code actor} takes the step; a no-op if they hold it already. */
	@Transactional
	public StepTask claim(String taskId, Actor actor) {
		Task task = openTask(taskId);
		checkGroups(task, actor);
		if (task.getAssignee() == null) {
			as(actor, () -> {
				this.tasks.claim(taskId, actor.userId());
				return null;
			});
		}
		else if (!task.getAssignee().equals(actor.userId())) {
			throw heldBy(task);
		}
		Task claimed = openTask(taskId);
		return toStep(claimed, instancesOf(List.of(claimed)).get(claimed.getProcessInstanceId()));
	}

	/** {@code actor} gives the step back to its groups. */
	@Transactional
	public void unclaim(String taskId, Actor actor) {
		Task task = openTask(taskId);
		checkGroups(task, actor);
		if (task.getAssignee() != null && !task.getAssignee().equals(actor.userId())) {
			throw heldBy(task);
		}
		as(actor, () -> {
			this.tasks.setAssignee(taskId, null);
			return null;
		});
	}

	/**
	 * Completes the step with {@code values} (field id to value; strings are converted by
	 * the field's type: whole numbers, {@code true}/{@code false}, ISO-8601 dates or
	 * date-times, enum values). The step is claimed for {@code actor} first if nobody
	 * holds it. Nothing is stored unless everything is valid.
	 */
	@Transactional
	public void complete(String taskId, Actor actor, Map<String, ?> values) {
		Completion completion;
		try {
			// one command as the actor: the step, its groups and its form read once, then
			// claimed and submitted with one flush. A refusal by Guildhall's own checks
			// is
			// handed out of the command, not thrown in it (it is not an engine failure
			// and
			// nothing was written)
			completion = as(actor, () -> this.commands.execute((context) -> {
				// by its key, into the command's entity cache, where the form, the claim
				// and the submission find it again (a task query would be a join for the
				// same row); live steps only, as the query's withoutTenantId() was
				TaskEntity task = context.getTaskManager().findTaskById(taskId);
				if (task == null || task.getTenantId() != null) {
					return Completion.refused(completedOrMissing(taskId));
				}
				Map<String, Object> converted;
				try {
					checkGroups(task, candidateGroups(taskId), actor);
					if (task.getAssignee() != null && !task.getAssignee().equals(actor.userId())) {
						throw heldBy(task);
					}
					converted = convert(task, this.forms.getTaskFormData(taskId).getFormFields(), values);
				}
				catch (StepException ex) {
					return Completion.refused(ex);
				}
				if (task.getAssignee() == null) {
					this.tasks.claim(taskId, actor.userId());
				}
				this.forms.submitTaskForm(taskId, converted);
				return new Completion(task.getTaskDefinitionKey(), null);
			}));
		}
		catch (FormFieldValidatorException ex) {
			throw new StepException.Invalid(ex.getId(), ex.getMessage());
		}
		catch (FormException ex) {
			throw new StepException.Invalid(null, ex.getMessage());
		}
		catch (StepRefusedException ex) {
			throw new StepException.Invalid(ex.field(), ex.getMessage());
		}
		catch (OptimisticLockingException | NullValueException ex) {
			throw completedOrMissing(taskId);
		}
		if (completion.refusal() != null) {
			throw completion.refusal();
		}
		this.metrics.stepCompleted(completion.stepKey());
	}

	/**
	 * Completes a step of a simulated case in tenant {@code tenantId} (the sandbox) with
	 * {@code values}, converted and checked as {@link #complete} does and submitted
	 * through the model's form with its validators, as {@code actor} authenticated for
	 * that tenant. Groups are not checked: the modeler plays every part of a simulation.
	 * Not counted in the step metrics.
	 * @throws StepException.NotFound if there is no open step {@code taskId} in that
	 * tenant
	 * @throws StepException.Invalid if a value is refused
	 */
	@Transactional
	public void completeInTenant(String taskId, String tenantId, Actor actor, Map<String, ?> values) {
		Task task = this.tasks.createTaskQuery().taskId(taskId).tenantIdIn(tenantId).singleResult();
		if (task == null) {
			throw new StepException.NotFound(taskId);
		}
		List<FormField> fields = this.forms.getTaskFormData(taskId).getFormFields();
		Map<String, Object> converted = convert(task, fields, values);
		Authentication current = this.identity.getCurrentAuthentication();
		this.identity.setAuthentication(actor.userId(), List.copyOf(actor.groups()), List.of(tenantId));
		try {
			if (task.getAssignee() == null) {
				this.tasks.claim(taskId, actor.userId());
			}
			this.forms.submitTaskForm(taskId, converted);
		}
		catch (FormFieldValidatorException ex) {
			throw new StepException.Invalid(ex.getId(), ex.getMessage());
		}
		catch (FormException ex) {
			throw new StepException.Invalid(null, ex.getMessage());
		}
		catch (StepRefusedException ex) {
			throw new StepException.Invalid(ex.field(), ex.getMessage());
		}
		finally {
			if (current != null) {
				this.identity.setAuthentication(current);
			}
			else {
				this.identity.clearAuthentication();
			}
		}
	}

	private Task openTask(String taskId) {
		Task task = this.tasks.createTaskQuery().taskId(taskId).withoutTenantId().singleResult();
		if (task == null) {
			throw completedOrMissing(taskId);
		}
		return task;
	}

	private StepException completedOrMissing(String taskId) {
		HistoricTaskInstance done = this.history.createHistoricTaskInstanceQuery()
			.taskId(taskId)
			.withoutTenantId()
			.singleResult();
		if (done == null) {
			return new StepException.NotFound(taskId);
		}
		String by = (done.getAssignee() != null) ? done.getAssignee() : "someone";
		return new StepException.Conflict("step " + done.getTaskDefinitionKey() + " was already completed by " + by
				+ " at " + done.getEndTime().toInstant());
	}

	private void checkGroups(Task task, Actor actor) {
		List<String> candidates;
		try {
			candidates = candidateGroups(task.getId());
		}
		catch (NullPointerException | ProcessEngineException ex) {
			// completed by someone else between reading the step and its groups: Camunda
			// then fails inside its own authorization check
			if (this.tasks.createTaskQuery().taskId(task.getId()).count() == 0) {
				throw completedOrMissing(task.getId());
			}
			throw ex;
		}
		checkGroups(task, candidates, actor);
	}

	private static void checkGroups(Task task, List<String> candidates, Actor actor) {
		if (candidates.stream().noneMatch(actor.groups()::contains)) {
			throw new StepException.Forbidden("step " + task.getTaskDefinitionKey() + " is for " + candidates + "; "
					+ actor.userId() + " is in " + actor.groups().stream().sorted().toList());
		}
	}

	/**
	 * What the completing command did: completed the step {@code stepKey}, or refused it
	 * for {@code refusal} without writing anything.
	 */
	private record Completion(String stepKey, StepException refusal) {

		static Completion refused(StepException refusal) {
			return new Completion(null, refusal);
		}

	}

	private static StepException heldBy(Task task) {
		return new StepException.Conflict("step " + task.getTaskDefinitionKey() + " is held by " + task.getAssignee()
				+ "; they must complete or release it first");
	}

	private List<String> candidateGroups(String taskId) {
		return this.tasks.getIdentityLinksForTask(taskId)
			.stream()
			.filter((link) -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
			.map(IdentityLink::getGroupId)
			.sorted()
			.toList();
	}

	private <T> T as(Actor actor, Supplier<T> action) {
		Authentication current = this.identity.getCurrentAuthentication();
		boolean same = current != null && actor.userId().equals(current.getUserId());
		if (!same) {
			this.identity.setAuthentication(actor.userId(), List.copyOf(actor.groups()));
		}
		try {
			return action.get();
		}
		finally {
			if (!same) {
				if (current != null) {
					this.identity.setAuthentication(current);
				}
				else {
					this.identity.clearAuthentication();
				}
			}
		}
	}

	private Map<String, ProcessInstance> instancesOf(List<Task> found) {
		Set<String> ids = found.stream()
			.map(Task::getProcessInstanceId)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.runtime.createProcessInstanceQuery()
			.processInstanceIds(ids)
			.list()
			.stream()
			.collect(Collectors.toMap(ProcessInstance::getId, (instance) -> instance));
	}

	private StepTask toStep(Task task, ProcessInstance instance) {
		String caseKey = (instance != null) ? instance.getBusinessKey() : null;
		String caseId = (instance != null) ? instance.getRootProcessInstanceId() : task.getProcessInstanceId();
		boolean escalated = this.tasks.getVariableLocal(task.getId(), "escalatedAt") != null;
		return new StepTask(task.getId(), caseId, caseKey, task.getTaskDefinitionKey(), task.getName(),
				candidateGroups(task.getId()), task.getAssignee(), task.getCreateTime(), task.getDueDate(), escalated);
	}

	private static StepField toField(FormField field) {
		String type = field.getTypeName();
		List<StepField.Option> options = new ArrayList<>();
		if ("enum".equals(type)) {
			Object values = field.getType().getInformation("values");
			if (values instanceof Map<?, ?> map) {
				map.forEach((value, label) -> options
					.add(new StepField.Option(String.valueOf(value), String.valueOf(label))));
			}
		}
		Long min = null;
		Long max = null;
		Integer maxLength = null;
		boolean required = false;
		boolean readOnly = false;
		for (FormFieldValidationConstraint constraint : field.getValidationConstraints()) {
			Object config = constraint.getConfiguration();
			switch (constraint.getName()) {
				case "required" -> required = true;
				case "readonly" -> readOnly = true;
				case "min" -> min = Long.valueOf(String.valueOf(config));
				case "max" -> max = Long.valueOf(String.valueOf(config));
				case "maxlength" -> maxLength = Integer.valueOf(String.valueOf(config));
				default -> {
				}
			}
		}
		Object value = (field.getValue() != null) ? field.getValue().getValue() : null;
		String help = (field.getProperties() != null) ? field.getProperties().get("help") : null;
		return new StepField(field.getId(), (field.getLabel() != null) ? field.getLabel() : field.getId(), type,
				required, List.copyOf(options), min, max, maxLength, help, value, readOnly);
	}

	/**
	 * Converts and checks submitted values against the model's fields before the engine
	 * sees them, so every refusal names its field.
	 */
	private static Map<String, Object> convert(Task task, List<FormField> fields, Map<String, ?> values) {
		Map<String, StepField> byId = new LinkedHashMap<>();
		fields.forEach((field) -> byId.put(field.getId(), toField(field)));
		for (String submitted : values.keySet()) {
			if (!byId.containsKey(submitted)) {
				throw new StepException.Invalid(submitted, submitted + " is not a field of step "
						+ task.getTaskDefinitionKey() + "; its fields are " + byId.keySet());
			}
		}
		Map<String, Object> converted = new HashMap<>();
		for (StepField field : byId.values()) {
			Object raw = values.get(field.id());
			if (field.readOnly()) {
				if (raw != null && !(raw instanceof String s && s.isBlank())) {
					throw new StepException.Invalid(field.id(),
							field.id() + " is shown for information and cannot be changed");
				}
				continue;
			}
			if (raw == null || (raw instanceof String s && s.isBlank())) {
				if (field.required() && field.value() == null && !"boolean".equals(field.type())) {
					throw new StepException.Invalid(field.id(), field.id() + " is required (" + field.label() + ")");
				}
				continue;
			}
			converted.put(field.id(), convert(field, raw));
		}
		return converted;
	}

	private static Object convert(StepField field, Object raw) {
		String id = field.id();
		switch (field.type()) {
			case "long" -> {
				long number = wholeNumber(id, raw);
				if (field.min() != null && number < field.min()) {
					throw new StepException.Invalid(id, id + " must be at least " + field.min() + ", not " + number);
				}
				if (field.max() != null && number > field.max()) {
					throw new StepException.Invalid(id, id + " must be at most " + field.max() + ", not " + number);
				}
				return number;
			}
			case "boolean" -> {
				if (raw instanceof Boolean bool) {
					return bool;
				}
				String text = raw.toString().trim().toLowerCase();
				if (text.equals("true") || text.equals("on")) {
					return true;
				}
				if (text.equals("false") || text.equals("off")) {
					return false;
				}
				throw new StepException.Invalid(id, id + " must be true or false, not '" + raw + "'");
			}
			case "date" -> {
				Date date = date(id, raw);
				LocalDate day = LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
				if (day.isBefore(EARLIEST_DATE) || day.isAfter(LATEST_DATE)) {
					throw new StepException.Invalid(id,
							id + " must be between " + EARLIEST_DATE + " and " + LATEST_DATE + ", not " + day);
				}
				return date;
			}
			case "enum" -> {
				String value = raw.toString().trim();
				if (field.options().stream().noneMatch((option) -> option.value().equals(value))) {
					throw new StepException.Invalid(id, id + " must be one of "
							+ field.options().stream().map(StepField.Option::value).toList() + ", not '" + value + "'");
				}
				return value;
			}
			default -> {
				if (!(raw instanceof String) && !(raw instanceof Number) && !(raw instanceof Boolean)) {
					throw new StepException.Invalid(id, id + " must be text");
				}
				String text = raw.toString();
				if (field.maxLength() != null && text.length() > field.maxLength()) {
					throw new StepException.Invalid(id,
							id + " must be at most " + field.maxLength() + " characters, not " + text.length());
				}
				if (CONTROL.matcher(text).find()) {
					throw new StepException.Invalid(id,
							id + " must not contain control characters other than line breaks and tabs");
				}
				return text;
			}
		}
	}

	private static long wholeNumber(String id, Object raw) {
		try {
			BigDecimal number = (raw instanceof Number n) ? new BigDecimal(n.toString())
					: new BigDecimal(raw.toString().trim());
			BigInteger whole = number.toBigIntegerExact();
			return whole.longValueExact();
		}
		catch (ArithmeticException | NumberFormatException ex) {
			throw new StepException.Invalid(id, id + " must be a whole number, not '" + raw + "'");
		}
	}

	private static Date date(String id, Object raw) {
		if (raw instanceof Date date) {
			return date;
		}
		String text = raw.toString().trim();
		try {
			// the form tells which parser applies (no exception thrown per try: a step
			// has
			// several dates)
			if (text.indexOf('T') < 0) {
				return Date.from(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
			}
			if (HAS_OFFSET.matcher(text).find()) {
				return Date.from(OffsetDateTime.parse(text).toInstant());
			}
			return Date.from(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
		}
		catch (DateTimeParseException ex) {
			throw new StepException.Invalid(id, id
					+ " must be an ISO-8601 date (2008-10-19) or date-time (2008-10-19T18:00:00Z), not '" + text + "'");
		}
	}

}
