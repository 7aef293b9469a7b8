package org.guildhall.engine.rules;

import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.guildhall.engine.EngineTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(classes = EngineTestApplication.class)
class RuleSetCatalogIT {

	@Autowired
	RuleSetCatalog catalog;

	@Autowired
	RepositoryService repository;

	@Test
	void shipsFourRuleSetsWithSag2008First() {
		assertThat(this.catalog.ruleSets()).extracting(RuleSet::key)
			.containsExactly("sag-2008", "majority-turnout-50", "majority-turnout-50-yes-40", "two-thirds");
		assertThat(this.catalog.find("sag-2008")).get()
			.satisfies((ruleSet) -> assertThat(ruleSet.parameters().path("memberVote").path("threshold").asDouble())
				.isEqualTo(0.75));
	}

	@Test
	void deploysEveryDecisionOfEveryRuleSetOnceWithItsVersionTag() {
		this.catalog.deployShipped(); // a second start deploys nothing new
		for (RuleSet ruleSet : this.catalog.ruleSets()) {
			for (String decision : RuleSetCatalog.DECISIONS) {
				assertThat(this.repository.createDecisionDefinitionQuery()
					.decisionDefinitionKey(decision)
					.versionTag(ruleSet.tag())
					.count()).as(decision + " of " + ruleSet.tag()).isEqualTo(1);
			}
		}
		assertThat(this.repository.createDeploymentQuery().deploymentName("ruleset:sag-2008:1").count()).isEqualTo(1);
	}

	@Test
	void evaluatesAPinnedVersion() {
		Decision decision = this.catalog.evaluate("sag-2008:1", "member-vote",
				Map.of("yes", 751L, "no", 249L, "abstain", 0L, "spoiled", 0L, "eligible", 1000L));
		assertThat(decision.outcome()).isEqualTo("APPROVED");
		assertThat(decision.explanation()).startsWith("approved: 75.1% yes of 1000 votes cast");
		assertThat(this.catalog.current("two-thirds").tag()).isEqualTo("two-thirds:1");
	}

	@Test
	void unknownRuleSetsAndTagsAreRefusedByName() {
		assertThatThrownBy(() -> this.catalog.current("no-such-rules")).isInstanceOf(UnknownRuleSetException.class)
			.hasMessageContaining("no-such-rules");
		assertThatThrownBy(() -> this.catalog.evaluate("sag-2008:99", "member-vote", Map.of()))
			.isInstanceOf(UnknownRuleSetException.class)
			.hasMessageContaining("sag-2008:99");
	}

}
