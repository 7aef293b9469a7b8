package org.guildhall.web.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.identity.GuildGroup;
import org.guildhall.engine.identity.IdentityDirectory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the user Spring Security authenticated to Camunda for the length of a request, so
 * the engine records who acted (user operation log, task completion) and applies its
 * authorizations, and the tenants the user belongs to (through their groups), so
 * Camunda's tenant check applies.
 */
class CamundaAuthenticationFilter extends OncePerRequestFilter {

	private final IdentityService identity;

	CamundaAuthenticationFilter(IdentityService identity) {
		this.identity = identity;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
			chain.doFilter(request, response);
			return;
		}
		List<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		// Camunda's tenant check then hides the process-variant sandbox from everyone but
		// its member groups (rules modelers, auditors, administrators; the same groups
		// are
		// the tenant's members in Camunda's identity service, for Cockpit)
		List<String> tenants = IdentityDirectory.SANDBOX_GROUPS.stream().map(GuildGroup::id).anyMatch(groups::contains)
				? List.of(IdentityDirectory.SANDBOX_TENANT) : List.of();
		this.identity.setAuthentication(authentication.getName(), groups, tenants);
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.identity.clearAuthentication();
		}
	}

}
