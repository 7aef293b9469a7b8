package org.guildhall.engine.identity;

import java.util.Set;

/**
 * Who is acting: a user and the ids of their groups.
 *
 * @param userId the user id, never null
 * @param groups the ids of the user's groups, never null
 */
public record Actor(String userId, Set<String> groups) {

	public Actor {
		groups = Set.copyOf(groups);
	}

	public boolean isIn(GuildGroup group) {
		return this.groups.contains(group.id());
	}

}
