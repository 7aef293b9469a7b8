package org.guildhall.engine.cases;

import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.guildhall.engine.CaseDriver;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.rules.UnknownRuleSetException;
import org.guildhall.engine.tasks.StepTask;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(classes = EngineTestApplication.class)
class CaseServiceIT {

	@Autowired
	CaseDriver driver;

	@Autowired
	RuntimeService runtime;

	@Autowired
	RepositoryService repository;

	@Autowired
	CaseService cases;

	static final Actor STAFF = new Actor("staff", Set.of("guild-staff"));

	@Test
	void aCasePinsTheRuleSetVersionCurrentAtStart() {
		StartedCase started = this.driver.start("Pinned case", "majority-turnout-50");
		assertThat(started.ruleSetTag()).isEqualTo("majority-turnout-50:1");
		assertThat(this.runtime.getVariable(started.id(), "ruleSetTag")).isEqualTo("majority-turnout-50:1");
		assertThat(this.runtime.getVariable(started.id(), "ruleSetVersion")).isEqualTo(1);
		assertThat(this.runtime.getVariable(started.id(), "caseStatus")).isEqualTo("ACTIVE");
		this.driver.task(started, "Task_RecordBoardResolution");
	}

	@Test
	void businessKeysComeFromTitlesAndStayUnique() {
		StartedCase first = this.driver.start("Équipe Contract 2008!", "sag-2008");
		StartedCase second = this.driver.start("Équipe Contract 2008!", "sag-2008");
		assertThat(first.businessKey()).isEqualTo("equipe-contract-2008");
		assertThat(second.businessKey()).isEqualTo("equipe-contract-2008-2");
	}

	@Test
	void anAgreementTakesTheCaseToRatificationAndACaseCanBeWithdrawn() {
		StartedCase settling = this.driver.start("Agreement case", "sag-2008");
		this.cases.agreementReached(settling.id(), STAFF);
		assertThat(this.cases.find(settling.id()).summary().activeSteps()).extracting(StepTask::stepKey)
			.containsExactly("Task_PrepareBallot");
		assertThatThrownBy(() -> this.cases.agreementReached(settling.id(), STAFF))
			.isInstanceOf(CaseStateException.class)
			.hasMessageContaining("already in ratification");

		assertThatThrownBy(() -> this.cases.withdraw(settling.id(), " ", STAFF))
			.isInstanceOf(IllegalArgumentException.class);
		this.cases.withdraw(settling.id(), "Employer withdrew the final offer", STAFF);
		CaseDetails withdrawn = this.cases.find(settling.id());
		assertThat(withdrawn.summary().status()).isEqualTo(CaseStatus.WITHDRAWN);
		assertThat(withdrawn.summary().ended()).isNotNull();
		assertThat(withdrawn.summary().activeSteps()).isEmpty();
		assertThat(this.cases.list(CaseStatus.WITHDRAWN)).extracting(CaseSummary::id).contains(settling.id());
		assertThat(this.cases.list(CaseStatus.ACTIVE)).extracting(CaseSummary::id).doesNotContain(settling.id());
		assertThatThrownBy(() -> this.cases.withdraw(settling.id(), "again", STAFF))
			.isInstanceOf(CaseStateException.class);
		assertThatThrownBy(() -> this.cases.find("no-such-case")).isInstanceOf(CaseNotFoundException.class);
	}

	@Test
	void detailsShowThePathOnEveryDiagramAndTheDecisions() {
		StartedCase started = this.driver.start("Details case", "sag-2008");
		this.driver.submit(started, "Task_RecordBoardResolution",
				CaseDriver.motion(6, 4, 0, 10, 20, "resolution", "SEEK_MEDIATION", "committeeMayCallVote", true));
		CaseDetails noQuorum = this.cases.find(started.id());
		assertThat(noQuorum.decisions()).singleElement().satisfies((decision) -> {
			assertThat(decision.decision()).isEqualTo("board-motion");
			assertThat(decision.ruleSetTag()).isEqualTo("sag-2008:1");
			assertThat(decision.outcome()).isEqualTo("NO_QUORUM");
			assertThat(decision.explanation()).startsWith("no quorum: 10 of 20 seats present");
		});
		assertThat(noQuorum.processes()).extracting(ProcessView::processKey)
			.containsExactly("strike-authorization", "board-deliberation");
		assertThat(noQuorum.processes().get(0).activeActivityIds()).contains("CallActivity_BoardDeliberation");
		assertThat(noQuorum.processes().get(1).activeActivityIds()).contains("Task_RecordBoardResolution");
		assertThat(noQuorum.processes().get(1).completedActivityIds()).contains("Task_EvaluateBoardMotion");
		assertThat(noQuorum.outcome()).isNull();
		assertThat(noQuorum.summary().ruleSetTag()).isEqualTo("sag-2008:1");
		assertThat(this.cases.summary(started.id())).isEqualTo(noQuorum.summary());
	}

	@Test
	void unknownRuleSetsStartNothing() {
		long before = this.runtime.createProcessInstanceQuery().count();
		assertThatThrownBy(() -> this.driver.start("Nope", "fifty-five")).isInstanceOf(UnknownRuleSetException.class);
		assertThat(this.runtime.createProcessInstanceQuery().count()).isEqualTo(before);
	}

}
