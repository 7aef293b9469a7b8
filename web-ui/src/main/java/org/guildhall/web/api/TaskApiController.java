package org.guildhall.web.api;

import org.guildhall.web.security.Actors;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseStatus;
import org.guildhall.engine.cases.CaseSummary;
import org.guildhall.engine.tasks.StepField;
import org.guildhall.engine.tasks.StepForm;
import org.guildhall.engine.tasks.StepService;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Human steps: the open ones, a step's form, and claiming, releasing and completing a
 * step (members of the step's candidate groups only; the engine decides).
 */
@RestController
@RequestMapping(path = "/api/tasks", produces = "application/json")
@Tag(name = "Tasks", description = "Open human steps and their forms")
class TaskApiController {

	private final StepService steps;

	private final CaseService cases;

	TaskApiController(StepService steps, CaseService cases) {
		this.steps = steps;
		this.cases = cases;
	}

	@GetMapping
	@Operation(summary = "Open steps, newest first")
	List<StepView> open(@Parameter(description = "only the steps of this case (its id)") @RequestParam(
			required = false) String caseId) {
		String caseKey = (caseId != null) ? this.cases.find(caseId).summary().businessKey() : null;
		return StepView.of(this.steps.open(caseKey, null));
	}

	@GetMapping("/{id}/form")
	@Operation(summary = "The step's form: its fields, with types, constraints and current values",
			description = "Cross-field rules (vote counts add up, the voting window fits the rule set, ...) are "
					+ "checked on completion and named in the 400 problem's `field`.")
	FormView form(@PathVariable String id) {
		return FormView.of(this.steps.form(id));
	}

	@PostMapping("/{id}/claim")
	@Operation(summary = "Take the step (its candidate groups only)")
	StepView claim(@PathVariable String id, Authentication authentication) {
		return StepView.of(this.steps.claim(id, Actors.of(authentication)));
	}

	@PostMapping("/{id}/unclaim")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Give the step back to its groups")
	void unclaim(@PathVariable String id, Authentication authentication) {
		this.steps.unclaim(id, Actors.of(authentication));
	}

	@PostMapping(path = "/{id}/complete", consumes = "application/json")
	@Operation(summary = "Complete the step with its field values",
			description = "A JSON object of field id to value: numbers, booleans, strings, ISO-8601 dates "
					+ "(2008-10-19) or date-times. Nothing is stored unless every value is valid. Answers where the "
					+ "case went next.")
	Completion complete(@PathVariable String id,
			@RequestBody(required = false) @Schema(example = "{\"resolution\":\"CALL_AUTHORIZATION_VOTE\","
					+ "\"votesFor\":48,\"votesAgainst\":14,\"abstentions\":2,\"membersPresent\":64,\"seats\":71,"
					+ "\"meetingDate\":\"2008-10-19\"}") Map<String, Object> values,
			Authentication authentication) {
		// the step is gone once completed: read its case first
		String caseId = this.steps.form(id).task().caseId();
		this.steps.complete(id, Actors.of(authentication), (values != null) ? values : Map.of());
		CaseSummary summary = this.cases.find(caseId).summary();
		return new Completion(caseId, summary.status(), StepView.of(summary.activeSteps()));
	}

	/**
	 * A step with its form.
	 *
	 * @param task the open step
	 * @param caseTitle the title of its case
	 * @param fields its fields in model order
	 */
	@Schema(name = "StepForm")
	record FormView(StepView task, String caseTitle, List<FieldView> fields) {

		static FormView of(StepForm form) {
			return new FormView(StepView.of(form.task()), form.caseTitle(),
					form.fields().stream().map(FieldView::of).toList());
		}

	}

	/**
	 * One field of a step's form.
	 *
	 * @param type {@code string}, {@code long}, {@code boolean}, {@code date} or
	 * {@code enum}
	 * @param options for {@code enum}: the allowed values and their labels
	 * @param value the current value, or null
	 */
	@Schema(name = "StepField")
	record FieldView(String id, String label, String type, boolean required, List<StepField.Option> options, Long min,
			Long max, Integer maxLength, String help, Object value) {

		static FieldView of(StepField field) {
			return new FieldView(field.id(), field.label(), field.type(), field.required(), field.options(),
					field.min(), field.max(), field.maxLength(), field.help(), value(field));
		}

		/** Camunda renders an empty date (or number) as ""; the API says null. */
		private static Object value(StepField field) {
			Object value = field.value();
			if (!"string".equals(field.type()) && value instanceof String text && text.isEmpty()) {
				return null;
			}
			return Json.value(value);
		}

	}

	/**
	 * Where the case went after a step was completed.
	 *
	 * @param caseId the case
	 * @param status its status now
	 * @param activeSteps its open steps now
	 */
	@Schema(name = "Completion")
	record Completion(String caseId, CaseStatus status, List<StepView> activeSteps) {
	}

}
