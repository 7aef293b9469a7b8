package org.guildhall.engine.audit;

/**
 * What an audit event records. The engine's history feeds the case and step kinds; the
 * application feeds logins, rule sets, the ballot box and exports.
 */
public enum AuditKind {

	/** A case (the top-level process) started: title, pinned rule set, who started it. */
	CASE_STARTED("Case started"),
	/** A case ended: its final status, or the withdrawal reason. */
	CASE_ENDED("Case ended"),
	/**
	 * A called process (board, bargaining, committee, member vote, final decision)
	 * started.
	 */
	PROCESS_STARTED("Process started"),
	/** A called process ended. */
	PROCESS_ENDED("Process ended"),
	/** A human step was created, with its candidate groups and due date. */
	STEP_CREATED("Step created"),
	/** Someone took a step. */
	STEP_CLAIMED("Step claimed"),
	/** Someone gave a step back to its groups. */
	STEP_UNCLAIMED("Step released"),
	/** A step was completed, with the values submitted in its form. */
	STEP_COMPLETED("Step completed"),
	/**
	 * A step was cancelled (an agreement, a withdrawal or a closing window interrupted
	 * it).
	 */
	STEP_CANCELLED("Step cancelled"),
	/** A rule-set decision was evaluated: inputs, outputs, rule set key and version. */
	DECISION_EVALUATED("Decision evaluated"),
	/** A timer fired (window open/close, deadlines, weekly reports). */
	TIMER_FIRED("Timer fired"),
	/** A message (an agreement reached) was correlated to the case. */
	MESSAGE_CORRELATED("Message correlated"),
	/** An activity of a process ended: the path the case actually took. */
	ACTIVITY_ENDED("Activity ended"),
	/** Something failed and needs an operator (an incident). */
	INCIDENT_RAISED("Incident raised"),
	/** A staff member signed in. */
	LOGIN("Signed in"),
	/** A sign-in was refused. */
	LOGIN_FAILED("Sign-in refused"),
	/** A staff member signed out. */
	LOGOUT("Signed out"),
	/** A rule-set version was deployed. */
	RULE_SET_DEPLOYED("Rule set deployed"),
	/**
	 * A rules modeler created a rule-set version (from parameters or an uploaded DMN): it
	 * is deployed, pending approval; key, version, source, DMN SHA-256.
	 */
	RULE_SET_PROPOSED("Rule set proposed"),
	/**
	 * A second rules modeler approved a rule-set version: new cases may pin it; author
	 * and DMN SHA-256.
	 */
	RULE_SET_APPROVED("Rule set approved"),
	/**
	 * An eligibility roll was uploaded for a case: its hash and counts, never its rows.
	 */
	ROLL_UPLOADED("Roll uploaded"),
	/** A ballot was prepared: the roll frozen into the vote with its hash, the window. */
	BALLOT_PREPARED("Ballot prepared"),
	/**
	 * The election officer downloaded the credentials (how many; never the credentials).
	 */
	CREDENTIALS_DOWNLOADED("Credentials downloaded"),
	/** The ballot box opened. */
	BALLOT_BOX_OPENED("Ballot box opened"),
	/** The ballot box closed. */
	BALLOT_BOX_CLOSED("Ballot box closed"),
	/** The closed box was counted: totals only. */
	BALLOT_TALLIED("Ballot box counted"),
	/** Someone exported (part of) the trail. */
	AUDIT_EXPORTED("Trail exported");

	private final String label;

	AuditKind(String label) {
		this.label = label;
	}

	/** Words for people. */
	public String label() {
		return this.label;
	}

}
