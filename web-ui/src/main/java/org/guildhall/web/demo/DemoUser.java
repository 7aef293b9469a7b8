package org.guildhall.web.demo;

import java.util.List;

import org.guildhall.engine.identity.GuildGroup;

/** The demo users (password {@code demo}), one or more per group. */
enum DemoUser {

	STAFF("staff", "Dana", "Reyes", GuildGroup.GUILD_STAFF),

	SECRETARY("secretary", "Morgan", "Lee", GuildGroup.BOARD_SECRETARY),

	COMMITTEE("committee", "Alex", "Kim", GuildGroup.NEGOTIATING_COMMITTEE),

	OFFICER("officer", "Jordan", "Patel", GuildGroup.ELECTION_OFFICER),

	AUDITOR("auditor", "Casey", "Nguyen", GuildGroup.AUDITOR),

	MODELER("modeler", "Riley", "Okafor", GuildGroup.RULES_MODELER),

	MODELER2("modeler2", "Taylor", "Brooks", GuildGroup.RULES_MODELER),

	ADMIN("admin", "Avery", "Admin", GuildGroup.CAMUNDA_ADMIN);

	static final String PASSWORD = "demo";

	private final String id;

	private final String firstName;

	private final String lastName;

	private final GuildGroup group;

	DemoUser(String id, String firstName, String lastName, GuildGroup group) {
		this.id = id;
		this.firstName = firstName;
		this.lastName = lastName;
		this.group = group;
	}

	String id() {
		return this.id;
	}

	String firstName() {
		return this.firstName;
	}

	String lastName() {
		return this.lastName;
	}

	GuildGroup group() {
		return this.group;
	}

	static List<DemoUser> all() {
		return List.of(values());
	}

}
