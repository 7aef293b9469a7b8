package org.guildhall.web.security;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.guildhall.engine.identity.GuildGroup;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A 403 decided by a URL rule, before any controller runs, answered as the API answers
 * everything else: an RFC 9457 problem naming the group that may act and the caller's
 * groups.
 */
class ApiAccessDeniedHandler implements AccessDeniedHandler {

	private final ObjectMapper json = new ObjectMapper();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		List<String> groups = (user != null)
				? user.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList() : List.of();
		String who = (user != null) ? user.getName() + " is in " + groups : "you are not signed in";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"only members of [" + GuildGroup.GUILD_STAFF.id() + "] may do this; " + who);
		problem.setTitle("Forbidden");
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
