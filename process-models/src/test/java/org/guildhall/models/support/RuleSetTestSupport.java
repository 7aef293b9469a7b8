package org.guildhall.models.support;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the per-rule-set decision tests: deploys one shipped rule set before each test
 * (in its own deployment, as Guildhall does) and removes it afterwards. Needs no process
 * deployment, so it uses the shared engine directly rather than the JUnit extension.
 */
public abstract class RuleSetTestSupport {

	private final String ruleSetKey;

	private ProcessEngine engine;

	private String deployment;

	protected RuleSetTestSupport(String ruleSetKey) {
		this.ruleSetKey = ruleSetKey;
	}

	@BeforeEach
	void deployRuleSet() {
		this.engine = ModelTestEngine.get();
		this.deployment = RuleSets.deploy(this.engine, this.ruleSetKey);
	}

	@AfterEach
	void undeployRuleSet() {
		this.engine.getRepositoryService().deleteDeployment(this.deployment, true);
	}

	/** A member vote's counts. */
	protected Decided memberVote(long yes, long no, long abstain, long spoiled, long eligible) {
		return decide("member-vote",
				Map.of("yes", yes, "no", no, "abstain", abstain, "spoiled", spoiled, "eligible", eligible));
	}

	/**
	 * A board-like motion's counts ({@code board-motion},
	 * {@code committee-determination}, {@code final-decision}).
	 */
	protected Decided motion(String decision, long votesFor, long votesAgainst, long abstentions, long membersPresent,
			long seats) {
		return decide(decision, Map.of("votesFor", votesFor, "votesAgainst", votesAgainst, "abstentions", abstentions,
				"membersPresent", membersPresent, "seats", seats));
	}

	protected Decided decide(String decision, Map<String, Object> variables) {
		DmnDecisionResultEntries result = RuleSets.evaluate(this.engine, this.ruleSetKey + ":1", decision, variables);
		return new Decided(result.getEntry("outcome"), result.getEntry("explanation"));
	}

	/** Outcome and explanation of one evaluation. */
	public record Decided(String outcome, String explanation) {
	}

}
