package org.guildhall.engine.rules;

import java.util.Date;

/**
 * A case that pinned a version of a rule set when it started.
 *
 * @param caseId the case (root process instance) id
 * @param businessKey its business key
 * @param title its title
 * @param version the rule-set version it pinned
 * @param started when it started
 * @param ended when it ended, or null while it runs
 */
public record PinnedCase(String caseId, String businessKey, String title, int version, Date started, Date ended) {

}
