package org.guildhall.engine.tasks;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;

import org.springframework.stereotype.Component;

/**
 * A decision to strike names the date the strike begins; the other decisions name none.
 * Attached to the {@code strikeDate} field of {@code Task_DecideStrike}.
 */
@Component("strikeDateValidator")
public class StrikeDateValidator implements FormFieldValidator {

	@Override
	public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
		SubmittedForm form = new SubmittedForm(context);
		boolean strike = "STRIKE".equals(form.string("decision"));
		boolean dated = form.instant("strikeDate") != null;
		if (strike && !dated) {
			throw SubmittedForm.invalid("strikeDate", null, "strikeDate is required when the decision is STRIKE");
		}
		if (!strike && dated && context.getSubmittedValues().get("strikeDate") != null) {
			throw SubmittedForm.invalid("strikeDate", submittedValue,
					"strikeDate must be empty unless the decision is STRIKE");
		}
		return true;
	}

}
