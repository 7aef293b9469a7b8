package org.guildhall.engine.cases;

import java.util.Date;
import java.util.Map;

/**
 * A completed human step.
 *
 * @param completed when it was completed
 * @param stepKey its step key
 * @param stepName its name
 * @param actor who completed it
 * @param values the form values submitted
 */
public record TimelineEntry(Date completed, String stepKey, String stepName, String actor, Map<String, Object> values) {

}
