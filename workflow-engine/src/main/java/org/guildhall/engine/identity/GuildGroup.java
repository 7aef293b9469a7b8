package org.guildhall.engine.identity;

/**
 * The groups of Guildhall; each group's {@link #id()} is the Camunda group id that BPMN
 * candidate groups and Spring Security authorities use.
 */
public enum GuildGroup {

	/** Guild staff: start cases, record bargaining sessions, correlate agreements. */
	GUILD_STAFF("guild-staff", "Guild staff"),

	/**
	 * The national board's secretary: records board resolutions and the final strike
	 * decision.
	 */
	BOARD_SECRETARY("board-secretary", "National board secretary"),

	/** The negotiating committee: determines whether talks have failed. */
	NEGOTIATING_COMMITTEE("negotiating-committee", "Negotiating committee"),

	/** The election officer: prepares ballots, uploads rolls, certifies results. */
	ELECTION_OFFICER("election-officer", "Election officer"),

	/** Auditors: read everything, change nothing. */
	AUDITOR("auditor", "Auditor"),

	/** Rules modelers: create and approve rule sets and process variants. */
	RULES_MODELER("rules-modeler", "Rules modeler"),

	/** Camunda administrators: Cockpit, Admin and the engine REST API. */
	CAMUNDA_ADMIN("camunda-admin", "Camunda administrator");

	private final String id;

	private final String displayName;

	GuildGroup(String id, String displayName) {
		this.id = id;
		this.displayName = displayName;
	}

	public String id() {
		return this.id;
	}

	public String displayName() {
		return this.displayName;
	}

}
