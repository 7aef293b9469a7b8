package org.guildhall.web.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;

/** A case's trail written by hand, and the shipped BPMN, for the audit pages' tests. */
final class AuditEvents {

	static final String CASE = "case-1";

	static final Instant START = Instant.parse("2009-02-01T09:00:00Z");

	private final List<AuditEvent> events = new ArrayList<>();

	/** Appends an event (one minute after the previous one). */
	AuditEvents add(AuditKind kind, String actor, String subject, String json) {
		long seq = this.events.size() + 1;
		this.events.add(new AuditEvent(seq, START.plusSeconds(60 * seq), kind.name(), CASE, actor, subject, json,
				"prev-" + (seq - 1), "hash-" + seq));
		return this;
	}

	/** Appends an {@code ACTIVITY_ENDED} event. */
	AuditEvents ended(String definitionId, String instanceId, String activityId, boolean canceled) {
		return add(AuditKind.ACTIVITY_ENDED, "staff", activityId,
				"{\"activityType\":\"task\",\"canceled\":" + canceled + ",\"name\":null,\"processDefinitionId\":\""
						+ definitionId + "\",\"processInstanceId\":\"" + instanceId + "\"}");
	}

	/** Appends one {@code ACTIVITY_ENDED} event per activity, none interrupted. */
	AuditEvents path(String definitionId, String instanceId, String... activityIds) {
		for (String id : activityIds) {
			ended(definitionId, instanceId, id, false);
		}
		return this;
	}

	List<AuditEvent> list() {
		return List.copyOf(this.events);
	}

	/** A process model shipped in process-models, e.g. {@code bargaining}. */
	static BpmnModelInstance model(String process) {
		try (InputStream in = AuditEvents.class.getResourceAsStream("/processes/" + process + ".bpmn")) {
			if (in == null) {
				throw new IllegalStateException("no /processes/" + process + ".bpmn on the class path");
			}
			return Bpmn.readModelFromStream(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
