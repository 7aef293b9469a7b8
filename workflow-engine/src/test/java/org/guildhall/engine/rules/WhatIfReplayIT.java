package org.guildhall.engine.rules;

import java.nio.charset.StandardCharsets;

import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.guildhall.engine.CaseDriver;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.guildhall.engine.CaseDriver.date;
import static org.guildhall.engine.CaseDriver.motion;

/**
 * What-if replay and sweeps on the real engine: a case decided under {@code sag-2008}
 * with 74.9% yes (rejected) is replayed under {@code two-thirds:1} and would pass; the
 * replay reads the audit trail only (it still works after Camunda's history of the case
 * is deleted) and records nothing; running and unknown cases and unknown rule sets are
 * refused. An uploaded DMN is swept through the DMN on a coarser grid and agrees with the
 * arithmetic of the same rules.
 */
@SpringBootTest(classes = EngineTestApplication.class,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-what-if-it;DB_CLOSE_DELAY=-1")
class WhatIfReplayIT {

	@Autowired
	WhatIfReplay replay;

	@Autowired
	RuleSweep sweep;

	@Autowired
	RuleSetCatalog catalog;

	@Autowired
	RuleSetStudio studio;

	@Autowired
	CaseDriver driver;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	AuditTrail trail;

	@Test
	void aVoteRejectedAtSeventyFourPointNinePercentWouldPassUnderTwoThirds() {
		StartedCase started = rejectedCase(749, 251);
		long auditRows = this.trail.head().lastSeq();
		long decisions = this.history.createHistoricDecisionInstanceQuery().count();

		WhatIf whatIf = this.replay.replay(started.id(), "two-thirds:1");

		assertThat(whatIf.status()).isEqualTo("AUTHORIZATION_REJECTED");
		assertThat(whatIf.pinnedTag()).isEqualTo("sag-2008:1");
		assertThat(whatIf.alternativeTag()).isEqualTo("two-thirds:1");
		// the ballot form's voting-window check is a decision of the case too
		assertThat(whatIf.decisions()).extracting(WhatIf.Row::decision)
			.containsExactly("board-motion", "window-policy", "member-vote");
		WhatIf.Row vote = row(whatIf, "member-vote");
		assertThat(vote.recordedTag()).isEqualTo("sag-2008:1");
		assertThat(vote.recordedOutcome()).isEqualTo("REJECTED");
		assertThat(vote.recordedExplanation()).contains("74.9% yes of 1000 votes cast");
		assertThat(vote.outcome()).isEqualTo("APPROVED");
		assertThat(vote.explanation()).contains("74.9% yes").contains("at least two-thirds required");
		assertThat(vote.words()).isEqualTo("would pass");
		assertThat(vote.differs()).isTrue();
		assertThat(vote.counts()).containsEntry("yes", 749L).containsEntry("eligible", 2000L);
		assertThat(whatIf.decisions().get(0).differs()).as("the board motion carries under both").isFalse();
		assertThat(whatIf.decisions().get(0).words()).isEqualTo("would pass");
		assertThat(whatIf.differences()).isEqualTo(1);

		assertThat(this.trail.head().lastSeq()).as("no audit event").isEqualTo(auditRows);
		assertThat(this.history.createHistoricDecisionInstanceQuery().count()).as("no Camunda history")
			.isEqualTo(decisions);

		// the same case under its own rules changes nothing
		assertThat(this.replay.replay(started.id(), "sag-2008:1").differences()).isZero();

		// Camunda's history of the case gone: the trail alone still replays it
		this.history.deleteHistoricProcessInstance(started.id());
		assertThat(row(this.replay.replay(started.id(), "two-thirds:1"), "member-vote").outcome())
			.isEqualTo("APPROVED");
	}

	@Test
	void aRejectedVoteWithExactlyHalfTheRollTurningOutPassesUnderTheTurnoutRule() {
		StartedCase started = rejectedCase(700, 300);
		WhatIf whatIf = this.replay.replay(started.id(), "majority-turnout-50:1");
		WhatIf.Row vote = row(whatIf, "member-vote");
		assertThat(vote.recordedOutcome()).isEqualTo("REJECTED");
		assertThat(vote.outcome()).as("1000 of 2000 returned is exactly 50%").isEqualTo("APPROVED");
		assertThat(vote.words()).isEqualTo("would pass");
	}

	@Test
	void refusesUnknownCasesRunningCasesAndUnknownRuleSets() {
		StartedCase running = this.driver.start("What-if running " + System.nanoTime(), "sag-2008");
		assertThatThrownBy(() -> this.replay.replay(running.id(), "two-thirds:1"))
			.isInstanceOf(RuleSetException.Conflict.class)
			.hasMessageContaining("still running");
		assertThatThrownBy(() -> this.replay.replay("no-such-case", "two-thirds:1"))
			.isInstanceOf(RuleSetException.NotFound.class)
			.hasMessageContaining("no-such-case");
		assertThatThrownBy(() -> this.replay.replay(running.id(), "no-such-set:1"))
			.isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining("no rule-set version no-such-set:1");
		assertThatThrownBy(() -> this.replay.replay(running.id(), "two-thirds:9"))
			.isInstanceOf(RuleSetException.Invalid.class);
		assertThatThrownBy(() -> this.replay.replay(running.id(), "two-thirds"))
			.isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining("<key>:<version>");
	}

	@Test
	void anUploadedDmnIsSweptThroughItsDmnOnACoarserGridAndAgreesWithTheArithmetic() {
		String dmn = this.catalog.dmn("sag-2008", 1).orElseThrow();
		RuleSetVersion uploaded = this.studio.upload("uploaded-sag-" + (System.nanoTime() % 100000), "Uploaded SAG",
				"Test upload", "sag.dmn", dmn.getBytes(StandardCharsets.UTF_8),
				new Actor("modeler", Set.of("rules-modeler")));
		RuleSetVersion twoThirds = this.catalog.version("two-thirds", 1).orElseThrow();
		RuleSetVersion sag = this.catalog.version("sag-2008", 1).orElseThrow();
		long auditRows = this.trail.head().lastSeq();

		SweepGrid viaDmn = this.sweep.sweep(uploaded, twoThirds, 1000, 100);
		SweepGrid viaArithmetic = this.sweep.sweep(sag, twoThirds, 1000, RuleSweep.MAX_DMN_STEPS);

		assertThat(viaDmn.coarsened()).isTrue();
		assertThat(viaDmn.steps()).isEqualTo(RuleSweep.MAX_DMN_STEPS);
		assertThat(viaDmn.methodA()).isEqualTo(SweepGrid.Method.DMN);
		assertThat(viaDmn.methodB()).isEqualTo(SweepGrid.Method.PARAMETERS);
		for (int t = 0; t < viaDmn.size(); t++) {
			for (int y = 0; y < viaDmn.size(); y++) {
				assertThat(viaDmn.approvedA(t, y)).as("cell %d/%d", t, y).isEqualTo(viaArithmetic.approvedA(t, y));
			}
		}
		assertThat(viaDmn.disagreements()).isEqualTo(viaArithmetic.disagreements()).isPositive();
		assertThat(this.trail.head().lastSeq()).as("a sweep records nothing").isEqualTo(auditRows);
	}

	/**
	 * A case whose strike vote under sag-2008 ends with {@code yes} of 1000 (rejected).
	 */
	private StartedCase rejectedCase(long yes, long no) {
		StartedCase started = this.driver.start("What-if " + System.nanoTime(), "sag-2008");
		this.driver.submit(started, "Task_RecordBoardResolution",
				motion(50, 10, 0, 64, 71, "resolution", "CALL_AUTHORIZATION_VOTE", "committeeMayCallVote", false));
		this.driver.submit(started, "Task_PrepareBallot", Map.of("question", "Do you authorize a strike?", "ballotMode",
				"CERTIFIED_TALLY", "windowStart", date(2009, 1, 1), "windowEnd", date(2009, 1, 20)));
		this.driver.submit(started, "Task_CertifyResults",
				Map.of("certified", true, "yes", yes, "no", no, "abstain", 0L, "spoiled", 0L, "eligible", 2000L));
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceId(started.id()).count())
			.as("the case ended")
			.isZero();
		return started;
	}

	private static WhatIf.Row row(WhatIf whatIf, String decision) {
		return whatIf.decisions()
			.stream()
			.filter((row) -> decision.equals(row.decision()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + decision + " in " + whatIf.decisions()));
	}

}
