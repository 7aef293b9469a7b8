package org.guildhall.web.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.guildhall.engine.identity.Actor;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The acting user of a request (page or API), as the engine services take it. */
public final class Actors {

	private Actors() {
	}

	/**
	 * The user Spring Security authenticated; their authorities are their Camunda group
	 * ids.
	 */
	public static Actor of(Authentication authentication) {
		Set<String> groups = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
		return new Actor(authentication.getName(), groups);
	}

}
