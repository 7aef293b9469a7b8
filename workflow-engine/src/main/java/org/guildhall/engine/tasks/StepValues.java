package org.guildhall.engine.tasks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;

/**
 * The typed values a completed step set. Camunda records form-field history for text
 * values only; the values a step set are the variable updates made while its activity
 * instance was current, oldest first.
 */
public final class StepValues {

	private StepValues() {
	}

	/**
	 * The variables set in {@code activityInstanceId} (a user task's activity instance),
	 * by name, in the order they were set; a variable set twice keeps its last value.
	 */
	public static Map<String, Object> of(HistoryService history, String activityInstanceId) {
		Map<String, Object> values = new LinkedHashMap<>();
		history.createHistoricDetailQuery()
			.activityInstanceId(activityInstanceId)
			.variableUpdates()
			.disableCustomObjectDeserialization()
			.orderByTime()
			.asc()
			.list()
			.forEach((detail) -> {
				HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
				values.put(update.getVariableName(), update.getValue());
			});
		return values;
	}

}
