package org.guildhall.web.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;

/**
 * The path a case took through one process definition, rebuilt from the trail's
 * {@link AuditKind#ACTIVITY_ENDED} events (one per activity instance, so a loop counts
 * each pass) and the definition's BPMN.
 * <p>
 * A sequence flow counts as taken when its source ended normally and its target was
 * visited after it. Where the source has several outgoing flows (an exclusive gateway),
 * the taken one is the flow to the first of its targets to end after that pass of the
 * source in the same process instance; this tells a loop's "continue" flow apart from its
 * exit even though both ends of each were visited. A parallel or inclusive split takes
 * every flow whose target was visited after it. A source with one outgoing flow that
 * ended normally took it, even if its target has not ended yet (an open step, a running
 * called process).
 * <p>
 * Public for the rules studio, which draws simulated cases of the sandbox the same way.
 */
public final class ProcessPath {

	private ProcessPath() {
	}

	/**
	 * What to mark on one diagram.
	 *
	 * @param visits activity id to the number of times it ended (interrupted passes
	 * included)
	 * @param interrupted activities interrupted at least once (by a boundary event, an
	 * agreement, a withdrawal)
	 * @param open activities waiting now (open steps, running call activities, the
	 * sub-processes around them)
	 * @param flows sequence flows taken
	 */
	public record Path(Map<String, Integer> visits, Set<String> interrupted, Set<String> open, Set<String> flows) {

		/** Activities visited more than once, with their counts. */
		public Map<String, Integer> loops() {
			Map<String, Integer> loops = new LinkedHashMap<>();
			this.visits.forEach((id, count) -> {
				if (count > 1) {
					loops.put(id, count);
				}
			});
			return loops;
		}

		/** {@code id:count,...} for the diagram script. */
		public String visitsAttribute() {
			return this.visits.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + ":" + entry.getValue())
				.collect(Collectors.joining(","));
		}

	}

	/**
	 * The path through {@code processDefinitionId}.
	 * @param trail the case's events in chain order
	 * @param open the activities of this definition that wait now
	 * @param model the definition's BPMN, or null if it cannot be read (then no flows are
	 * marked)
	 */
	public static Path of(String processDefinitionId, List<AuditEvent> trail, Set<String> open,
			BpmnModelInstance model) {
		Map<String, List<Pass>> byInstance = new LinkedHashMap<>();
		Map<String, Integer> visits = new LinkedHashMap<>();
		Set<String> interrupted = new LinkedHashSet<>();
		for (AuditEvent event : trail) {
			if (event.knownKind() != AuditKind.ACTIVITY_ENDED || event.subject() == null) {
				continue;
			}
			Map<String, Object> details = event.details();
			if (!processDefinitionId.equals(details.get("processDefinitionId"))) {
				continue;
			}
			boolean canceled = Boolean.TRUE.equals(details.get("canceled"));
			visits.merge(event.subject(), 1, Integer::sum);
			if (canceled) {
				interrupted.add(event.subject());
			}
			byInstance.computeIfAbsent(String.valueOf(details.get("processInstanceId")), (id) -> new ArrayList<>())
				.add(new Pass(event.subject(), canceled));
		}
		Set<String> flows = new LinkedHashSet<>();
		Set<String> waiting = new LinkedHashSet<>(open);
		if (model != null) {
			byInstance.values().forEach((passes) -> takenFlows(passes, open, model, flows));
			// the embedded sub-processes around what waits are running too
			for (String id : open) {
				ModelElementInstance element = model.getModelElementById(id);
				for (ModelElementInstance parent = (element != null) ? element.getParentElement()
						: null; parent instanceof SubProcess scope; parent = parent.getParentElement()) {
					waiting.add(scope.getId());
				}
			}
		}
		return new Path(visits, interrupted, waiting, flows);
	}

	/**
	 * The call activities of {@code model} that are running a called process now: those
	 * calling a process key in {@code runningKeys}, where only one call activity of the
	 * model calls that key (otherwise the trail cannot tell which one runs it).
	 */
	public static Set<String> runningCallActivities(BpmnModelInstance model, Set<String> runningKeys) {
		Set<String> running = new LinkedHashSet<>();
		if (model == null) {
			return running;
		}
		Map<String, List<String>> byKey = new LinkedHashMap<>();
		for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
			byKey.computeIfAbsent(String.valueOf(call.getCalledElement()), (key) -> new ArrayList<>())
				.add(call.getId());
		}
		runningKeys.forEach((key) -> {
			List<String> calls = byKey.getOrDefault(key, List.of());
			if (calls.size() == 1) {
				running.add(calls.get(0));
			}
		});
		return running;
	}

	private static void takenFlows(List<Pass> passes, Set<String> open, BpmnModelInstance model, Set<String> flows) {
		for (int i = 0; i < passes.size(); i++) {
			Pass pass = passes.get(i);
			if (pass.canceled()) {
				continue;
			}
			ModelElementInstance element = model.getModelElementById(pass.activityId());
			if (!(element instanceof FlowNode source)) {
				continue;
			}
			Collection<SequenceFlow> outgoing = source.getOutgoing();
			if (outgoing.isEmpty()) {
				continue;
			}
			List<Pass> later = passes.subList(i + 1, passes.size());
			if (splitsEverywhere(source, outgoing)) {
				for (SequenceFlow flow : outgoing) {
					String target = flow.getTarget().getId();
					if (open.contains(target) || later.stream().anyMatch((p) -> p.activityId().equals(target))) {
						flows.add(flow.getId());
					}
				}
				continue;
			}
			Set<String> targets = outgoing.stream()
				.map((flow) -> flow.getTarget().getId())
				.collect(Collectors.toCollection(LinkedHashSet::new));
			String next = later.stream().map(Pass::activityId).filter(targets::contains).findFirst().orElse(null);
			if (next == null && outgoing.size() == 1) {
				next = outgoing.iterator().next().getTarget().getId();
			}
			if (next == null) {
				List<String> waiting = targets.stream().filter(open::contains).toList();
				next = (waiting.size() == 1) ? waiting.get(0) : null;
			}
			String target = next;
			outgoing.stream()
				.filter((flow) -> Objects.equals(flow.getTarget().getId(), target))
				.forEach((flow) -> flows.add(flow.getId()));
		}
	}

	/**
	 * A parallel or inclusive gateway, or an activity with several unconditional outgoing
	 * flows: every flow may be taken at once.
	 */
	private static boolean splitsEverywhere(FlowNode source, Collection<SequenceFlow> outgoing) {
		if (source instanceof ParallelGateway || source instanceof InclusiveGateway) {
			return true;
		}
		return !(source instanceof Gateway) && outgoing.size() > 1
				&& outgoing.stream().allMatch((flow) -> flow.getConditionExpression() == null);
	}

	private record Pass(String activityId, boolean canceled) {
	}

}
