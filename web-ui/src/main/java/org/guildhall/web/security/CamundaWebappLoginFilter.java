package org.guildhall.web.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.identity.GuildGroup;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Only Camunda administrators may sign in to Cockpit, Tasklist and Admin. Camunda's
 * authorization checks are off in Guildhall (its own services decide who may act), so
 * without this gate any user — an auditor included — could change cases there. Staff and
 * auditors use Guildhall's pages.
 */
class CamundaWebappLoginFilter extends OncePerRequestFilter {

	private final IdentityService identity;

	CamundaWebappLoginFilter(IdentityService identity) {
		this.identity = identity;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !("POST".equals(request.getMethod()) && path.startsWith("/camunda/api/admin/auth/user/")
				&& path.contains("/login/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String user = request.getParameter("username");
		boolean admin = user != null && this.identity.createGroupQuery()
			.groupMember(user)
			.groupId(GuildGroup.CAMUNDA_ADMIN.id())
			.count() > 0;
		if (!admin) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType("application/json");
			response.getWriter()
				.write("{\"type\":\"Forbidden\",\"message\":\"The Camunda webapps are for camunda-admin users; "
						+ "use Guildhall's pages\"}");
			return;
		}
		chain.doFilter(request, response);
	}

}
