package org.guildhall.web.ballots;

import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.ballots.BallotException;
import org.guildhall.engine.ballots.Tally;
import org.guildhall.engine.ballots.Vote;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseStateException;
import org.guildhall.engine.cases.CaseStatus;
import org.guildhall.engine.rules.Evaluation;
import org.guildhall.engine.rules.RuleSetStudio;
import org.guildhall.engine.rules.RuleSetTag;

import org.springframework.stereotype.Component;

/**
 * A closed vote's counts with the pinned rule set's reading of them. The reading is for
 * showing: evaluated on the standalone DMN engine, it writes nothing (the case's own
 * decision, on the record, is the process's evaluation when the counts are certified), so
 * viewing a result any number of times adds no history and no audit event.
 */
@Component
class VoteResults {

	private final BallotBox box;

	private final CaseService cases;

	private final RuleSetStudio ruleSets;

	private final HistoryService history;

	VoteResults(BallotBox box, CaseService cases, RuleSetStudio ruleSets, HistoryService history) {
		this.box = box;
		this.cases = cases;
		this.ruleSets = ruleSets;
		this.history = history;
	}

	void requireActiveCase(String caseId) {
		CaseStatus status = this.cases.summary(caseId).status();
		if (status != CaseStatus.ACTIVE) {
			throw new CaseStateException("case " + caseId + " has ended (" + status + "); no roll can be uploaded");
		}
	}

	Result result(String voteId) {
		Vote vote = this.box.find(voteId);
		Tally tally = this.box.result(voteId)
			.orElseThrow(() -> new BallotException.WrongState(
					"results are available once the window closes (" + vote.windowEnd() + ") and the box is counted"));
		String ruleSetTag = this.cases.summary(vote.caseId()).ruleSetTag();
		String decisionKey = voteDecision(voteId);
		RuleSetTag pinned = RuleSetTag.parse(ruleSetTag);
		Evaluation decision = this.ruleSets.evaluate(pinned.key(), pinned.version(), decisionKey,
				Map.of("yes", tally.yes(), "no", tally.no(), "abstain", tally.abstain(), "spoiled", tally.spoiled(),
						"eligible", tally.eligible()));
		double turnout = (tally.eligible() == 0) ? 0 : Math.round(10000.0 * tally.cast() / tally.eligible()) / 100.0;
		return new Result(voteId, vote.question(), tally.yes(), tally.no(), tally.abstain(), tally.spoiled(),
				tally.eligible(), turnout, ruleSetTag, decisionKey, decision.outcome(), decision.explanation());
	}

	private String voteDecision(String voteId) {
		String processInstanceId = this.box.processInstanceOf(voteId);
		HistoricVariableInstance variable = this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(processInstanceId)
			.variableName("voteDecision")
			.singleResult();
		return (variable != null && variable.getValue() != null) ? variable.getValue().toString() : "member-vote";
	}

	/**
	 * A closed vote's result.
	 *
	 * @param voteId the vote
	 * @param question the question
	 * @param yes YES ballots
	 * @param no NO ballots
	 * @param abstain ABSTAIN ballots
	 * @param spoiled spoiled ballots
	 * @param eligible eligible members
	 * @param turnoutPercent ballots returned as a percentage of eligible, to two places
	 * @param ruleSet the pinned rule-set version
	 * @param decision the decision evaluated ({@code member-vote} or
	 * {@code ratification-vote})
	 * @param outcome APPROVED or REJECTED
	 * @param explanation the rule set's explanation
	 */
	record Result(String voteId, String question, long yes, long no, long abstain, long spoiled, long eligible,
			double turnoutPercent, String ruleSet, String decision, String outcome, String explanation) {
	}

}
