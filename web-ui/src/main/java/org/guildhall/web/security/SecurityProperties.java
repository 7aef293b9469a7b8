package org.guildhall.web.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings ({@code guildhall.security.*}).
 *
 * @param initialAdminUser the administrator created when the identity service has no user
 * at all (outside the demo profile); environment variable
 * {@code GUILDHALL_SECURITY_INITIAL_ADMIN_USER}
 * @param initialAdminPassword its password; must be set, and must not be a demo password
 * @param signInFailuresPerAddress refused sign-ins (any user, any way: form, HTTP Basic,
 * Camunda's webapps) one client address may have in {@code signInWindow} before its
 * further sign-ins are refused unchecked (default 30)
 * @param signInWindow the window of that count (default 5 minutes)
 */
@ConfigurationProperties("guildhall.security")
public record SecurityProperties(String initialAdminUser, String initialAdminPassword, Integer signInFailuresPerAddress,
		Duration signInWindow) {

	public SecurityProperties {
		if (initialAdminUser == null || initialAdminUser.isBlank()) {
			initialAdminUser = "admin";
		}
		if (signInFailuresPerAddress == null) {
			signInFailuresPerAddress = 30;
		}
		if (signInWindow == null) {
			signInWindow = Duration.ofMinutes(5);
		}
	}

}
