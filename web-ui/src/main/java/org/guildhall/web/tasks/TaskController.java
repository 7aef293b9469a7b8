package org.guildhall.web.tasks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.guildhall.engine.identity.Actor;
import org.guildhall.web.security.Actors;
import org.guildhall.engine.tasks.StepException;
import org.guildhall.engine.tasks.StepForm;
import org.guildhall.engine.tasks.StepService;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A step's page: its form as the model defines it, and claiming, releasing and completing
 * it. Refusals come back as messages a person can act on: beside the field for an invalid
 * value, at the top for a user outside the step's groups, and on their own page for a
 * step someone has completed.
 */
@Controller
class TaskController {

	static final String TASK_VIEW = "tasks/task";

	static final String UNAVAILABLE_VIEW = "tasks/unavailable";

	static final String ERROR_VIEW = "error";

	private static final Pattern COMPLETED = Pattern.compile("step (\\S+) was already completed by (.+) at (\\S+)");

	private static final DateTimeFormatter WHEN = DateTimeFormatter
		.ofPattern("d MMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private final StepService steps;

	TaskController(StepService steps) {
		this.steps = steps;
	}

	@GetMapping("/tasks/{id}")
	String task(@PathVariable String id, Authentication authentication, Model model) {
		StepForm form = this.steps.form(id);
		show(model, form, Actors.of(authentication), null, null, null);
		return TASK_VIEW;
	}

	@PostMapping("/tasks/{id}/claim")
	String claim(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		try {
			this.steps.claim(id, Actors.of(authentication));
			redirect.addFlashAttribute("message", "You hold this step now; others in its group see it as yours.");
		}
		catch (StepException.Forbidden | StepException.Conflict ex) {
			redirect.addFlashAttribute("error", "You could not take this step: " + ex.getMessage() + ".");
		}
		return "redirect:/tasks/" + id;
	}

	@PostMapping("/tasks/{id}/unclaim")
	String unclaim(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
		try {
			this.steps.unclaim(id, Actors.of(authentication));
			redirect.addFlashAttribute("message", "You released this step; anyone in its group can take it.");
		}
		catch (StepException.Forbidden | StepException.Conflict ex) {
			redirect.addFlashAttribute("error", "You could not release this step: " + ex.getMessage() + ".");
		}
		return "redirect:/tasks/" + id;
	}

	@PostMapping("/tasks/{id}/complete")
	String complete(@PathVariable String id, @RequestParam MultiValueMap<String, String> submitted,
			Authentication authentication, Model model, RedirectAttributes redirect, HttpServletResponse response) {
		StepForm form = this.steps.form(id);
		Actor actor = Actors.of(authentication);
		try {
			this.steps.complete(id, actor, StepFormView.values(form, submitted));
		}
		catch (StepException.Invalid ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
			boolean named = ex.field() != null && form.fields().stream().anyMatch((f) -> f.id().equals(ex.field()));
			String message = StepFormView.humanize(ex.getMessage(), form);
			show(model, form, actor, submitted, named ? ex.field() : null, message);
			if (!named) {
				model.addAttribute("formError", message);
			}
			return TASK_VIEW;
		}
		catch (StepException.Forbidden ex) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			show(model, form, actor, submitted, null, null);
			model.addAttribute("formError", "You cannot complete this step: " + ex.getMessage() + ".");
			return TASK_VIEW;
		}
		catch (StepException.Conflict ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("reason", conflict(ex.getMessage()));
			model.addAttribute("caseId", form.task().caseId());
			return UNAVAILABLE_VIEW;
		}
		redirect.addFlashAttribute("message", "Step completed: " + form.task().name() + ".");
		return "redirect:/cases/" + form.task().caseId();
	}

	/** The step was completed already (GET or a late POST): say by whom and when. */
	@ExceptionHandler(StepException.Conflict.class)
	ModelAndView conflict(StepException.Conflict ex) {
		ModelAndView view = new ModelAndView(UNAVAILABLE_VIEW, HttpStatus.CONFLICT);
		view.addObject("reason", conflict(ex.getMessage()));
		return view;
	}

	@ExceptionHandler(StepException.NotFound.class)
	ModelAndView notFound(StepException.NotFound ex) {
		ModelAndView view = new ModelAndView(ERROR_VIEW, HttpStatus.NOT_FOUND);
		view.addObject("status", 404);
		view.addObject("error", "Step not found");
		view.addObject("message", "There is no step with that id. It may have been mistyped.");
		return view;
	}

	/**
	 * The engine's "step X was already completed by Y at INSTANT" in words, with the time
	 * in UTC; other conflicts as they are.
	 */
	static String conflict(String message) {
		Matcher done = COMPLETED.matcher(String.valueOf(message));
		if (!done.matches()) {
			return message;
		}
		String when = done.group(3);
		try {
			when = WHEN.format(Instant.parse(when));
		}
		catch (DateTimeParseException ex) {
			// keep the engine's text
		}
		return "This step was already completed by " + done.group(2) + " on " + when + ".";
	}

	private static void show(Model model, StepForm form, Actor actor, MultiValueMap<String, String> submitted,
			String errorField, String error) {
		boolean mayAct = form.task().candidateGroups().stream().anyMatch(actor.groups()::contains);
		String assignee = form.task().assignee();
		model.addAttribute("step", form.task());
		model.addAttribute("caseTitle", form.caseTitle());
		model.addAttribute("inputs", StepFormView.inputs(form, submitted, errorField, error));
		model.addAttribute("rules", StepFormView.rules(form.task().stepKey()));
		model.addAttribute("mayAct", mayAct);
		model.addAttribute("heldByMe", actor.userId().equals(assignee));
		model.addAttribute("heldByOther", assignee != null && !actor.userId().equals(assignee));
		// users who may not complete the step see its form read-only, without a submit
		// button
		model.addAttribute("readOnly", !mayAct || (assignee != null && !actor.userId().equals(assignee)));
	}

}
