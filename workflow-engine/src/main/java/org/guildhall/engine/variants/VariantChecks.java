package org.guildhall.engine.variants;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks an uploaded variant BPMN before anything is deployed. In order: size (at most 1
 * MB), well-formed XML without a DOCTYPE (so no external entity is ever read), what may
 * run (no scripts, no Java classes, no external tasks or connectors, and expressions only
 * from a whitelist: simple variable expressions and comparisons, Guildhall's own delegate
 * and validator beans, and a few fixed forms such as {@code execution.getVariable('x')}),
 * Camunda's BPMN model API, one executable process whose id is a live process id, a
 * history time to live, labels on every flow node and conditional flow, the step keys and
 * decision outputs Guildhall reads, called processes that exist (bound by deployment),
 * decision refs that are rule-set decision keys bound by {@code ${ruleSetTag}}, and every
 * element able to reach an end. The engine's own parser runs when the deployment is made
 * (a failure there deploys nothing either).
 */
final class VariantChecks {

	/** The largest BPMN file accepted: 1 MiB. */
	static final int MAX_BYTES = 1024 * 1024;

	/** Guildhall's delegates a model may name (by bean). */
	static final Set<String> DELEGATES = Set.of("overdueStepDelegate", "prepareBallotBoxDelegate",
			"openBallotBoxDelegate", "closeBallotBoxDelegate", "turnoutReportDelegate");

	/** Guildhall's form-field validators a model may name (by bean). */
	static final Set<String> VALIDATORS = Set.of("voteCountsValidator", "votingWindowValidator",
			"certifiedResultsValidator", "strikeDateValidator");

	/** The case statuses an end event may set. */
	static final Set<String> STATUSES = Set.of("ACTIVE", "STRIKE_CALLED", "NO_STRIKE", "AUTHORIZATION_REJECTED",
			"SETTLED");

	/** The decision ref {@code member-vote} uses (the caller says which vote it is). */
	static final String VOTE_DECISION = "${voteDecision}";

	/**
	 * What each replaceable sub-process must keep: its step keys and decision outputs.
	 */
	private static final Map<String, Required> REQUIRED = Map.of("board-deliberation",
			new Required(List.of("Task_RecordBoardResolution"), Map.of("board-motion", "boardMotion")), "bargaining",
			new Required(List.of("Task_RecordBargainingSession"), Map.of()), "committee-determination",
			new Required(List.of("Task_DetermineTalksFailed"), Map.of("committee-determination", "committee")),
			"member-vote",
			new Required(List.of("Task_PrepareBallot", "Task_CertifyResults"), Map.of(VOTE_DECISION, "vote")),
			"final-strike-decision",
			new Required(List.of("Task_DecideStrike"), Map.of("final-decision", "finalDecision")));

	private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

	private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

	/** Elements that run code Guildhall did not write. */
	private static final Set<String> CODE_ELEMENTS = Set.of("scriptTask", "script", "connector");

	/** Camunda attributes Guildhall sets itself or does not run in the sandbox. */
	private static final Set<String> REFUSED_ATTRIBUTES = Set.of("type", "topic", "resource", "scriptFormat",
			"decisionRefTenantId", "calledElementTenantId", "caseRef", "variableMappingDelegateExpression");

	private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "true",
			"false", "null", "empty", "div", "mod");

	private static final List<Pattern> FIXED_FORMS = List.of(
			Pattern.compile("execution\\s*\\.\\s*getVariable\\(\\s*'[A-Za-z_][A-Za-z0-9_]*'\\s*\\)"),
			Pattern.compile("execution\\s*\\.\\s*processBusinessKey"),
			Pattern.compile("decisionResult\\s*\\.\\s*getSingleResult\\(\\s*\\)\\s*\\.\\s*(outcome|explanation)"),
			Pattern.compile(
					"dateTime\\(\\s*\\)\\s*\\.\\s*plus(Days|Hours|Weeks)\\(\\s*\\d+\\s*\\)\\s*\\.\\s*toDate\\(\\s*\\)"));

	private static final Pattern SET_STATUS = Pattern
		.compile("execution\\s*\\.\\s*setVariable\\(\\s*'caseStatus'\\s*,\\s*'([A-Z_]+)'\\s*\\)");

	private static final Pattern STRING = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern CALL = Pattern.compile("([A-Za-z0-9_$]+|\\))\\s*\\(");

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

	private VariantChecks() {
	}

	/** An upload that passed the checks. */
	record Checked(BpmnModelInstance model, String processId, String processName) {
	}

	/**
	 * Checks {@code bytes}.
	 * @param isBean whether a name is a bean of the application (expressions may name
	 * only Guildhall's delegates and validators)
	 * @throws VariantException.Invalid (field {@code file}) saying what is wrong
	 */
	static Checked check(byte[] bytes, Predicate<String> isBean) {
		if (bytes == null || bytes.length == 0) {
			throw invalid("the BPMN file is empty");
		}
		if (bytes.length > MAX_BYTES) {
			throw invalid(
					"the BPMN file is " + bytes.length + " bytes; at most 1 MB (" + MAX_BYTES + " bytes) is accepted");
		}
		Document document = parseXml(bytes);
		checkWhatRuns(document.getDocumentElement(), isBean);
		BpmnModelInstance model;
		try {
			model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
		}
		catch (RuntimeException ex) {
			throw invalid("the file is not a BPMN 2.0 document Camunda can read: " + reason(ex));
		}
		Process process = theProcess(model);
		checkProcess(process);
		checkLabels(model);
		checkCalls(model, process.getId());
		checkDecisions(model);
		checkRequired(model, process.getId());
		checkEnds(model);
		return new Checked(model, process.getId(), process.getName());
	}

	// XML

	private static Document parseXml(byte[] bytes) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setXIncludeAware(false);
			factory.setExpandEntityReferences(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setErrorHandler(null);
			return builder.parse(new ByteArrayInputStream(bytes));
		}
		catch (SAXParseException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("DOCTYPE")) {
				throw invalid("the file declares a DOCTYPE; DOCTYPEs (and the external entities they can declare) "
						+ "are not accepted");
			}
			throw invalid("the file is not well-formed XML (line " + ex.getLineNumber() + ", column "
					+ ex.getColumnNumber() + "): " + ex.getMessage());
		}
		catch (SAXException | IOException ex) {
			throw invalid("the file is not well-formed XML: " + ex.getMessage());
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What an uploaded model could run: no scripts, Java classes, external tasks or
	 * connectors, and only whitelisted expressions anywhere (documentation aside).
	 */
	static void checkWhatRuns(Element element, Predicate<String> isBean) {
		String local = element.getLocalName();
		if (CODE_ELEMENTS.contains(local)) {
			throw invalid("element <" + element.getTagName() + "> runs a script or connector; variants may not run "
					+ "code of their own (use Guildhall's delegates and plain expressions)");
		}
		if (BPMN_NS.equals(element.getNamespaceURI()) && ("documentation".equals(local) || "text".equals(local))) {
			return;
		}
		if (CAMUNDA_NS.equals(element.getNamespaceURI()) && "constraint".equals(local)
				&& "validator".equals(element.getAttribute("name"))) {
			Matcher bean = Pattern.compile("\\$\\{(\\w+)}").matcher(element.getAttribute("config").trim());
			if (!bean.matches() || !VALIDATORS.contains(bean.group(1))) {
				throw invalid("form validator '" + element.getAttribute("config") + "' in " + describe(element)
						+ " is not one of Guildhall's validators "
						+ VALIDATORS.stream().sorted().map((v) -> "${" + v + "}").toList());
			}
		}
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			String name = attribute.getLocalName();
			String where = "attribute " + attribute.getName() + " of " + describe(element);
			if (name.equals("class") || name.endsWith("Class")) {
				throw invalid(where + " names a Java class (" + attribute.getValue()
						+ "); variants may not run Java classes, only Guildhall's delegates by bean name");
			}
			if (CAMUNDA_NS.equals(attribute.getNamespaceURI()) && REFUSED_ATTRIBUTES.contains(name)) {
				throw invalid(where + " is not accepted in the sandbox (external tasks, scripts, connectors and "
						+ "tenant settings are Guildhall's to decide)");
			}
			checkExpressions(where, attribute.getValue(), isBean);
		}
		NodeList children = element.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			Node child = children.item(i);
			if (child instanceof Element nested) {
				checkWhatRuns(nested, isBean);
			}
			else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
				checkExpressions("the text of " + describe(element), child.getNodeValue(), isBean);
			}
		}
	}

	private static String describe(Element element) {
		String id = element.getAttribute("id");
		if (id.isEmpty() && element.getParentNode() instanceof Element parent) {
			return "<" + element.getTagName() + "> in " + describe(parent);
		}
		return "<" + element.getTagName() + (id.isEmpty() ? "" : " id=\"" + id + "\"") + ">";
	}

	/** Every {@code ${...}} or {@code #{...}} in {@code text} must be whitelisted. */
	static void checkExpressions(String where, String text, Predicate<String> isBean) {
		if (text == null || (!text.contains("${") && !text.contains("#{"))) {
			return;
		}
		Matcher matcher = EXPRESSION.matcher(text);
		int found = 0;
		while (matcher.find()) {
			checkExpression(where, matcher.group(), matcher.group(1), isBean);
			found++;
		}
		int opened = text.split("[$#]\\{", -1).length - 1;
		if (found < opened) {
			throw invalid(where + " has an expression Guildhall cannot read safely: " + shorten(text));
		}
	}

	private static void checkExpression(String where, String expression, String body, Predicate<String> isBean) {
		String rest = body;
		Matcher status = SET_STATUS.matcher(rest);
		while (status.find()) {
			if (!STATUSES.contains(status.group(1))) {
				throw invalid(where + ": " + expression + " sets caseStatus to " + status.group(1)
						+ ", which is not a case status " + STATUSES.stream().sorted().toList());
			}
		}
		rest = SET_STATUS.matcher(rest).replaceAll(" _v ");
		for (Pattern form : FIXED_FORMS) {
			rest = form.matcher(rest).replaceAll(" _v ");
		}
		rest = STRING.matcher(rest).replaceAll(" _s ");
		rest = rest.replaceAll("\\b\\d+(\\.\\d+)?\\b", " _n ");
		String refusal = null;
		if (rest.matches("(?s).*[\\[\\]{};.'\"`\\\\].*")) {
			refusal = "reads properties or calls methods";
		}
		else if (callsSomething(rest)) {
			refusal = "calls a function or method";
		}
		else if (rest.matches("(?s).*[^A-Za-z0-9_$\\s=!<>&|()+\\-*/%?:].*")) {
			refusal = "uses characters outside simple comparisons";
		}
		if (refusal != null) {
			throw invalid(where + ": expression " + shorten(expression) + " " + refusal
					+ "; variants may use variables, literals and comparisons, Guildhall's delegates and validators, "
					+ "and execution.getVariable('x'), execution.setVariable('caseStatus', 'STATUS'), "
					+ "execution.processBusinessKey, decisionResult.getSingleResult().outcome/explanation, "
					+ "dateTime().plusDays(n).toDate()");
		}
		Matcher identifiers = IDENTIFIER.matcher(rest);
		while (identifiers.find()) {
			String name = identifiers.group();
			if (KEYWORDS.contains(name) || name.equals("_v") || name.equals("_s") || name.equals("_n")) {
				continue;
			}
			if ((isBean.test(name) || name.equals("execution") || name.equals("task")) && !DELEGATES.contains(name)
					&& !VALIDATORS.contains(name)) {
				throw invalid(where + ": expression " + shorten(expression) + " names '" + name
						+ "', an object of the application; variants may name only Guildhall's delegates "
						+ DELEGATES.stream().sorted().toList() + " and validators "
						+ VALIDATORS.stream().sorted().toList());
			}
		}
	}

	/** Whether a name or a closing parenthesis is followed by an opening one. */
	private static boolean callsSomething(String rest) {
		Matcher call = CALL.matcher(rest);
		while (call.find()) {
			if (!KEYWORDS.contains(call.group(1))) {
				return true;
			}
		}
		return false;
	}

	// the model

	private static Process theProcess(BpmnModelInstance model) {
		Collection<Process> processes = model.getModelElementsByType(Process.class);
		List<Process> executable = processes.stream().filter(Process::isExecutable).toList();
		if (executable.size() != 1 || processes.size() != 1) {
			throw invalid("the file must hold exactly one executable process (it has " + processes.size()
					+ " processes, " + executable.size() + " executable)");
		}
		Process process = executable.get(0);
		if (!Sandbox.PROCESSES.contains(process.getId())) {
			throw invalid("process id '" + process.getId() + "' is not one of Guildhall's processes "
					+ Sandbox.PROCESSES + "; a variant keeps the id of the process it replaces");
		}
		return process;
	}

	private static void checkProcess(Process process) {
		if (process.getCamundaHistoryTimeToLiveString() == null
				|| process.getCamundaHistoryTimeToLiveString().isBlank()) {
			throw invalid("process '" + process.getId()
					+ "' has no history time to live; set camunda:historyTimeToLive (Guildhall uses P3650D)");
		}
	}

	private static void checkLabels(BpmnModelInstance model) {
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			if (node.getName() == null || node.getName().isBlank()) {
				throw invalid(node.getElementType().getTypeName() + " '" + node.getId()
						+ "' has no label; every flow node needs a name so diagrams and the trail can say what happened");
			}
		}
		for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
			if (flow.getConditionExpression() != null && (flow.getName() == null || flow.getName().isBlank())) {
				throw invalid("conditional sequence flow '" + flow.getId() + "' from '" + flow.getSource().getId()
						+ "' has no label; label every conditional flow with the answer it takes");
			}
		}
	}

	private static void checkCalls(BpmnModelInstance model, String processId) {
		for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
			String called = call.getCalledElement();
			if (called == null || !Sandbox.PROCESSES.contains(called) || called.equals(processId)) {
				throw invalid("call activity '" + call.getId() + "' calls '" + called
						+ "', which is not a process it may call; it may call "
						+ Sandbox.PROCESSES.stream().filter((key) -> !key.equals(processId)).toList());
			}
			if (!"deployment".equals(call.getCamundaCalledElementBinding())) {
				throw invalid("call activity '" + call.getId()
						+ "' must bind its process by deployment (camunda:calledElementBinding=\"deployment\"), "
						+ "so a case keeps the versions it started with");
			}
		}
	}

	private static void checkDecisions(BpmnModelInstance model) {
		for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
			String ref = task.getCamundaDecisionRef();
			if (ref == null || !(RuleSetCatalog.DECISIONS.contains(ref) || VOTE_DECISION.equals(ref))) {
				throw invalid("business rule task '" + task.getId() + "' evaluates '" + ref
						+ "', which is not a rule-set decision; known decision keys: " + RuleSetCatalog.DECISIONS
						+ " (or " + VOTE_DECISION + " in member-vote)");
			}
			if (!"versionTag".equals(task.getCamundaDecisionRefBinding())
					|| !"${ruleSetTag}".equals(task.getCamundaDecisionRefVersionTag())) {
				throw invalid("business rule task '" + task.getId()
						+ "' must bind its decision by version tag ${ruleSetTag} (camunda:decisionRefBinding="
						+ "\"versionTag\" camunda:decisionRefVersionTag=\"${ruleSetTag}\"), so a case uses its "
						+ "pinned rule set");
			}
		}
	}

	private static void checkRequired(BpmnModelInstance model, String processId) {
		if (Sandbox.CASE_PROCESS.equals(processId)) {
			checkCaseProcess(model);
			return;
		}
		Required required = REQUIRED.get(processId);
		for (String step : required.steps()) {
			if (!(model.getModelElementById(step) instanceof UserTask)) {
				throw invalid("a variant of " + processId + " must keep the user task '" + step
						+ "' (a public step key: forms, lists and the trail rely on it)");
			}
		}
		required.decisions().forEach((decision, prefix) -> {
			List<BusinessRuleTask> tasks = model.getModelElementsByType(BusinessRuleTask.class)
				.stream()
				.filter((task) -> decision.equals(task.getCamundaDecisionRef())
						|| ("vote".equals(prefix) && "member-vote".equals(task.getCamundaDecisionRef())))
				.toList();
			if (tasks.isEmpty()) {
				throw invalid("a variant of " + processId + " must still evaluate the rule set's '"
						+ (VOTE_DECISION.equals(decision) ? "member-vote (${voteDecision})" : decision)
						+ "' decision in a business rule task");
			}
			for (BusinessRuleTask task : tasks) {
				Set<String> outputs = new HashSet<>();
				model.getModelElementsByType(CamundaOutputParameter.class)
					.stream()
					.filter((output) -> isInside(output, task))
					.forEach((output) -> outputs.add(output.getCamundaName()));
				for (String output : List.of(prefix + "Outcome", prefix + "Explanation")) {
					if (!outputs.contains(output)) {
						throw invalid("business rule task '" + task.getId() + "' has no output '" + output
								+ "' (its outputs: " + outputs.stream().sorted().toList() + "); the calling process "
								+ "reads it, e.g. " + output + " = ${decisionResult.getSingleResult()."
								+ (output.endsWith("Outcome") ? "outcome" : "explanation") + "}");
					}
				}
			}
		});
	}

	/**
	 * The top level: the board deliberates, and the strike is decided by the members'
	 * vote or by the board's final decision (the documented alternative).
	 */
	private static void checkCaseProcess(BpmnModelInstance model) {
		Map<String, List<CallActivity>> calls = new HashMap<>();
		model.getModelElementsByType(CallActivity.class)
			.forEach((call) -> calls.computeIfAbsent(call.getCalledElement(), (key) -> new ArrayList<>()).add(call));
		if (!calls.containsKey("board-deliberation")) {
			throw invalid("a strike-authorization variant must call board-deliberation: the board starts every case");
		}
		boolean membersDecide = calls.getOrDefault("member-vote", List.of())
			.stream()
			.anyMatch((call) -> model.getModelElementsByType(CamundaIn.class)
				.stream()
				.anyMatch((in) -> isInside(in, call) && "voteDecision".equals(in.getCamundaTarget())
						&& "${'member-vote'}".equals(in.getCamundaSourceExpression())));
		if (!membersDecide && !calls.containsKey("final-strike-decision")) {
			throw invalid("a strike-authorization variant must decide the strike: by the members' vote (call "
					+ "member-vote with voteDecision = ${'member-vote'}) or by the board's final decision (call "
					+ "final-strike-decision); it does neither");
		}
	}

	/** Every flow node must be able to reach an end event of its scope. */
	private static void checkEnds(BpmnModelInstance model) {
		Map<ModelElementInstance, List<FlowNode>> scopes = new LinkedHashMap<>();
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			if (node instanceof SubProcess sub && sub.triggeredByEvent()) {
				continue; // an event sub-process starts on its event, not from a flow
			}
			scopes.computeIfAbsent(node.getParentElement(), (scope) -> new ArrayList<>()).add(node);
		}
		scopes.forEach((scope, nodes) -> {
			Map<String, List<String>> incoming = new HashMap<>();
			for (FlowNode node : nodes) {
				for (SequenceFlow flow : node.getOutgoing()) {
					incoming.computeIfAbsent(flow.getTarget().getId(), (id) -> new ArrayList<>()).add(node.getId());
				}
				if (node instanceof BoundaryEvent boundary && boundary.getAttachedTo() != null) {
					incoming.computeIfAbsent(boundary.getId(), (id) -> new ArrayList<>())
						.add(boundary.getAttachedTo().getId());
				}
			}
			Set<String> reachesEnd = new HashSet<>();
			Deque<String> queue = new ArrayDeque<>();
			nodes.stream().filter(EndEvent.class::isInstance).forEach((end) -> {
				reachesEnd.add(end.getId());
				queue.add(end.getId());
			});
			while (!queue.isEmpty()) {
				for (String before : incoming.getOrDefault(queue.poll(), List.of())) {
					if (reachesEnd.add(before)) {
						queue.add(before);
					}
				}
			}
			for (FlowNode node : nodes) {
				if (!reachesEnd.contains(node.getId())) {
					String in = (scope instanceof SubProcess sub) ? "sub-process '" + sub.getId() + "'" : "the process";
					throw invalid(node.getElementType().getTypeName() + " '" + node.getId() + "' ('" + node.getName()
							+ "') cannot reach an end event of " + in
							+ "; every path must be able to end (no dead ends or endless loops)");
				}
			}
		});
	}

	private static boolean isInside(ModelElementInstance element, FlowElement ancestor) {
		for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent
			.getParentElement()) {
			if (parent.equals(ancestor)) {
				return true;
			}
		}
		return false;
	}

	private static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : ex.getMessage();
		return shorten(String.valueOf(message));
	}

	private static String shorten(String text) {
		String flat = text.replaceAll("\\s+", " ").trim();
		return (flat.length() > 300) ? flat.substring(0, 300) + "…" : flat;
	}

	private static VariantException.Invalid invalid(String message) {
		return new VariantException.Invalid("file", message);
	}

	/** The step keys and decision outputs (prefix + Outcome/Explanation) to keep. */
	private record Required(List<String> steps, Map<String, String> decisions) {
	}

}
