package org.guildhall.models.rules;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.guildhall.models.support.ModelTestEngine;
import org.guildhall.models.support.RuleSets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class Sag2008DecisionTest {

	@RegisterExtension
	static ProcessEngineExtension extension = ModelTestEngine.extension();

	ProcessEngine engine;

	String deployment;

	@BeforeEach
	void deploy() {
		this.engine = extension.getProcessEngine();
		this.deployment = RuleSets.deploy(this.engine, "sag-2008");
	}

	@AfterEach
	void undeploy() {
		this.engine.getRepositoryService().deleteDeployment(this.deployment, true);
	}

	@Test
	void probe() {
		var r = RuleSets.evaluate(this.engine, "sag-2008:1", "member-vote",
				Map.of("yes", 751L, "no", 249L, "abstain", 10L, "spoiled", 2L, "eligible", 2000L));
		System.out.println(r);
		var b = RuleSets.evaluate(this.engine, "sag-2008:1", "board-motion", Map.of("votesFor", 5L, "votesAgainst",
				5L, "abstentions", 1L, "membersPresent", 11L, "seats", 20L));
		System.out.println(b);
		var w = RuleSets.evaluate(this.engine, "sag-2008:1", "window-policy", Map.of("windowDays", 45.5));
		System.out.println(w);
		assertThat(r.<String>getEntry("outcome")).isEqualTo("APPROVED");
	}

}
