package org.guildhall.web.cases;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import org.camunda.bpm.engine.RepositoryService;
import org.guildhall.engine.cases.CaseDetails;
import org.guildhall.engine.cases.CaseNotFoundException;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseStateException;
import org.guildhall.engine.cases.CaseStatus;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.guildhall.web.security.Actors;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.UnknownRuleSetException;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case pages: start a case (guild staff), a case's status, steps, timeline and
 * diagrams, and the staff's "agreement reached" and "withdraw" actions.
 */
@Controller
class CaseController {

	/** The start form's fields that the case service may name in a refusal. */
	private static final List<String> FORM_FIELDS = List.of("title", "contract", "employer", "expiryDate",
			"finalOfferDate");

	static final String NEW_CASE_VIEW = "cases/new";

	static final String CASE_VIEW = "cases/case";

	static final String ERROR_VIEW = "error";

	private final CaseService cases;

	private final BallotBox ballots;

	private final Withdrawals withdrawals;

	private final RuleSetCatalog ruleSets;

	private final RepositoryService repository;

	CaseController(CaseService cases, Withdrawals withdrawals, RuleSetCatalog ruleSets, RepositoryService repository,
			BallotBox ballots) {
		this.ballots = ballots;
		this.cases = cases;
		this.withdrawals = withdrawals;
		this.ruleSets = ruleSets;
		this.repository = repository;
	}

	@ModelAttribute("ruleSets")
	List<RuleSetWording.Described> ruleSets() {
		return this.ruleSets.ruleSets().stream().map(RuleSetWording::describe).toList();
	}

	@GetMapping("/cases/new")
	@PreAuthorize("hasAuthority('guild-staff')")
	String newCase(Model model) {
		CaseForm form = new CaseForm();
		form.setRuleSet("sag-2008");
		model.addAttribute("caseForm", form);
		return NEW_CASE_VIEW;
	}

	@PostMapping("/cases/new")
	@PreAuthorize("hasAuthority('guild-staff')")
	String startCase(@Valid @ModelAttribute("caseForm") CaseForm form, BindingResult result,
			RedirectAttributes redirect) {
		if (StringUtils.hasText(form.getRuleSet()) && this.ruleSets.find(form.getRuleSet()).isEmpty()) {
			result.rejectValue("ruleSet", "unknown",
					"Unknown rule set \"" + form.getRuleSet() + "\": choose one of the rule sets listed");
		}
		if (result.hasErrors()) {
			return NEW_CASE_VIEW;
		}
		StartedCase started;
		try {
			started = this.cases.start(form.toNewCase());
		}
		catch (UnknownRuleSetException ex) {
			result.rejectValue("ruleSet", "unknown", "That rule set cannot be used: " + ex.getMessage());
			return NEW_CASE_VIEW;
		}
		catch (IllegalArgumentException ex) {
			// the service's messages start with the field at fault ("expiryDate must be
			// ...")
			String message = String.valueOf(ex.getMessage());
			String field = FORM_FIELDS.stream()
				.filter((name) -> message.startsWith(name + " "))
				.findFirst()
				.orElse("title");
			result.rejectValue(field, "invalid", message);
			return NEW_CASE_VIEW;
		}
		redirect.addFlashAttribute("message", "Case started under rule set " + started.ruleSetTag() + ".");
		return "redirect:/cases/" + started.id();
	}

	@GetMapping("/cases/{id}")
	String showCase(@PathVariable String id, Model model) {
		CaseDetails details = this.cases.find(id);
		model.addAttribute("details", details);
		model.addAttribute("summary", details.summary());
		// the words of the version the case pinned, not of a later one
		model.addAttribute("ruleSet",
				(details.summary().ruleSetVersion() != null)
						? this.ruleSets.version(details.summary().ruleSetKey(), details.summary().ruleSetVersion())
							.map((version) -> RuleSetWording.describe(version.ruleSet()))
							.orElse(null)
						: null);
		model.addAttribute("timeline", CasePage.timeline(details));
		model.addAttribute("withdrawal", (details.summary().status() == CaseStatus.WITHDRAWN)
				? this.withdrawals.explain(details.summary().id()) : null);
		model.addAttribute("outcomeDecision",
				(details.outcome() != null) ? CasePage.decisionName(details.outcome().decision()) : null);
		model.addAttribute("diagrams", CasePage.diagrams(details));
		model.addAttribute("vote", this.ballots.latestVote(details.summary().id()).orElse(null));
		model.addAttribute("pendingRoll", this.ballots.pendingRoll(details.summary().id()).orElse(null));
		return CASE_VIEW;
	}

	/** The BPMN XML of one of the case's processes, for the diagram viewer. */
	@GetMapping(path = "/cases/{id}/diagram/{definitionId}.bpmn", produces = MediaType.APPLICATION_XML_VALUE)
	ResponseEntity<byte[]> diagram(@PathVariable String id, @PathVariable String definitionId) throws IOException {
		boolean ofThisCase = this.cases.find(id)
			.processes()
			.stream()
			.anyMatch((process) -> process.processDefinitionId().equals(definitionId));
		if (!ofThisCase) {
			return ResponseEntity.notFound().build();
		}
		try (InputStream xml = this.repository.getProcessModel(definitionId)) {
			// a process definition never changes once deployed
			return ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
				.contentType(MediaType.APPLICATION_XML)
				.body(xml.readAllBytes());
		}
	}

	@PostMapping("/cases/{id}/agreement")
	@PreAuthorize("hasAuthority('guild-staff')")
	String agreementReached(@PathVariable String id,
			@RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed, Authentication authentication,
			RedirectAttributes redirect) {
		if (!confirmed) {
			redirect.addFlashAttribute("error", "Tick the box to confirm that an agreement was reached.");
			return "redirect:/cases/" + id;
		}
		try {
			this.cases.agreementReached(id, Actors.of(authentication));
			redirect.addFlashAttribute("message", "Agreement recorded: the case goes to the members for ratification.");
		}
		catch (CaseStateException ex) {
			redirect.addFlashAttribute("error", "The agreement was not recorded: " + ex.getMessage() + ".");
		}
		return "redirect:/cases/" + id;
	}

	@PostMapping("/cases/{id}/withdraw")
	@PreAuthorize("hasAuthority('guild-staff')")
	String withdraw(@PathVariable String id, @RequestParam(name = "reason", defaultValue = "") String reason,
			@RequestParam(name = "confirmed", defaultValue = "false") boolean confirmed, Authentication authentication,
			RedirectAttributes redirect) {
		if (!StringUtils.hasText(reason)) {
			redirect.addFlashAttribute("error", "Give a reason to withdraw the case; it goes on the record.");
			return "redirect:/cases/" + id;
		}
		if (!confirmed) {
			redirect.addFlashAttribute("error", "Tick the box to confirm the withdrawal.");
			return "redirect:/cases/" + id;
		}
		try {
			this.cases.withdraw(id, reason.trim(), Actors.of(authentication));
			redirect.addFlashAttribute("message", "Case withdrawn; its open steps were cancelled.");
		}
		catch (CaseStateException ex) {
			redirect.addFlashAttribute("error", "The case was not withdrawn: " + ex.getMessage() + ".");
		}
		return "redirect:/cases/" + id;
	}

	@ExceptionHandler(CaseNotFoundException.class)
	ModelAndView caseNotFound(CaseNotFoundException ex) {
		ModelAndView view = new ModelAndView(ERROR_VIEW, HttpStatus.NOT_FOUND);
		view.addObject("status", 404);
		view.addObject("error", "Case not found");
		view.addObject("message", "There is no case with that id. It may have been mistyped.");
		return view;
	}

}
