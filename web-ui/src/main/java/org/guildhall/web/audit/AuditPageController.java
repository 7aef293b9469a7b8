package org.guildhall.web.audit;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.guildhall.engine.audit.AuditCase;
import org.guildhall.engine.audit.AuditCaseQuery;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.rules.RuleSet;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.web.cases.RuleSetWording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The auditor's pages: a search of the trail's cases, one case's trail (timeline,
 * decisions, path on the diagrams, the rules it ran under) and its printable report. They
 * read the audit trail and the deployed BPMN only, so they still work after Camunda's
 * history cleanup has removed a case. Nothing here changes anything but the trail, which
 * records each printed report as an export.
 */
@Controller
class AuditPageController {

	static final String SEARCH_VIEW = "audit/search";

	/** The results table alone, for htmx requests from the search form. */
	static final String RESULTS_FRAGMENT = "audit/search :: results";

	static final String CASE_VIEW = "audit/case";

	/** The timeline alone, for htmx requests from its filter. */
	static final String TIMELINE_FRAGMENT = "audit/case :: timeline";

	static final String REPORT_VIEW = "audit/report";

	static final String ERROR_VIEW = "error";

	/** The statuses a case can have in the trail's index. */
	static final List<String> STATUSES = List.of("ACTIVE", "STRIKE_CALLED", "NO_STRIKE", "AUTHORIZATION_REJECTED",
			"SETTLED", "WITHDRAWN", "CANCELLED");

	static final int SEARCH_LIMIT = 200;

	private static final Logger log = LoggerFactory.getLogger(AuditPageController.class);

	private final AuditTrail trail;

	private final RuleSetCatalog ruleSets;

	private final RepositoryService repository;

	AuditPageController(AuditTrail trail, RuleSetCatalog ruleSets, RepositoryService repository) {
		this.trail = trail;
		this.ruleSets = ruleSets;
		this.repository = repository;
	}

	@GetMapping("/audit")
	String search(@RequestParam(name = "status", required = false) String status,
			@RequestParam(name = "ruleSet", required = false) String ruleSet,
			@RequestParam(name = "startedFrom", required = false) String startedFrom,
			@RequestParam(name = "startedBefore", required = false) String startedBefore,
			@RequestParam(name = "text", required = false) String text,
			@RequestParam(name = "cases", required = false) String cases,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		List<String> problems = new ArrayList<>();
		String statusFilter = known(status, STATUSES, "status", problems);
		List<RuleSetWording.Described> known = this.ruleSets.ruleSets().stream().map(RuleSetWording::describe).toList();
		String ruleSetFilter = known(ruleSet, known.stream().map(RuleSetWording.Described::key).toList(), "rule set",
				problems);
		LocalDate from = date(startedFrom, "Started from", problems);
		LocalDate before = date(startedBefore, "Started before", problems);
		// live cases, the sandbox's simulated cases, or both (the default)
		Boolean sandbox = "sandbox".equals(cases) ? Boolean.TRUE : "live".equals(cases) ? Boolean.FALSE : null;
		AuditCaseQuery query = new AuditCaseQuery(statusFilter, ruleSetFilter, startOf(from), startOf(before), text,
				SEARCH_LIMIT, sandbox);
		model.addAttribute("cases_", (sandbox == null) ? "" : cases);
		List<AuditCase> found = this.trail.cases(query);
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("ruleSets", known);
		model.addAttribute("status", (statusFilter != null) ? statusFilter : "");
		model.addAttribute("ruleSet", (ruleSetFilter != null) ? ruleSetFilter : "");
		model.addAttribute("startedFrom", (from != null) ? from.toString() : "");
		model.addAttribute("startedBefore", (before != null) ? before.toString() : "");
		model.addAttribute("text", (query.text() != null) ? query.text() : "");
		model.addAttribute("filtered", sandbox != null || statusFilter != null || ruleSetFilter != null || from != null
				|| before != null || query.text() != null);
		model.addAttribute("cases", found.stream().map(AuditCaseRow::of).toList());
		model.addAttribute("limited", found.size() >= SEARCH_LIMIT);
		model.addAttribute("problems", problems);
		return "true".equals(htmx) ? RESULTS_FRAGMENT : SEARCH_VIEW;
	}

	@GetMapping("/audit/cases/{caseId}")
	String auditCase(@PathVariable String caseId, @RequestParam(name = "kind", required = false) String kind,
			@RequestParam(name = "actor", required = false) String actor,
			@RequestParam(name = "path", defaultValue = "false") boolean showPath,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		AuditCase found = find(caseId);
		AuditCasePage page = page(found, this.trail.caseTrail(caseId));
		String kindFilter = (kind != null && page.kinds().containsKey(kind)) ? kind : "";
		String actorFilter = (actor != null && page.actors().contains(actor)) ? actor : "";
		model.addAttribute("page", page);
		model.addAttribute("auditCase", found);
		model.addAttribute("rows", page.rows(kindFilter, actorFilter, showPath));
		model.addAttribute("kind", kindFilter);
		model.addAttribute("actor", actorFilter);
		model.addAttribute("showPath", showPath);
		if ("true".equals(htmx)) {
			return TIMELINE_FRAGMENT;
		}
		model.addAttribute("rules", rules(found));
		model.addAttribute("downloads", downloads(caseId));
		return CASE_VIEW;
	}

	@GetMapping("/audit/cases/{caseId}/report")
	String report(@PathVariable String caseId, Authentication authentication, Model model) {
		AuditCase found = find(caseId);
		// the report is an export of the trail: it goes on the record before the head is
		// read
		this.trail.record(AuditKind.AUDIT_EXPORTED, caseId, authentication.getName(), "report",
				Map.of("format", "report", "view", "/audit/cases/" + caseId + "/report"));
		AuditCasePage page = page(found, this.trail.caseTrail(caseId));
		model.addAttribute("page", page);
		model.addAttribute("auditCase", found);
		model.addAttribute("rows", page.rows(null, null, false));
		model.addAttribute("rules", rules(found));
		model.addAttribute("head", this.trail.head());
		model.addAttribute("printedAt", TrailWords.moment(Instant.now()));
		model.addAttribute("printedBy", authentication.getName());
		return REPORT_VIEW;
	}

	/** The BPMN XML of a process definition the case ran, for the diagram viewer. */
	@GetMapping(path = "/audit/cases/{caseId}/diagram/{definitionId}.bpmn", produces = MediaType.APPLICATION_XML_VALUE)
	ResponseEntity<byte[]> diagram(@PathVariable String caseId, @PathVariable String definitionId) throws IOException {
		find(caseId);
		if (!AuditCasePage.processDefinitionIds(this.trail.caseTrail(caseId)).contains(definitionId)) {
			return ResponseEntity.notFound().build();
		}
		try (InputStream xml = this.repository.getProcessModel(definitionId)) {
			// a process definition never changes once deployed
			return ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
				.contentType(MediaType.APPLICATION_XML)
				.body(xml.readAllBytes());
		}
		catch (ProcessEngineException ex) {
			return ResponseEntity.notFound().build();
		}
	}

	@ExceptionHandler(UnknownAuditCaseException.class)
	ModelAndView unknownCase(UnknownAuditCaseException ex) {
		ModelAndView view = new ModelAndView(ERROR_VIEW, HttpStatus.NOT_FOUND);
		view.addObject("status", 404);
		view.addObject("error", "Case not found");
		view.addObject("message", "The audit trail has no case with that id. It may have been mistyped.");
		return view;
	}

	private AuditCase find(String caseId) {
		return this.trail.auditCase(caseId).orElseThrow(() -> new UnknownAuditCaseException(caseId));
	}

	private AuditCasePage page(AuditCase found, List<AuditEvent> events) {
		Map<String, BpmnModelInstance> models = new LinkedHashMap<>();
		for (String definitionId : AuditCasePage.processDefinitionIds(events)) {
			models.put(definitionId, model(definitionId));
		}
		return AuditCasePage.of(found, events, models);
	}

	private BpmnModelInstance model(String definitionId) {
		try {
			return this.repository.getBpmnModelInstance(definitionId);
		}
		catch (ProcessEngineException ex) {
			log.warn("The BPMN of {} cannot be read for the audit pages: {}", definitionId, ex.getMessage());
			return null;
		}
	}

	private RulesPanel rules(AuditCase found) {
		String tag = found.ruleSetTag();
		AuditEvent deployment = (tag == null) ? null
				: this.trail.latest(AuditKind.RULE_SET_DEPLOYED, 1000)
					.stream()
					.filter((event) -> tag.equals(event.details().get("ruleSetTag")))
					.findFirst()
					.orElse(null);
		// the exact version the case pinned, as the catalogue keeps it; else what it
		// ships
		java.util.Optional<RuleSet> pinned = (found.ruleSetKey() != null && found.ruleSetVersion() != null)
				? this.ruleSets.version(found.ruleSetKey(), found.ruleSetVersion())
					.map((version) -> new RuleSet(version.key(), version.version(), version.name(), version.citation(),
							version.parameters()))
				: java.util.Optional.empty();
		return RulesPanel.of(found, pinned.isPresent() ? pinned
				: (found.ruleSetKey() != null) ? this.ruleSets.find(found.ruleSetKey()) : java.util.Optional.empty(),
				deployment);
	}

	/** The trail's exports of one case (served by the audit API). */
	static Map<String, String> downloads(String caseId) {
		Map<String, String> downloads = new LinkedHashMap<>();
		downloads.put("CSV", "/api/cases/" + caseId + "/history.csv");
		downloads.put("JSON Lines", "/api/cases/" + caseId + "/history.jsonl");
		return downloads;
	}

	private static String known(String value, List<String> known, String what, List<String> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		if (known.contains(trimmed)) {
			return trimmed;
		}
		String upper = trimmed.toUpperCase(Locale.ROOT);
		if (known.contains(upper)) {
			return upper;
		}
		problems.add("There is no " + what + " \"" + trimmed + "\"; the search ignores it.");
		return null;
	}

	private static LocalDate date(String value, String label, List<String> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			problems.add(label + ": \"" + value.trim() + "\" is not a date (use YYYY-MM-DD); the search ignores it.");
			return null;
		}
	}

	private static Instant startOf(LocalDate date) {
		return (date != null) ? date.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	/** No case with that id in the trail. */
	static class UnknownAuditCaseException extends RuntimeException {

		UnknownAuditCaseException(String caseId) {
			super("no case " + caseId + " in the audit trail");
		}

	}

}
