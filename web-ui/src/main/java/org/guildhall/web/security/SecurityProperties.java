package org.guildhall.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings ({@code guildhall.security.*}).
 *
 * @param initialAdminUser the administrator created when the identity service has no user
 * at all (outside the demo profile); environment variable
 * {@code GUILDHALL_SECURITY_INITIAL_ADMIN_USER}
 * @param initialAdminPassword its password; must be set, and must not be a demo password
 */
@ConfigurationProperties("guildhall.security")
public record SecurityProperties(String initialAdminUser, String initialAdminPassword) {

	public SecurityProperties {
		if (initialAdminUser == null || initialAdminUser.isBlank()) {
			initialAdminUser = "admin";
		}
	}

}
