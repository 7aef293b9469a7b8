package org.guildhall.engine.ballots;

import java.util.Date;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.guildhall.engine.tasks.StepRefusedException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates {@code member-vote} names for its BALLOT_BOX branch: each maps
 * process variables to one call of {@link BallotBox} and back.
 */
@Configuration(proxyBeanMethods = false)
class BallotBoxDelegates {

	/**
	 * Freezes the case's uploaded roll into a new vote; sets {@code voteId},
	 * {@code rollHash}, {@code eligible}.
	 */
	@Bean
	JavaDelegate prepareBallotBoxDelegate(BallotBox box) {
		return (execution) -> {
			String caseId = ((ExecutionEntity) execution).getRootProcessInstanceId();
			try {
				Vote vote = box.prepare(caseId, execution.getProcessInstanceId(),
						(String) execution.getVariable("question"),
						((Date) execution.getVariable("windowStart")).toInstant(),
						((Date) execution.getVariable("windowEnd")).toInstant());
				execution.setVariable("voteId", vote.id());
				execution.setVariable("rollHash", vote.rollHash());
				execution.setVariable("eligible", (long) vote.eligible());
			}
			catch (BallotException.WrongState ex) {
				throw new StepRefusedException("ballotMode", ex.getMessage());
			}
		};
	}

	/** Opens the box when the window-open timer fires. */
	@Bean
	JavaDelegate openBallotBoxDelegate(BallotBox box) {
		return (execution) -> box.open(voteId(execution));
	}

	/**
	 * Closes and counts the box; sets {@code yes}, {@code no}, {@code abstain},
	 * {@code spoiled}, {@code eligible}.
	 */
	@Bean
	JavaDelegate closeBallotBoxDelegate(BallotBox box) {
		return (execution) -> {
			Tally tally = box.closeAndTally(voteId(execution));
			execution.setVariable("yes", tally.yes());
			execution.setVariable("no", tally.no());
			execution.setVariable("abstain", tally.abstain());
			execution.setVariable("spoiled", tally.spoiled());
			execution.setVariable("eligible", tally.eligible());
		};
	}

	/**
	 * Records the weekly turnout (never choices) for the election officer's report task.
	 */
	@Bean
	JavaDelegate turnoutReportDelegate(BallotBox box) {
		return (execution) -> {
			Turnout turnout = box.sample(voteId(execution));
			execution.setVariable("turnoutEligible", turnout.eligible());
			execution.setVariable("turnoutCast", turnout.cast());
			execution.setVariable("turnoutPercent", String.format(Locale.ROOT, "%.2f", turnout.percent()));
			execution.setVariable("turnoutAt", Date.from(turnout.at()));
		};
	}

	private static String voteId(DelegateExecution execution) {
		return (String) execution.getVariable("voteId");
	}

}
