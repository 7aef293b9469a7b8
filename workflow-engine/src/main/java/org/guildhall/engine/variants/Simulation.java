package org.guildhall.engine.variants;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A simulated case in the sandbox: where it stopped and why, its status, the steps the
 * scenario completed, the decisions with their explanations and the activities each
 * process passed. Always a sandbox case ({@link #sandbox()}).
 *
 * @param caseId the root process instance id
 * @param businessKey its business key ({@code sandbox-...})
 * @param title the scenario's title
 * @param variantId the variant deployment
 * @param variantName the variant's name
 * @param ruleSetTag the pinned rule-set version
 * @param status the case status ({@code ACTIVE} while it waits)
 * @param ended whether the case has ended
 * @param stop why the run stopped
 * @param stoppedAt the step it stopped at, or null
 * @param message the stop in words
 * @param startedAt when it started
 * @param startedBy who ran it
 * @param steps the steps completed, in order
 * @param decisions the decisions evaluated, in order
 * @param processes the process instances it ran, top level first
 */
public record Simulation(String caseId, String businessKey, String title, String variantId, String variantName,
		String ruleSetTag, String status, boolean ended, Stop stop, String stoppedAt, String message, Instant startedAt,
		String startedBy, List<StepRun> steps, List<DecisionRun> decisions, List<ProcessRun> processes) {

	/** Simulated cases are always sandbox cases. */
	@JsonProperty("sandbox")
	public boolean sandbox() {
		return true;
	}

	/** Why a run stopped. */
	public enum Stop {

		/** The case ended. */
		ENDED,
		/** A step is open for which the scenario has no (further) answer. */
		NO_ANSWER,
		/** The step's form refused the scenario's answer. */
		REFUSED,
		/** Nothing to answer, but the case has not ended (e.g. it waits for a timer). */
		WAITING,
		/** The run completed more steps than a simulation may. */
		LIMIT

	}

	/** One completed step: key, name and the values submitted. */
	public record StepRun(String stepKey, String name, Instant completedAt, Map<String, Object> values) {
	}

	/** One decision: key, rule-set tag, outcome and explanation. */
	public record DecisionRun(String decision, String ruleSetTag, String outcome, String explanation,
			Instant evaluatedAt) {
	}

	/** One process instance of the case and the activities it passed. */
	public record ProcessRun(String processInstanceId, String processKey, String processDefinitionId,
			List<String> activities) {
	}

}
