package org.guildhall.web.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.guildhall.web.api.ProblemResponses;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A 403 decided by a URL rule before any controller runs (or by method security outside
 * the {@code api} package), answered as the API answers everything else: an RFC 9457
 * problem naming the groups that may act and the caller's groups.
 */
class ApiAccessDeniedHandler implements AccessDeniedHandler {

	private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		List<String> groups = (user != null)
				? user.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList() : List.of();
		String who = (user != null) ? user.getName() + " is in " + groups : "you are not signed in";
		List<String> needed = neededGroups(denied);
		ProblemResponses.write(response, ProblemResponses.problem(request, HttpStatus.FORBIDDEN, "Forbidden",
				(needed.isEmpty() ? "you may not do this; " : "only members of " + needed + " may do this; ") + who));
	}

	/**
	 * The groups the refusing rule asked for: a URL rule's authorities, or the quoted
	 * groups of an {@code @PreAuthorize("hasAuthority('...')")} (controllers outside
	 * {@code org.guildhall.web.api} have no problem handler of their own for it).
	 */
	static List<String> neededGroups(AccessDeniedException denied) {
		if (!(denied instanceof AuthorizationDeniedException refused)) {
			return List.of();
		}
		AuthorizationResult result = refused.getAuthorizationResult();
		if (result instanceof AuthorityAuthorizationDecision decision) {
			return decision.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
		}
		List<String> groups = new ArrayList<>();
		Matcher matcher = QUOTED.matcher(String.valueOf(result));
		while (matcher.find()) {
			groups.add(matcher.group(1));
		}
		return groups;
	}

}
