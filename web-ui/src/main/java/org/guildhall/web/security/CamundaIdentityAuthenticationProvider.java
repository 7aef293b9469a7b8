package org.guildhall.web.security;

import java.util.List;

import org.guildhall.engine.identity.IdentityDirectory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks user name and password against Camunda's identity service; the user's Camunda
 * groups become its authorities (authority = group id, e.g. {@code board-secretary}).
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

	private final IdentityDirectory directory;

	CamundaIdentityAuthenticationProvider(IdentityDirectory directory) {
		this.directory = directory;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String user = authentication.getName();
		Object credentials = authentication.getCredentials();
		if (user == null || user.isBlank() || credentials == null
				|| !this.directory.checkPassword(user, credentials.toString())) {
			throw new BadCredentialsException("Unknown user or wrong password");
		}
		List<GrantedAuthority> authorities = this.directory.groupsOf(user)
			.stream()
			.sorted()
			.<GrantedAuthority>map(SimpleGrantedAuthority::new)
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
