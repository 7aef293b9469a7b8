package org.guildhall.engine.tasks;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;

import org.springframework.stereotype.Component;

/**
 * The counts of a board or committee vote must add up: votes for, against and abstentions
 * together no more than the members present, and members present no more than the seats.
 * Attached to the {@code seats} field of the board, committee and final-decision forms.
 */
@Component("voteCountsValidator")
public class VoteCountsValidator implements FormFieldValidator {

	@Override
	public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
		SubmittedForm form = new SubmittedForm(context);
		Long seats = form.number("seats");
		Long present = form.number("membersPresent");
		long votesFor = zeroIfAbsent(form.number("votesFor"));
		long votesAgainst = zeroIfAbsent(form.number("votesAgainst"));
		long abstentions = zeroIfAbsent(form.number("abstentions"));
		if (seats == null || present == null) {
			return true; // the fields' own "required" constraints report these
		}
		if (present > seats) {
			throw SubmittedForm.invalid("membersPresent", present,
					"membersPresent (" + present + ") must not exceed seats (" + seats + ")");
		}
		long votes;
		try {
			votes = Math.addExact(Math.addExact(votesFor, votesAgainst), abstentions);
		}
		catch (ArithmeticException ex) {
			throw SubmittedForm.invalid("votesFor", votesFor,
					"votesFor + votesAgainst + abstentions is too large to be a count of votes");
		}
		if (votes > present) {
			throw SubmittedForm.invalid("votesFor", votes, "votesFor + votesAgainst + abstentions (" + votes
					+ ") must not exceed membersPresent (" + present + ")");
		}
		return true;
	}

	private static long zeroIfAbsent(Long value) {
		return (value != null) ? value : 0;
	}

}
