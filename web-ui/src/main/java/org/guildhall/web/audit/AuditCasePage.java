package org.guildhall.web.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaValue;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.guildhall.engine.audit.AuditCase;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;

/**
 * One case's trail as the audit pages show it: the timeline with each event's details in
 * words, the decisions, the path on each process's diagram and the outcome. Built from
 * the trail and the BPMN of the exact process definitions it names, never from Camunda's
 * history.
 */
final class AuditCasePage {

	/** Data keys that identify rather than describe; the exports carry them. */
	private static final Set<String> IDENTIFIERS = Set.of("taskId", "processInstanceId", "decisionDefinitionId",
			"processDefinitionKey", "deploymentId", "activityId", "businessKey");

	/** The activity named in Camunda's reason for cancelling a scope. */
	private static final Pattern CANCELLING_ACTIVITY = Pattern.compile("Activity\\((\\w+)\\)");

	private final AuditCase auditCase;

	private final List<Row> rows = new ArrayList<>();

	private final List<DecisionView> decisions = new ArrayList<>();

	private final List<Diagram> diagrams = new ArrayList<>();

	private final Outcome outcome;

	private final Map<String, String> elementNames = new LinkedHashMap<>();

	private final Map<String, String> processNames = new LinkedHashMap<>();

	private final Map<String, Map<String, FormFieldWords>> formFields = new LinkedHashMap<>();

	private AuditCasePage(AuditCase auditCase, List<AuditEvent> trail, Map<String, BpmnModelInstance> models) {
		this.auditCase = auditCase;
		models.values().stream().filter(Objects::nonNull).forEach(this::learn);
		Map<String, String> openSteps = openSteps(trail);
		Set<String> runningKeys = runningProcessKeys(trail);
		Map<String, String> keys = new LinkedHashMap<>();
		Map<String, Integer> runs = new LinkedHashMap<>();
		for (AuditEvent event : trail) {
			AuditKind kind = event.knownKind();
			Map<String, Object> details = event.details();
			Object definition = details.get("processDefinitionId");
			if (definition != null && (kind == AuditKind.CASE_STARTED || kind == AuditKind.PROCESS_STARTED
					|| kind == AuditKind.ACTIVITY_ENDED)) {
				keys.putIfAbsent(definition.toString(), String.valueOf(details.get("processDefinitionKey")));
				if (kind != AuditKind.ACTIVITY_ENDED) {
					runs.merge(definition.toString(), 1, Integer::sum);
				}
			}
			this.rows.add(row(event));
			if (kind == AuditKind.DECISION_EVALUATED) {
				this.decisions.add(decision(event));
			}
		}
		int index = 0;
		for (Map.Entry<String, String> definition : keys.entrySet()) {
			String key = definition.getValue();
			Set<String> open = new LinkedHashSet<>();
			boolean latestOfKey = keys.entrySet()
				.stream()
				.filter((other) -> other.getValue().equals(key))
				.reduce((first, second) -> second)
				.map((last) -> last.getKey().equals(definition.getKey()))
				.orElse(true);
			if (latestOfKey) {
				openSteps.forEach((step, processKey) -> {
					if (processKey.equals(key)) {
						open.add(step);
					}
				});
			}
			BpmnModelInstance model = models.get(definition.getKey());
			open.addAll(ProcessPath.runningCallActivities(model, runningKeys));
			ProcessPath.Path path = ProcessPath.of(definition.getKey(), trail, open, model);
			this.diagrams.add(new Diagram(index++, definition.getKey(), key,
					this.processNames.getOrDefault(key, TrailWords.label(key)),
					runs.getOrDefault(definition.getKey(), 0), path, loops(path),
					open.stream().map(this::elementName).toList(), model != null));
		}
		this.outcome = outcome(trail);
	}

	/**
	 * The page of {@code auditCase}.
	 * @param trail its events in chain order
	 * @param models the BPMN of each process definition the trail names (a null value for
	 * one that cannot be read)
	 */
	static AuditCasePage of(AuditCase auditCase, List<AuditEvent> trail, Map<String, BpmnModelInstance> models) {
		return new AuditCasePage(auditCase, trail, models);
	}

	/** The process definitions the trail names, in the order it first names them. */
	static List<String> processDefinitionIds(List<AuditEvent> trail) {
		Set<String> ids = new LinkedHashSet<>();
		for (AuditEvent event : trail) {
			AuditKind kind = event.knownKind();
			Object definition = event.details().get("processDefinitionId");
			if (definition != null && (kind == AuditKind.CASE_STARTED || kind == AuditKind.PROCESS_STARTED
					|| kind == AuditKind.ACTIVITY_ENDED)) {
				ids.add(definition.toString());
			}
		}
		return List.copyOf(ids);
	}

	public AuditCase auditCase() {
		return this.auditCase;
	}

	/** Every event, oldest first. */
	public List<Row> rows() {
		return this.rows;
	}

	/**
	 * The events a filter shows.
	 * @param kind only this kind (null or blank for all)
	 * @param actor only this actor (null or blank for all)
	 * @param showPath whether to show the path events ({@code ACTIVITY_ENDED}) when no
	 * kind is chosen
	 */
	public List<Row> rows(String kind, String actor, boolean showPath) {
		boolean anyKind = kind == null || kind.isBlank();
		boolean anyActor = actor == null || actor.isBlank();
		return this.rows.stream()
			.filter((row) -> anyKind ? (showPath || !row.path()) : row.kind().equals(kind))
			.filter((row) -> anyActor || row.actor().equals(actor))
			.toList();
	}

	/** The kinds in this trail with their labels, in the enum's order. */
	public Map<String, String> kinds() {
		Map<String, String> present = new LinkedHashMap<>();
		for (AuditKind kind : AuditKind.values()) {
			if (this.rows.stream().anyMatch((row) -> row.kind().equals(kind.name()))) {
				present.put(kind.name(), kind.label());
			}
		}
		this.rows.stream()
			.filter((row) -> !present.containsKey(row.kind()))
			.forEach((row) -> present.put(row.kind(), row.kindLabel()));
		return present;
	}

	/** Everyone who appears as an actor, sorted. */
	public Set<String> actors() {
		Set<String> actors = new TreeSet<>();
		this.rows.forEach((row) -> actors.add(row.actor()));
		return actors;
	}

	/** How many path events there are. */
	public long pathEvents() {
		return this.rows.stream().filter(Row::path).count();
	}

	public List<DecisionView> decisions() {
		return this.decisions;
	}

	public List<Diagram> diagrams() {
		return this.diagrams;
	}

	public Outcome outcome() {
		return this.outcome;
	}

	/** The case's last event, or null for an empty trail. */
	public Row lastRow() {
		return this.rows.isEmpty() ? null : this.rows.get(this.rows.size() - 1);
	}

	private Row row(AuditEvent event) {
		AuditKind kind = event.knownKind();
		String label = (kind != null) ? kind.label() : TrailWords.constant(event.kind());
		return new Row(event.seq(), event.occurredAt(), TrailWords.clock(event.occurredAt()), event.kind(), label,
				event.actor(), subject(event), event.subject(), details(event), kind == AuditKind.ACTIVITY_ENDED,
				event.hash());
	}

	/** What the event happened to, in words. */
	private String subject(AuditEvent event) {
		AuditKind kind = event.knownKind();
		Map<String, Object> details = event.details();
		String subject = event.subject();
		if (kind == null) {
			return (subject != null) ? subject : "";
		}
		return switch (kind) {
			case CASE_STARTED, CASE_ENDED -> "The case";
			case PROCESS_STARTED, PROCESS_ENDED -> this.processNames.getOrDefault(subject, TrailWords.label(subject));
			case DECISION_EVALUATED -> TrailWords.decision(subject);
			case STEP_CREATED, STEP_CLAIMED, STEP_UNCLAIMED, STEP_COMPLETED, STEP_CANCELLED, ACTIVITY_ENDED,
					MESSAGE_CORRELATED ->
				(details.get("name") != null) ? details.get("name").toString() : elementName(subject);
			case TIMER_FIRED, INCIDENT_RAISED -> elementName(subject);
			case BALLOT_PREPARED, CREDENTIALS_DOWNLOADED, BALLOT_BOX_OPENED, BALLOT_BOX_CLOSED, BALLOT_TALLIED ->
				(subject != null) ? "Vote " + abbreviate(subject) : "A vote";
			case ROLL_UPLOADED -> "The eligibility roll";
			default -> (subject != null) ? subject : "";
		};
	}

	private String elementName(String id) {
		if (id == null) {
			return "";
		}
		return this.elementNames.getOrDefault(id, id);
	}

	/** The event's details in words. */
	private List<Detail> details(AuditEvent event) {
		AuditKind kind = event.knownKind();
		Map<String, Object> data = event.details();
		List<Detail> words = new ArrayList<>();
		if (kind == null) {
			generic(data, words);
			return words;
		}
		switch (kind) {
			case CASE_STARTED -> {
				add(words, "Title", data.get("title"));
				add(words, "Contract", data.get("contract"));
				add(words, "Employer", data.get("employer"));
				add(words, "Contract expiry", data.get("expiryDate"));
				add(words, "Final offer", data.get("finalOfferDate"));
				add(words, "Rule set pinned", data.get("ruleSetTag"));
				add(words, "Process", data.get("processDefinitionId"));
			}
			case CASE_ENDED -> {
				add(words, "Status", data.get("status"));
				add(words, "Reason", data.get("reason"));
				addName(words, "Ended at", data.get("endActivityId"));
			}
			case PROCESS_STARTED -> add(words, "Process", data.get("processDefinitionId"));
			case PROCESS_ENDED -> {
				addName(words, "Ended at", data.get("endActivityId"));
				if (data.get("reason") != null) {
					words.add(new Detail("Interrupted", interruption(String.valueOf(data.get("reason")))));
				}
			}
			case STEP_CREATED -> {
				add(words, "For", data.get("candidateGroups"));
				add(words, "Due", data.get("due"));
			}
			case STEP_CLAIMED -> add(words, "Taken by", data.get("assignee"));
			case STEP_UNCLAIMED -> add(words, "Released by", data.get("previousAssignee"));
			case STEP_COMPLETED -> {
				values(String.valueOf(data.get("processDefinitionKey")), event.subject(), data.get("values"), words);
			}
			case STEP_CANCELLED -> {
				words.add(new Detail("Interrupted",
						"the step ended without being completed (reason recorded: " + data.get("reason") + ")"));
				add(words, "Held by", data.get("assignee"));
			}
			case DECISION_EVALUATED -> {
				add(words, "Outcome", data.get("outcome"));
				add(words, "Explanation", data.get("explanation"));
				add(words, "Rule set", data.get("ruleSetTag"));
				if (data.get("inputs") instanceof Map<?, ?> inputs) {
					inputs.forEach((name, value) -> add(words, String.valueOf(name), value));
				}
			}
			case TIMER_FIRED -> {
				add(words, "Due", data.get("due"));
				add(words, "Timer", data.get("configuration"));
			}
			case MESSAGE_CORRELATED -> add(words, "Message", data.get("name"));
			case ACTIVITY_ENDED -> {
				add(words, "Type", TrailWords.label(String.valueOf(data.get("activityType"))));
				if (Boolean.TRUE.equals(data.get("canceled"))) {
					words.add(new Detail("Interrupted", "yes"));
				}
			}
			case INCIDENT_RAISED -> {
				add(words, "Type", data.get("incidentType"));
				add(words, "Message", data.get("message"));
			}
			default -> generic(data, words);
		}
		return words;
	}

	private void values(String processKey, String stepKey, Object values, List<Detail> words) {
		if (!(values instanceof Map<?, ?> submitted)) {
			return;
		}
		Map<String, FormFieldWords> fields = this.formFields.getOrDefault(processKey + "/" + stepKey, Map.of());
		Set<Object> shown = new LinkedHashSet<>();
		fields.forEach((id, field) -> {
			if (submitted.containsKey(id)) {
				shown.add(id);
				words.add(new Detail(field.label(), field.words(submitted.get(id))));
			}
		});
		submitted.forEach((id, value) -> {
			if (!shown.contains(id)) {
				add(words, TrailWords.label(String.valueOf(id)), value);
			}
		});
	}

	/**
	 * Camunda's "Cancel scope activity Activity(Event_X) executed." as "by Agreement
	 * reached (Event_X)"; other reasons as they are.
	 */
	private String interruption(String reason) {
		Matcher activity = CANCELLING_ACTIVITY.matcher(reason);
		if (reason.startsWith("Cancel scope activity") && activity.find()) {
			return "by " + elementName(activity.group(1)) + " (" + activity.group(1) + ")";
		}
		return reason;
	}

	private static void generic(Map<String, Object> data, List<Detail> words) {
		data.forEach((key, value) -> {
			if (!IDENTIFIERS.contains(key) && value != null) {
				words.add(new Detail(TrailWords.label(key), TrailWords.value(value)));
			}
		});
	}

	private static void add(List<Detail> words, String label, Object value) {
		if (value != null && !(value instanceof Collection<?> list && list.isEmpty())) {
			words.add(new Detail(label, TrailWords.value(value)));
		}
	}

	private void addName(List<Detail> words, String label, Object activityId) {
		if (activityId != null) {
			words.add(new Detail(label, elementName(activityId.toString())));
		}
	}

	private DecisionView decision(AuditEvent event) {
		Map<String, Object> data = event.details();
		List<Detail> inputs = new ArrayList<>();
		if (data.get("inputs") instanceof Map<?, ?> map) {
			map.forEach((name, value) -> inputs.add(new Detail(String.valueOf(name), TrailWords.value(value))));
		}
		Object activity = data.get("activityId");
		return new DecisionView(event.seq(), event.occurredAt(), TrailWords.moment(event.occurredAt()), event.subject(),
				TrailWords.decision(event.subject()), (String) data.get("ruleSetTag"), event.actor(),
				(data.get("outcome") != null) ? data.get("outcome").toString() : null,
				(data.get("explanation") != null) ? data.get("explanation").toString() : null, inputs,
				(activity != null) ? elementName(activity.toString()) : null);
	}

	private Outcome outcome(List<AuditEvent> trail) {
		AuditEvent ended = null;
		for (AuditEvent event : trail) {
			if (event.knownKind() == AuditKind.CASE_ENDED) {
				ended = event;
			}
		}
		DecisionView last = this.decisions.isEmpty() ? null : this.decisions.get(this.decisions.size() - 1);
		String status = (this.auditCase.status() != null) ? this.auditCase.status() : "ACTIVE";
		if (ended == null) {
			return new Outcome(status, TrailWords.constant(status), null, null, null, last);
		}
		Object reason = ended.details().get("reason");
		return new Outcome(status, TrailWords.constant(status), TrailWords.moment(ended.occurredAt()),
				ended.occurredAt(), (reason != null) ? reason.toString() : null, last);
	}

	/**
	 * Activities visited more than once, in words: "Record bargaining session: 3 times".
	 */
	private List<String> loops(ProcessPath.Path path) {
		List<String> loops = new ArrayList<>();
		path.loops()
			.forEach((id, count) -> loops.add(elementName(id) + ": " + count + " times"
					+ (path.interrupted().contains(id) ? " (interrupted at least once)" : "")));
		return loops;
	}

	/** The keys of the called processes started and not yet ended. */
	private static Set<String> runningProcessKeys(List<AuditEvent> trail) {
		Map<String, String> running = new LinkedHashMap<>();
		for (AuditEvent event : trail) {
			Object instance = event.details().get("processInstanceId");
			if (instance == null) {
				continue;
			}
			if (event.knownKind() == AuditKind.PROCESS_STARTED) {
				running.put(instance.toString(), String.valueOf(event.details().get("processDefinitionKey")));
			}
			else if (event.knownKind() == AuditKind.PROCESS_ENDED) {
				running.remove(instance.toString());
			}
		}
		return new LinkedHashSet<>(running.values());
	}

	/**
	 * The steps created and not yet completed or cancelled: activity id to process key.
	 */
	private static Map<String, String> openSteps(List<AuditEvent> trail) {
		Map<String, AuditEvent> open = new LinkedHashMap<>();
		for (AuditEvent event : trail) {
			Object task = event.details().get("taskId");
			if (task == null) {
				continue;
			}
			if (event.knownKind() == AuditKind.STEP_CREATED) {
				open.put(task.toString(), event);
			}
			else if (event.knownKind() == AuditKind.STEP_COMPLETED || event.knownKind() == AuditKind.STEP_CANCELLED) {
				open.remove(task.toString());
			}
		}
		Map<String, String> steps = new LinkedHashMap<>();
		open.values()
			.forEach(
					(event) -> steps.put(event.subject(), String.valueOf(event.details().get("processDefinitionKey"))));
		return steps;
	}

	/** Names of processes and activities, and the labels of the steps' form fields. */
	private void learn(BpmnModelInstance model) {
		for (Process process : model.getModelElementsByType(Process.class)) {
			if (process.getName() != null) {
				this.processNames.putIfAbsent(process.getId(), process.getName());
			}
			for (FlowElement element : process.getChildElementsByType(FlowElement.class)) {
				learnElement(process.getId(), element);
			}
		}
	}

	private void learnElement(String processKey, ModelElementInstance element) {
		if (element instanceof FlowElement flowElement && flowElement.getName() != null) {
			this.elementNames.putIfAbsent(flowElement.getId(), flowElement.getName().replaceAll("\\s+", " "));
		}
		if (element instanceof UserTask task) {
			Map<String, FormFieldWords> fields = new LinkedHashMap<>();
			ExtensionElements extensions = task.getExtensionElements();
			if (extensions != null) {
				for (CamundaFormData data : extensions.getChildElementsByType(CamundaFormData.class)) {
					for (CamundaFormField field : data.getCamundaFormFields()) {
						Map<String, String> options = new LinkedHashMap<>();
						for (CamundaValue value : field.getCamundaValues()) {
							options.put(value.getCamundaId(), value.getCamundaName());
						}
						fields.put(field.getCamundaId(), new FormFieldWords((field.getCamundaLabel() != null)
								? field.getCamundaLabel() : TrailWords.label(field.getCamundaId()), options));
					}
				}
			}
			this.formFields.put(processKey + "/" + task.getId(), fields);
		}
		if (element instanceof BaseElement base) {
			// embedded sub-processes hold their own flow elements
			for (FlowElement child : base.getChildElementsByType(FlowElement.class)) {
				learnElement(processKey, child);
			}
		}
	}

	private static String abbreviate(String id) {
		return (id.length() > 8) ? id.substring(0, 8) + "…" : id;
	}

	/** A labelled value in words. */
	record Detail(String label, String text) {
	}

	/**
	 * One event of the timeline.
	 *
	 * @param seq its place in the chain
	 * @param at when it happened
	 * @param when the same in UTC, to the second
	 * @param kind the kind's name
	 * @param kindLabel the kind in words
	 * @param actor who did it
	 * @param subject what it happened to, in words
	 * @param subjectCode the subject as recorded (step key, activity id, decision key)
	 * @param details what it recorded, in words
	 * @param path whether it is a path event ({@code ACTIVITY_ENDED})
	 * @param hash the row's hash
	 */
	record Row(long seq, Instant at, String when, String kind, String kindLabel, String actor, String subject,
			String subjectCode, List<Detail> details, boolean path, String hash) {

		/** The moment as ISO-8601, for {@code <time datetime>}. */
		public String atIso() {
			return (this.at != null) ? this.at.toString() : "";
		}

	}

	/**
	 * A decision the case's rule set made.
	 *
	 * @param seq its event's place in the chain
	 * @param at when it was evaluated
	 * @param when the same in words
	 * @param decision the decision key
	 * @param name the decision in words
	 * @param ruleSetTag the rule-set version that decided
	 * @param actor whose action evaluated it
	 * @param outcome the outcome, e.g. {@code APPROVED}
	 * @param explanation the rule set's explanation in words and numbers
	 * @param inputs the decision's inputs
	 * @param activity the step of the process that evaluated it
	 */
	record DecisionView(long seq, Instant at, String when, String decision, String name, String ruleSetTag,
			String actor, String outcome, String explanation, List<Detail> inputs, String activity) {

		public String atIso() {
			return (this.at != null) ? this.at.toString() : "";
		}

	}

	/**
	 * One process definition the case ran, with the path it took.
	 *
	 * @param index its place on the page
	 * @param processDefinitionId the exact definition version
	 * @param processKey its key
	 * @param name its name
	 * @param runs how many times the case started it
	 * @param path what to mark
	 * @param loops activities visited more than once, in words
	 * @param waiting the activities waiting now, in words
	 * @param modelAvailable whether its BPMN could be read
	 */
	record Diagram(int index, String processDefinitionId, String processKey, String name, int runs,
			ProcessPath.Path path, List<String> loops, List<String> waiting, boolean modelAvailable) {

		public String caption() {
			return this.name + ((this.runs > 1) ? " — ran " + this.runs + " times" : "");
		}

	}

	/**
	 * How the case ended, or that it has not.
	 *
	 * @param status the status name
	 * @param statusWords the status in words
	 * @param ended when it ended in words, or null
	 * @param endedAt when it ended, or null
	 * @param reason the withdrawal or cancellation reason, or null
	 * @param lastDecision the last decision evaluated, or null
	 */
	record Outcome(String status, String statusWords, String ended, Instant endedAt, String reason,
			DecisionView lastDecision) {

		public boolean hasEnded() {
			return this.ended != null;
		}

	}

	/** A step form field's label and the words for its enum values. */
	private record FormFieldWords(String label, Map<String, String> options) {

		String words(Object value) {
			if (value != null && this.options.containsKey(value.toString())) {
				return this.options.get(value.toString());
			}
			return TrailWords.value(value);
		}

	}

}
