package org.guildhall.web.cases;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;

import org.springframework.stereotype.Component;

/**
 * Who withdrew a case and why, for its page. {@code CaseService.withdraw} records both as
 * variables of the case ({@code withdrawnBy}, {@code withdrawnReason}), but
 * {@code CaseDetails} does not carry them and gives no outcome for a withdrawn case.
 */
@Component
class Withdrawals {

	private final HistoryService history;

	Withdrawals(HistoryService history) {
		this.history = history;
	}

	/** "withdrawn by staff: reason", or null if the case holds no record of it. */
	String explain(String caseId) {
		Map<String, Object> values = new HashMap<>();
		this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(caseId)
			.variableNameIn("withdrawnBy", "withdrawnReason")
			.disableCustomObjectDeserialization()
			.list()
			.forEach((variable) -> values.put(variable.getName(), variable.getValue()));
		if (values.isEmpty()) {
			return null;
		}
		Object by = values.get("withdrawnBy");
		Object reason = values.get("withdrawnReason");
		return "withdrawn" + ((by != null) ? " by " + by : "") + ((reason != null) ? ": " + reason : "");
	}

}
