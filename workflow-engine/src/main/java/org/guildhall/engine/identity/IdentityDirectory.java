package org.guildhall.engine.identity;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;

import org.springframework.stereotype.Service;

/** Guildhall's view of Camunda's identity service: groups, users, passwords. */
@Service
public class IdentityDirectory {

	private final IdentityService identity;

	public IdentityDirectory(IdentityService identity) {
		this.identity = identity;
	}

	/**
	 * The Camunda tenant of the process-variant sandbox; its members (by group) see its
	 * deployments, simulated cases and steps, everyone else never does.
	 */
	public static final String SANDBOX_TENANT = "sandbox";

	/** The groups that are members of {@link #SANDBOX_TENANT}. */
	public static final List<GuildGroup> SANDBOX_GROUPS = List.of(GuildGroup.RULES_MODELER, GuildGroup.AUDITOR,
			GuildGroup.CAMUNDA_ADMIN);

	/**
	 * Creates every {@link GuildGroup} that does not exist yet, and the sandbox tenant
	 * with its member groups.
	 */
	public void ensureGroups() {
		for (GuildGroup guildGroup : GuildGroup.values()) {
			if (this.identity.createGroupQuery().groupId(guildGroup.id()).count() == 0) {
				Group group = this.identity.newGroup(guildGroup.id());
				group.setName(guildGroup.displayName());
				group.setType("WORKFLOW");
				this.identity.saveGroup(group);
			}
		}
		if (this.identity.createTenantQuery().tenantId(SANDBOX_TENANT).count() == 0) {
			Tenant tenant = this.identity.newTenant(SANDBOX_TENANT);
			tenant.setName("Process-variant sandbox");
			this.identity.saveTenant(tenant);
		}
		for (GuildGroup member : SANDBOX_GROUPS) {
			if (this.identity.createTenantQuery().tenantId(SANDBOX_TENANT).groupMember(member.id()).count() == 0) {
				this.identity.createTenantGroupMembership(SANDBOX_TENANT, member.id());
			}
		}
	}

	/**
	 * Creates {@code userId} with {@code password} if it does not exist, and makes it a
	 * member of {@code groups}; an existing user keeps its password.
	 * @return true if the user was created
	 */
	public boolean ensureUser(String userId, String firstName, String lastName, String password, GuildGroup... groups) {
		boolean created = false;
		if (this.identity.createUserQuery().userId(userId).count() == 0) {
			User user = this.identity.newUser(userId);
			user.setFirstName(firstName);
			user.setLastName(lastName);
			user.setEmail(userId + "@guildhall.invalid");
			user.setPassword(password);
			this.identity.saveUser(user);
			created = true;
		}
		Set<String> current = groupsOf(userId);
		for (GuildGroup group : groups) {
			if (!current.contains(group.id())) {
				this.identity.createMembership(userId, group.id());
			}
		}
		return created;
	}

	/** The ids of the groups {@code userId} belongs to. */
	public Set<String> groupsOf(String userId) {
		return this.identity.createGroupQuery()
			.groupMember(userId)
			.list()
			.stream()
			.map(Group::getId)
			.collect(Collectors.toSet());
	}

	/**
	 * Whether {@code password} is {@code userId}'s password; a wrong one counts as a
	 * failed login.
	 */
	public boolean checkPassword(String userId, String password) {
		return this.identity.checkPassword(userId, password);
	}

	/**
	 * Whether {@code userId} still has {@code password}, asked by the system rather than
	 * by someone logging in: the probe neither counts as a failed login nor is blocked by
	 * an earlier one (Camunda delays logins after failures), so the user's lock state is
	 * cleared around it.
	 */
	public boolean hasPassword(String userId, String password) {
		this.identity.unlockUser(userId);
		boolean matches = this.identity.checkPassword(userId, password);
		if (!matches) {
			this.identity.unlockUser(userId);
		}
		return matches;
	}

	/** Whether a user {@code userId} exists (a null or blank id never does). */
	public boolean exists(String userId) {
		return userId != null && !userId.isBlank() && this.identity.createUserQuery().userId(userId).count() > 0;
	}

	/** The ids of all users. */
	public List<String> userIds() {
		return this.identity.createUserQuery().list().stream().map(User::getId).toList();
	}

	/** The display name of {@code userId}, or the id if it has none. */
	public String displayName(String userId) {
		User user = this.identity.createUserQuery().userId(userId).singleResult();
		if (user == null) {
			return userId;
		}
		String name = ((user.getFirstName() != null) ? user.getFirstName() : "") + " "
				+ ((user.getLastName() != null) ? user.getLastName() : "");
		return name.isBlank() ? userId : name.trim();
	}

}
