package org.guildhall.engine.rules;

/** Where a rule-set version stands in the two-person approval. */
public enum RuleSetState {

	/**
	 * Created and deployed, but not usable for new live cases until a second rules
	 * modeler approves it.
	 */
	PENDING_APPROVAL,

	/** Approved: new live cases may pin it. */
	APPROVED

}
