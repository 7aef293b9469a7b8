/**
 * Human steps: the cross-field rules of the step forms (validators the models name by
 * bean) and the escalation of overdue steps. Field-level rules (types, required, min/max)
 * live in the models.
 */
package org.guildhall.engine.tasks;
