package org.guildhall.web.security;

import java.util.List;

import org.guildhall.engine.identity.GuildGroup;
import org.guildhall.engine.identity.IdentityDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile Guildhall refuses to start while any user still has the demo
 * password, or while no user exists and no initial administrator password is configured.
 * With no users it creates the initial administrator from {@link SecurityProperties}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemoPasswordGuard implements ApplicationRunner {

	static final String DEMO_PASSWORD = "demo";

	private static final Logger log = LoggerFactory.getLogger(DemoPasswordGuard.class);

	private final IdentityDirectory directory;

	private final SecurityProperties properties;

	private final Environment environment;

	DemoPasswordGuard(IdentityDirectory directory, SecurityProperties properties, Environment environment) {
		this.directory = directory;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.environment.acceptsProfiles(Profiles.of("demo"))) {
			return;
		}
		this.directory.ensureGroups();
		if (this.directory.userIds().isEmpty()) {
			createInitialAdmin();
		}
		List<String> withDemoPassword = this.directory.userIds()
			.stream()
			.filter((user) -> this.directory.hasPassword(user, DEMO_PASSWORD))
			.toList();
		if (!withDemoPassword.isEmpty()) {
			throw new IllegalStateException("Refusing to start outside the demo profile: users " + withDemoPassword
					+ " still have the demo password. Change their passwords (Camunda Admin at /camunda, "
					+ "in the demo profile) or start with a fresh database.");
		}
	}

	private void createInitialAdmin() {
		String password = this.properties.initialAdminPassword();
		if (password == null || password.isBlank() || DEMO_PASSWORD.equals(password)) {
			throw new IllegalStateException("Refusing to start outside the demo profile: the database has no users; "
					+ "set guildhall.security.initial-admin-password (environment variable "
					+ "GUILDHALL_SECURITY_INITIAL_ADMIN_PASSWORD) to a password other than 'demo'.");
		}
		this.directory.ensureUser(this.properties.initialAdminUser(), "Guildhall", "Administrator", password,
				GuildGroup.CAMUNDA_ADMIN);
		log.info("Created the initial administrator '{}'", this.properties.initialAdminUser());
	}

}
