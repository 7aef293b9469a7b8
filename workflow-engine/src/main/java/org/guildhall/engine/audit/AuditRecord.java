package org.guildhall.engine.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event about to be appended to the trail: the chain gives it its sequence number and
 * hashes when its transaction commits.
 *
 * @param occurredAt when it happened (the engine's clock)
 * @param kind what happened
 * @param caseId the case (root process instance id), or null for events outside a case
 * @param actor the user who did it, or {@code engine} / {@code system}
 * @param subject what it happened to: a step, activity, decision or rule-set key
 * @param data details; values are normalized by {@link CanonicalJson#normalize(Object)}
 */
public record AuditRecord(Instant occurredAt, AuditKind kind, String caseId, String actor, String subject,
		Map<String, ?> data) {

	/** The actor of what the engine does on its own (timers, the job executor). */
	public static final String ENGINE = "engine";

	/** The actor of what the application does on its own (start-up deployments). */
	public static final String SYSTEM = "system";

	/**
	 * Who is acting in the current engine command: the user Camunda runs it as, or
	 * {@link #ENGINE} (timers, the job executor, no command at all).
	 */
	public static String currentActor() {
		org.camunda.bpm.engine.impl.interceptor.CommandContext context = org.camunda.bpm.engine.impl.context.Context
			.getCommandContext();
		String user = (context != null) ? context.getAuthenticatedUserId() : null;
		return (user != null) ? user : ENGINE;
	}

	public AuditRecord {
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(kind, "kind");
		actor = (actor == null || actor.isBlank()) ? ENGINE : actor;
		data = (data != null) ? data : Map.of();
	}

}
