package org.guildhall.engine.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.guildhall.engine.audit.DecisionCase;
import org.guildhall.engine.rules.Decision;
import org.guildhall.engine.rules.RuleSetCatalog;

import org.springframework.stereotype.Component;

/**
 * A member vote's window must end after it starts and satisfy the pinned rule set's
 * {@code window-policy} decision (e.g. at most 45 days under {@code sag-2008}). Attached
 * to the {@code windowEnd} field of {@code Task_PrepareBallot}.
 */
@Component("votingWindowValidator")
public class VotingWindowValidator implements FormFieldValidator {

	private static final double SECONDS_PER_DAY = 86_400d;

	private final RuleSetCatalog ruleSets;

	public VotingWindowValidator(RuleSetCatalog ruleSets) {
		this.ruleSets = ruleSets;
	}

	@Override
	public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
		SubmittedForm form = new SubmittedForm(context);
		Instant start = form.instant("windowStart");
		Instant end = form.instant("windowEnd");
		if (start == null || end == null) {
			return true; // the fields' own "required" constraints report these
		}
		if (!end.isAfter(start)) {
			throw SubmittedForm.invalid("windowEnd", end,
					"windowEnd (" + end + ") must be after windowStart (" + start + ")");
		}
		String ruleSetTag = form.string("ruleSetTag");
		double days = Duration.between(start, end).toSeconds() / SECONDS_PER_DAY;
		// on the record of the case whose step is being completed
		Map<String, Object> inputs = Map.of("windowDays", days);
		Decision policy = DecisionCase.of(caseOf(context), inputs,
				() -> this.ruleSets.evaluate(ruleSetTag, "window-policy", inputs));
		if (!"VALID".equals(policy.outcome())) {
			throw SubmittedForm.invalid("windowEnd", end,
					"windowEnd: " + policy.explanation() + " under rule set " + ruleSetTag);
		}
		return true;
	}

	/** The case (root process instance) of the step whose form is validated. */
	private static String caseOf(FormFieldValidatorContext context) {
		DelegateExecution execution = context.getExecution();
		if (execution instanceof ExecutionEntity entity) {
			return entity.getRootProcessInstanceId();
		}
		return (execution != null) ? execution.getProcessInstanceId() : null;
	}

}
