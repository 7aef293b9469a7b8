package org.guildhall.engine.cases;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.guildhall.engine.CaseDriver;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.rules.UnknownRuleSetException;
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
	void unknownRuleSetsStartNothing() {
		long before = this.runtime.createProcessInstanceQuery().count();
		assertThatThrownBy(() -> this.driver.start("Nope", "fifty-five")).isInstanceOf(UnknownRuleSetException.class);
		assertThat(this.runtime.createProcessInstanceQuery().count()).isEqualTo(before);
	}

}
