package org.guildhall.engine.tasks;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.guildhall.engine.CaseDriver;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.cases.StartedCase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.guildhall.engine.CaseDriver.date;
import static org.guildhall.engine.CaseDriver.motion;

/**
 * The cross-field rules of the step forms, through the real models and the real
 * validators: a bad submission is refused with a message naming the field, and leaves the
 * step open and the case's variables untouched.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class StepFormValidationIT {

	@Autowired
	CaseDriver driver;

	@Autowired
	TaskService tasks;

	@Autowired
	RuntimeService runtime;

	StartedCase started;

	@BeforeEach
	void startCase() {
		this.started = this.driver.start("Validation case " + System.nanoTime(), "sag-2008");
	}

	@Test
	void boardCountsMustAddUp() {
		assertRefused("Task_RecordBoardResolution",
				motion(40, 10, 2, 72, 71, "resolution", "SEEK_MEDIATION", "committeeMayCallVote", true),
				"membersPresent (72) must not exceed seats (71)");
		assertRefused("Task_RecordBoardResolution",
				motion(50, 10, 5, 64, 71, "resolution", "SEEK_MEDIATION", "committeeMayCallVote", true),
				"votesFor + votesAgainst + abstentions (65) must not exceed membersPresent (64)");
		String board = this.driver.task(this.started, "Task_RecordBoardResolution").getProcessInstanceId();
		assertThat(this.runtime.createVariableInstanceQuery()
			.processInstanceIdIn(board, this.started.id())
			.variableName("resolution")
			.count()).isZero();

		this.driver.submit(this.started, "Task_RecordBoardResolution",
				motion(48, 14, 2, 64, 71, "resolution", "SEEK_MEDIATION", "committeeMayCallVote", true));
		this.driver.task(this.started, "Task_RecordBargainingSession");
	}

	@Test
	void fieldRulesFromTheModelApply() {
		assertRefused("Task_RecordBoardResolution", motion(-1, 10, 0, 64, 71, "resolution", "SEEK_MEDIATION"),
				"votesFor");
		assertRefused("Task_RecordBoardResolution", motion(1, 10, 0, 64, 71, "resolution", "STRIKE_NOW"),
				"Invalid value for enum form property: STRIKE_NOW");
	}

	@Test
	void votingWindowFollowsThePinnedRuleSetsPolicy() {
		toPrepareBallot();
		assertRefused("Task_PrepareBallot", ballot("CERTIFIED_TALLY", date(2009, 1, 1), date(2009, 2, 16)),
				"a voting window of 46.0 days is longer than the 45 days allowed");
		assertRefused("Task_PrepareBallot", ballot("CERTIFIED_TALLY", date(2009, 1, 1), date(2009, 1, 1)), "windowEnd");
		this.driver.submit(this.started, "Task_PrepareBallot",
				ballot("CERTIFIED_TALLY", date(2009, 1, 1), date(2009, 2, 15)));
		this.driver.task(this.started, "Task_CertifyResults");
	}

	@Test
	void ballotBoxModeNeedsAnUploadedRoll() {
		toPrepareBallot();
		assertThatThrownBy(() -> this.driver.submit(this.started, "Task_PrepareBallot",
				ballot("BALLOT_BOX", date(2009, 1, 1), date(2009, 2, 1))))
			.hasMessageContaining("no eligibility roll has been uploaded");
		this.driver.task(this.started, "Task_PrepareBallot");
	}

	@Test
	void certifiedTallyNeedsEveryCountAndTheyMustAddUp() {
		toPrepareBallot();
		this.driver.submit(this.started, "Task_PrepareBallot",
				ballot("CERTIFIED_TALLY", date(2009, 1, 1), date(2009, 1, 20)));
		assertRefused("Task_CertifyResults",
				Map.of("certified", false, "yes", 1L, "no", 1L, "abstain", 0L, "spoiled", 0L, "eligible", 10L),
				"certified");
		assertRefused("Task_CertifyResults",
				Map.of("certified", true, "yes", 1L, "no", 1L, "abstain", 0L, "eligible", 10L), "spoiled is required");
		assertRefused("Task_CertifyResults",
				Map.of("certified", true, "yes", 8L, "no", 2L, "abstain", 1L, "spoiled", 0L, "eligible", 10L),
				"yes + no + abstain + spoiled (11) must not exceed eligible (10)");

		this.driver.submit(this.started, "Task_CertifyResults",
				Map.of("certified", true, "yes", 751L, "no", 249L, "abstain", 0L, "spoiled", 0L, "eligible", 2000L));
		this.driver.task(this.started, "Task_DecideStrike");
	}

	@Test
	void aStrikeDecisionNamesItsDate() {
		toPrepareBallot();
		this.driver.submit(this.started, "Task_PrepareBallot",
				ballot("CERTIFIED_TALLY", date(2009, 1, 1), date(2009, 1, 20)));
		this.driver.submit(this.started, "Task_CertifyResults",
				Map.of("certified", true, "yes", 900L, "no", 100L, "abstain", 0L, "spoiled", 0L, "eligible", 2000L));
		assertRefused("Task_DecideStrike", motion(40, 10, 0, 60, 71, "decision", "STRIKE"),
				"strikeDate is required when the decision is STRIKE");
		this.driver.submit(this.started, "Task_DecideStrike",
				motion(40, 10, 0, 60, 71, "decision", "STRIKE", "strikeDate", date(2009, 2, 1)));
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceId(this.started.id()).count()).isZero();
	}

	private void toPrepareBallot() {
		this.driver.submit(this.started, "Task_RecordBoardResolution",
				motion(50, 10, 0, 64, 71, "resolution", "CALL_AUTHORIZATION_VOTE", "committeeMayCallVote", false));
	}

	private static Map<String, Object> ballot(String mode, Object start, Object end) {
		return Map.of("question", "Do you authorize a strike?", "ballotMode", mode, "windowStart", start, "windowEnd",
				end);
	}

	private void assertRefused(String step, Map<String, Object> fields, String message) {
		Task before = this.driver.task(this.started, step);
		assertThatThrownBy(() -> this.driver.submit(this.started, step, fields)).hasMessageContaining(message);
		Task after = this.driver.task(this.started, step);
		assertThat(after.getId()).isEqualTo(before.getId());
	}

}
