package org.guildhall.engine.ballots;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.guildhall.engine.tasks.StepRefusedException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates {@code member-vote} names for its BALLOT_BOX branch. Guildhall's own
 * ballot box is not built yet, so choosing BALLOT_BOX fails the step with a message that
 * says what to do instead; the failure rolls the step back, so nothing is half-done.
 */
@Configuration(proxyBeanMethods = false)
class BallotBoxDelegates {

	static final String NOT_AVAILABLE = "Guildhall's own ballot box is not available in this version: "
			+ "choose ballotMode CERTIFIED_TALLY and enter the independent vendor's certified counts";

	@Bean
	JavaDelegate prepareBallotBoxDelegate() {
		return BallotBoxDelegates::refuse;
	}

	@Bean
	JavaDelegate openBallotBoxDelegate() {
		return BallotBoxDelegates::refuse;
	}

	@Bean
	JavaDelegate closeBallotBoxDelegate() {
		return BallotBoxDelegates::refuse;
	}

	@Bean
	JavaDelegate turnoutReportDelegate() {
		return BallotBoxDelegates::refuse;
	}

	private static void refuse(Object execution) {
		throw new StepRefusedException("ballotMode", NOT_AVAILABLE);
	}

}
