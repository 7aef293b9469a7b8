package org.guildhall.engine.audit;

import java.time.Instant;

/**
 * A case as the trail's index knows it, even after Camunda's history of it is cleaned up.
 *
 * @param caseId the root process instance id
 * @param businessKey the case's business key
 * @param title its title
 * @param processDefinitionId the exact version of the top-level process it ran
 * @param ruleSetKey the pinned rule set
 * @param ruleSetVersion the pinned rule-set version
 * @param status {@code ACTIVE} or the status it ended with
 * @param startedAt when it started
 * @param startedBy who started it
 * @param endedAt when it ended, or null
 * @param tenantId the Camunda tenant ({@code sandbox} for a simulated case), null for a
 * live case
 */
public record AuditCase(String caseId, String businessKey, String title, String processDefinitionId, String ruleSetKey,
		Integer ruleSetVersion, String status, Instant startedAt, String startedBy, Instant endedAt, String tenantId) {

	/** A live case (no tenant). */
	public AuditCase(String caseId, String businessKey, String title, String processDefinitionId, String ruleSetKey,
			Integer ruleSetVersion, String status, Instant startedAt, String startedBy, Instant endedAt) {
		this(caseId, businessKey, title, processDefinitionId, ruleSetKey, ruleSetVersion, status, startedAt, startedBy,
				endedAt, null);
	}

	/** A simulated case of the sandbox rather than a live one. */
	public boolean sandbox() {
		return this.tenantId != null;
	}

	/** The pinned rule set as {@code key:version}. */
	public String ruleSetTag() {
		return (this.ruleSetKey != null) ? this.ruleSetKey + ":" + this.ruleSetVersion : null;
	}

}
