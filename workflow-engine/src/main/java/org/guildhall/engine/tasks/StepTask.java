package org.guildhall.engine.tasks;

import java.util.Date;
import java.util.List;

/**
 * An open human step.
 *
 * @param id the task id
 * @param caseId the id of the case (top-level process instance) it belongs to
 * @param caseKey the case's business key
 * @param stepKey the step key (BPMN activity id), e.g. {@code Task_RecordBoardResolution}
 * @param name the step's name
 * @param candidateGroups the groups that may do it
 * @param assignee who claimed it, or null
 * @param created when it opened
 * @param due when it is due, or null
 * @param escalated whether its overdue escalation has fired
 */
public record StepTask(String id, String caseId, String caseKey, String stepKey, String name,
		List<String> candidateGroups, String assignee, Date created, Date due, boolean escalated) {

	/** Whether it is past due or was escalated. */
	public boolean overdue() {
		return this.escalated || (this.due != null && this.due.before(new Date()));
	}

}
