package org.guildhall.web.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.guildhall.engine.tasks.StepTask;

/**
 * An open human step (a Camunda user task) as the API shows it.
 *
 * @param id the task id, for {@code /api/tasks/{id}/...}
 * @param caseId the id of its case
 * @param caseKey the business key of its case
 * @param stepKey the step key (BPMN activity id), e.g. {@code Task_RecordBoardResolution}
 * @param name the step's name
 * @param candidateGroups the groups that may do it
 * @param assignee who claimed it, or null
 * @param created when it opened
 * @param due when it is due, or null
 * @param overdue whether it is past due or was escalated
 */
@Schema(name = "Step", description = "An open human step of a case")
record StepView(String id, String caseId, String caseKey, String stepKey, String name, List<String> candidateGroups,
		String assignee, Instant created, Instant due, boolean overdue) {

	static StepView of(StepTask task) {
		return new StepView(task.id(), task.caseId(), task.caseKey(), task.stepKey(), task.name(),
				task.candidateGroups(), task.assignee(), Json.instant(task.created()), Json.instant(task.due()),
				task.overdue());
	}

	static List<StepView> of(List<StepTask> tasks) {
		return tasks.stream().map(StepView::of).toList();
	}

}
