package org.guildhall.engine.cases;

import java.util.Date;
import java.util.List;

import org.guildhall.engine.tasks.StepTask;

/**
 * A case as lists show it.
 *
 * @param id the id of its top-level process instance
 * @param businessKey its business key (from the title)
 * @param title its title
 * @param status where it stands
 * @param ruleSetKey the pinned rule set
 * @param ruleSetVersion the pinned version
 * @param started when it started
 * @param ended when it ended, or null while active
 * @param activeSteps its open human steps
 */
public record CaseSummary(String id, String businessKey, String title, CaseStatus status, String ruleSetKey,
		Integer ruleSetVersion, Date started, Date ended, List<StepTask> activeSteps) {

	/** The pinned version tag, e.g. {@code sag-2008:1}. */
	public String ruleSetTag() {
		return this.ruleSetKey + ":" + this.ruleSetVersion;
	}

}
