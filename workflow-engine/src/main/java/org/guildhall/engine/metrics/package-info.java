/**
 * Micrometer meters of Guildhall's own work: ballots, steps, decisions.
 */
package org.guildhall.engine.metrics;
