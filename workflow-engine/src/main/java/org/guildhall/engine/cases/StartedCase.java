package org.guildhall.engine.cases;

/**
 * A case just started.
 *
 * @param id the process instance id of its {@code strike-authorization} instance
 * @param businessKey the business key made from the title
 * @param ruleSetTag the pinned rule-set version, e.g. {@code sag-2008:1}
 */
public record StartedCase(String id, String businessKey, String ruleSetTag) {

}
