/**
 * Cases: one run of the top-level {@code strike-authorization} process, pinned at start
 * to the current version of a rule set.
 */
package org.guildhall.engine.cases;
