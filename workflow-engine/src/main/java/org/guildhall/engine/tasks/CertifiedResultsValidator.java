package org.guildhall.engine.tasks;

import java.util.List;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;

import org.springframework.stereotype.Component;

/**
 * Certifying a member vote's results: the officer must tick {@code certified}; with a
 * ballot box the counts are the box's tally and may not be changed by hand; with a
 * vendor's certified tally all five counts are required and ballots returned may not
 * exceed the eligible members. Attached to the {@code certified} field of
 * {@code Task_CertifyResults}.
 */
@Component("certifiedResultsValidator")
public class CertifiedResultsValidator implements FormFieldValidator {

	private static final List<String> COUNTS = List.of("yes", "no", "abstain", "spoiled", "eligible");

	@Override
	public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
		SubmittedForm form = new SubmittedForm(context);
		if (!form.isTrue("certified")) {
			throw SubmittedForm.invalid("certified", submittedValue,
					"certified: the election officer must certify the results before the vote is decided");
		}
		if ("BALLOT_BOX".equals(form.string("ballotMode"))) {
			for (String count : COUNTS) {
				Object tallied = context.getVariableScope().getVariable(count);
				Long submitted = form.number(count);
				if (submitted != null && tallied != null && submitted != ((Number) tallied).longValue()) {
					throw SubmittedForm.invalid(count, submitted, count + " (" + submitted
							+ ") differs from the ballot box's tally (" + tallied + "); box counts cannot be edited");
				}
			}
			return true;
		}
		long returned = 0;
		for (String count : COUNTS) {
			Long value = form.number(count);
			if (value == null) {
				throw SubmittedForm.invalid(count, null, count + " is required: enter the vendor's certified count");
			}
			if (value < 0) {
				throw SubmittedForm.invalid(count, value, count + " must not be negative");
			}
			if (!"eligible".equals(count)) {
				try {
					returned = Math.addExact(returned, value);
				}
				catch (ArithmeticException ex) {
					throw SubmittedForm.invalid(count, value,
							"yes + no + abstain + spoiled is too large to be a count of ballots");
				}
			}
		}
		long eligible = form.number("eligible");
		if (returned > eligible) {
			throw SubmittedForm.invalid("eligible", eligible,
					"yes + no + abstain + spoiled (" + returned + ") must not exceed eligible (" + eligible + ")");
		}
		return true;
	}

}
