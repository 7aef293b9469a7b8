package org.guildhall.web.rules;

import java.util.ArrayList;
import java.util.List;

import org.guildhall.engine.audit.AuditCase;
import org.guildhall.engine.audit.AuditCaseQuery;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetException;
import org.guildhall.engine.rules.RuleSetVersion;
import org.guildhall.engine.rules.RuleSweep;
import org.guildhall.engine.rules.SweepGrid;
import org.guildhall.engine.rules.WhatIf;
import org.guildhall.engine.rules.WhatIfReplay;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The rules studio's analysis pages, read only (rules modelers and auditors): a sweep of
 * two rule-set versions over turnout × yes share, drawn as three heat maps (Chart.js,
 * from the sweep API) with the grid as CSV — a sweep through an uploaded DMN runs in the
 * background ({@link SweepJobs}) with a progress bar; and a what-if replay of a closed
 * case's decisions under another version, side by side with what was recorded.
 */
@Controller
class RulesAnalysisController {

	static final String SWEEP_VIEW = "rules/sweep";

	static final String WHAT_IF_VIEW = "rules/what-if";

	/** A background sweep's progress, for htmx polling. */
	static final String PROGRESS_FRAGMENT = "rules/sweep :: progress";

	static final long DEFAULT_ELIGIBLE = 1000;

	static final int DEFAULT_STEPS = 100;

	private static final int CASES_SHOWN = 200;

	private static final RulesController.Times TIMES = new RulesController.Times();

	private final RuleSetCatalog catalog;

	private final RuleSweep sweep;

	private final WhatIfReplay replay;

	private final AuditTrail trail;

	private final SweepJobs jobs;

	RulesAnalysisController(RuleSetCatalog catalog, RuleSweep sweep, WhatIfReplay replay, AuditTrail trail,
			SweepJobs jobs) {
		this.catalog = catalog;
		this.sweep = sweep;
		this.replay = replay;
		this.trail = trail;
		this.jobs = jobs;
	}

	@ModelAttribute("times")
	RulesController.Times times() {
		return TIMES;
	}

	@GetMapping("/rules/sweep")
	ModelAndView sweep(@RequestParam(name = "a", required = false) String a,
			@RequestParam(name = "b", required = false) String b,
			@RequestParam(name = "eligible", required = false) String eligible,
			@RequestParam(name = "steps", required = false) String steps) {
		ModelAndView page = new ModelAndView(SWEEP_VIEW);
		page.addObject("versions", versions());
		page.addObject("a", (a != null) ? a : "sag-2008:1");
		page.addObject("b", (b != null) ? b : "two-thirds:1");
		page.addObject("eligible", (eligible != null) ? eligible : String.valueOf(DEFAULT_ELIGIBLE));
		page.addObject("steps", (steps != null) ? steps : String.valueOf(DEFAULT_STEPS));
		page.addObject("minSteps", RuleSweep.MIN_STEPS);
		page.addObject("maxSteps", RuleSweep.MAX_STEPS);
		page.addObject("maxEligible", RuleSweep.MAX_ELIGIBLE);
		if (a == null || b == null) {
			return page;
		}
		try {
			long roll = whole("eligible", eligible, DEFAULT_ELIGIBLE);
			int intervals = (int) Math.max(Integer.MIN_VALUE,
					Math.min(Integer.MAX_VALUE, whole("steps", steps, DEFAULT_STEPS)));
			RuleSetVersion versionA = this.replay.version(a, "a");
			RuleSetVersion versionB = this.replay.version(b, "b");
			RuleSweep.check(roll, intervals);
			if (this.sweep.throughDmn(versionA, versionB)
					&& this.sweep.cached(versionA, versionB, roll, intervals).isEmpty()) {
				SweepJobs.Job job = this.jobs.start(versionA, versionB, roll, intervals);
				page.addObject("job", job);
				page.addObject("reloadUrl", query("/rules/sweep", job));
				return page;
			}
			SweepGrid grid = this.sweep.sweep(versionA, versionB, roll, intervals);
			page.addObject("grid", grid);
			page.addObject("apiUrl", query("/api/rule-sets/sweep", grid));
			page.addObject("csvUrl", query("/api/rule-sets/sweep.csv", grid));
		}
		catch (RuleSetException.Invalid ex) {
			page.addObject("error", ex.getMessage());
			page.setStatus(HttpStatus.BAD_REQUEST);
		}
		return page;
	}

	/**
	 * How far a background sweep got (htmx polls this every half second); once it is
	 * done, {@code HX-Refresh} makes htmx reload the page, which then finds the grid
	 * kept.
	 */
	@GetMapping("/rules/sweep/progress")
	ModelAndView sweepProgress(@RequestParam("job") String id, HttpServletResponse response) {
		SweepJobs.Job job = this.jobs.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"no sweep '" + id + "' is running; start it again from the sweep page"));
		if (job.isFinished()) {
			response.setHeader("HX-Refresh", "true");
		}
		ModelAndView fragment = new ModelAndView(PROGRESS_FRAGMENT);
		fragment.addObject("job", job);
		fragment.addObject("reloadUrl", query("/rules/sweep", job));
		return fragment;
	}

	@GetMapping("/rules/what-if")
	ModelAndView whatIf(@RequestParam(name = "case", required = false) String caseId,
			@RequestParam(name = "ruleSet", required = false) String ruleSet) {
		ModelAndView page = new ModelAndView(WHAT_IF_VIEW);
		page.addObject("versions", versions());
		page.addObject("cases", closedCases(caseId));
		page.addObject("caseId", caseId);
		page.addObject("ruleSet", ruleSet);
		if (caseId == null || ruleSet == null || caseId.isBlank() || ruleSet.isBlank()) {
			return page;
		}
		try {
			WhatIf whatIf = this.replay.replay(caseId, ruleSet);
			page.addObject("whatIf", whatIf);
		}
		catch (RuleSetException.Invalid ex) {
			page.addObject("error", ex.getMessage());
			page.setStatus(HttpStatus.BAD_REQUEST);
		}
		catch (RuleSetException.NotFound ex) {
			page.addObject("error", ex.getMessage());
			page.setStatus(HttpStatus.NOT_FOUND);
		}
		catch (RuleSetException.Conflict ex) {
			page.addObject("error", ex.getMessage());
			page.setStatus(HttpStatus.CONFLICT);
		}
		return page;
	}

	/** Every version of every rule set, {@code sag-2008} first. */
	private List<RuleSetVersion> versions() {
		List<RuleSetVersion> all = new ArrayList<>();
		this.catalog.catalogue().values().forEach(all::addAll);
		return all;
	}

	/** The trail's cases that have ended, newest first (plus the one asked for). */
	private List<AuditCase> closedCases(String wanted) {
		List<AuditCase> closed = new ArrayList<>();
		for (AuditCase found : this.trail.cases(new AuditCaseQuery(null, null, null, null, null, CASES_SHOWN))) {
			if (found.endedAt() != null || found.caseId().equals(wanted)) {
				closed.add(found);
			}
		}
		return closed;
	}

	private static String query(String path, SweepJobs.Job job) {
		return UriComponentsBuilder.fromPath(path)
			.queryParam("a", job.a.tag())
			.queryParam("b", job.b.tag())
			.queryParam("eligible", job.eligible)
			.queryParam("steps", job.steps)
			.encode()
			.build()
			.toUriString();
	}

	private static String query(String path, SweepGrid grid) {
		return UriComponentsBuilder.fromPath(path)
			.queryParam("a", grid.a().tag())
			.queryParam("b", grid.b().tag())
			.queryParam("eligible", grid.eligible())
			.queryParam("steps", grid.requestedSteps())
			.encode()
			.build()
			.toUriString();
	}

	private static long whole(String field, String value, long fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Long.parseLong(value.trim().replace(",", "").replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new RuleSetException.Invalid(field, field + " must be a whole number, not \"" + value.trim() + "\"");
		}
	}

}
