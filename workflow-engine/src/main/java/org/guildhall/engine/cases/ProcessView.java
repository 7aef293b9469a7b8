package org.guildhall.engine.cases;

import java.util.List;

/**
 * One process instance of a case, for drawing its diagram.
 *
 * @param processInstanceId the instance
 * @param processKey its process key, e.g. {@code board-deliberation}
 * @param processDefinitionId its definition (the diagram to draw)
 * @param active whether it is still running
 * @param activeActivityIds the activities it is at now
 * @param completedActivityIds the activities it has passed through
 */
public record ProcessView(String processInstanceId, String processKey, String processDefinitionId, boolean active,
		List<String> activeActivityIds, List<String> completedActivityIds) {

}
