package org.guildhall.web.home;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseStatus;
import org.guildhall.engine.cases.CaseSummary;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The landing page: the open steps for the signed-in user's groups, and the cases with a
 * status filter (htmx swaps just the table when the filter changes).
 */
@Controller
class HomeController {

	static final String HOME_VIEW = "home/home";

	/** The cases table alone, for htmx requests from the status filter. */
	static final String CASES_FRAGMENT = "home/home :: cases";

	static final String LOGIN_VIEW = "home/login";

	private final StepService steps;

	private final CaseService cases;

	HomeController(StepService steps, CaseService cases) {
		this.steps = steps;
		this.cases = cases;
	}

	@GetMapping("/")
	String home(@RequestParam(name = "status", required = false) String status,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Authentication authentication,
			Model model) {
		CaseStatus filter = parse(status);
		List<CaseSummary> all = this.cases.list(null);
		model.addAttribute("status", (filter != null) ? filter.name() : "");
		model.addAttribute("statuses", CaseStatus.values());
		model.addAttribute("cases", all.stream().filter((c) -> filter == null || c.status() == filter).toList());
		if ("true".equals(htmx)) {
			return CASES_FRAGMENT;
		}
		List<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		List<StepTask> mine = this.steps.open(null, groups);
		Map<String, String> titles = all.stream()
			.collect(Collectors.toMap(CaseSummary::id, CaseSummary::title, (a, b) -> a));
		model.addAttribute("user", authentication.getName());
		model.addAttribute("groups", groups);
		model.addAttribute("steps", mine);
		model.addAttribute("caseTitles", titles);
		model.addAttribute("overdueCount", mine.stream().filter(StepTask::overdue).count());
		return HOME_VIEW;
	}

	@GetMapping("/login")
	String login() {
		return LOGIN_VIEW;
	}

	/** The status named, or null for all (an unknown name shows all rather than fail). */
	static CaseStatus parse(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		String name = status.trim().toUpperCase(Locale.ROOT);
		return Arrays.stream(CaseStatus.values()).filter((s) -> s.name().equals(name)).findFirst().orElse(null);
	}

}
