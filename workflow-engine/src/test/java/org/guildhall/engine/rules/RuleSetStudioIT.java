package org.guildhall.engine.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.guildhall.engine.CaseDriver;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules studio on the real engine, with a database of its own: versions created from
 * parameters and uploads, the two-person approval, pinning only approved versions,
 * refused uploads leaving nothing behind, audit events, and trying decisions by hand.
 */
@SpringBootTest(classes = EngineTestApplication.class,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-rules-studio-it;DB_CLOSE_DELAY=-1")
public class RuleSetStudioIT {

	static final Actor MODELER = new Actor("modeler", Set.of("rules-modeler"));

	static final Actor MODELER2 = new Actor("modeler2", Set.of("rules-modeler"));

	static final Actor STAFF = new Actor("staff", Set.of("guild-staff"));

	static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	RuleSetStudio studio;

	@Autowired
	RuleSetCatalog catalog;

	@Autowired
	CaseDriver driver;

	@Autowired
	RuntimeService runtime;

	@Autowired
	RepositoryService repository;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

	static JsonNode sixtyPercent(String key, String threshold) throws Exception {
		return JSON.readTree(
				"""
						{"key": "%s", "name": "60%% of votes cast", "citation": "Draft amendment to Art. X §3",
						 "memberVote": {"threshold": %s, "comparator": ">=", "base": "VOTES_CAST",
						                "minTurnoutOfEligible": 0.0, "minYesOfEligible": 0.0, "windowMinDays": 0, "windowMaxDays": 45},
						 "board": {"quorumOfSeats": 0.5, "threshold": 0.5, "comparator": ">", "base": "VOTES_CAST"},
						 "committee": {"quorumOfSeats": 0.5, "threshold": 0.5, "comparator": ">", "base": "VOTES_CAST"}}
						"""
					.formatted(key, threshold));
	}

	@Test
	void shippedRuleSetsAreStoredAsApprovedVersionOneBySystem() {
		List<RuleSetVersion> versions = this.catalog.versions("sag-2008");
		assertThat(versions).hasSize(1);
		RuleSetVersion shipped = versions.get(0);
		assertThat(shipped.version()).isEqualTo(1);
		assertThat(shipped.state()).isEqualTo(RuleSetState.APPROVED);
		assertThat(shipped.source()).isEqualTo(RuleSetSource.SHIPPED);
		assertThat(shipped.createdBy()).isEqualTo("system");
		assertThat(shipped.approvedBy()).isEqualTo("system");
		assertThat(shipped.deploymentId()).isEqualTo(this.repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey("member-vote")
			.versionTag("sag-2008:1")
			.singleResult()
			.getDeploymentId());
		assertThat(this.catalog.dmn("sag-2008", 1)).get().asString().contains("yes * 4 &gt; (yes + no) * 3");
	}

	@Test
	void aVersionIsPinnedByNewCasesOnlyAfterASecondModelerApprovesIt() throws Exception {
		RuleSetVersion created = this.studio.create(sixtyPercent("sixty-percent", "0.6"), MODELER);
		assertThat(created.version()).isEqualTo(1);
		assertThat(created.state()).isEqualTo(RuleSetState.PENDING_APPROVAL);
		assertThat(created.createdBy()).isEqualTo("modeler");
		for (String decision : RuleSetCatalog.DECISIONS) {
			DecisionDefinition definition = this.repository.createDecisionDefinitionQuery()
				.decisionDefinitionKey(decision)
				.versionTag("sixty-percent:1")
				.singleResult();
			assertThat(definition).as(decision).isNotNull();
			assertThat(definition.getDeploymentId()).isEqualTo(created.deploymentId());
			assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650);
		}

		// pending: no live case can pin it, and the catalogue does not offer it
		assertThatThrownBy(() -> this.catalog.current("sixty-percent")).isInstanceOf(UnknownRuleSetException.class)
			.hasMessageContaining("no approved version");
		assertThatThrownBy(() -> this.driver.start("Too early", "sixty-percent"))
			.isInstanceOf(UnknownRuleSetException.class);
		assertThat(this.catalog.ruleSets()).extracting(RuleSet::key).doesNotContain("sixty-percent");

		// the author may not approve, nor may someone outside rules-modeler
		assertThatThrownBy(() -> this.studio.approve("sixty-percent", 1, MODELER))
			.isInstanceOf(RuleSetException.Forbidden.class)
			.hasMessageContaining("you created sixty-percent:1")
			.hasMessageContaining("second rules modeler");
		assertThatThrownBy(() -> this.studio.approve("sixty-percent", 1, STAFF))
			.isInstanceOf(RuleSetException.Forbidden.class)
			.hasMessageContaining("rules-modeler");
		assertThat(this.catalog.version("sixty-percent", 1)).get()
			.extracting(RuleSetVersion::state)
			.isEqualTo(RuleSetState.PENDING_APPROVAL);

		RuleSetVersion approved = this.studio.approve("sixty-percent", 1, MODELER2);
		assertThat(approved.state()).isEqualTo(RuleSetState.APPROVED);
		assertThat(approved.approvedBy()).isEqualTo("modeler2");
		assertThat(approved.approvedAt()).isNotNull();
		assertThatThrownBy(() -> this.studio.approve("sixty-percent", 1, MODELER2))
			.isInstanceOf(RuleSetException.Conflict.class)
			.hasMessageContaining("approved already");
		assertThat(this.catalog.current("sixty-percent").tag()).isEqualTo("sixty-percent:1");
		StartedCase first = this.driver.start("Sixty percent case", "sixty-percent");
		assertThat(first.ruleSetTag()).isEqualTo("sixty-percent:1");

		// version 2 (two-thirds): until approved, new cases keep pinning version 1
		RuleSetVersion second = this.studio.create(sixtyPercent("sixty-percent", "\"2/3\""), MODELER2);
		assertThat(second.version()).isEqualTo(2);
		assertThat(second.name()).isEqualTo("60% of votes cast");
		assertThat(this.catalog.current("sixty-percent").version()).isEqualTo(1);
		assertThat(this.driver.start("Still version one", "sixty-percent").ruleSetTag()).isEqualTo("sixty-percent:1");
		this.studio.approve("sixty-percent", 2, MODELER);
		assertThat(this.catalog.current("sixty-percent").version()).isEqualTo(2);
		StartedCase later = this.driver.start("Two thirds now", "sixty-percent");
		assertThat(later.ruleSetTag()).isEqualTo("sixty-percent:2");
		assertThat(this.runtime.getVariable(first.id(), "ruleSetTag")).isEqualTo("sixty-percent:1");

		assertThat(this.catalog.pinnedCases("sixty-percent", 10)).extracting(PinnedCase::title, PinnedCase::version)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Two thirds now", 2),
					org.assertj.core.groups.Tuple.tuple("Still version one", 1),
					org.assertj.core.groups.Tuple.tuple("Sixty percent case", 1));

		List<AuditEvent> proposed = this.audit.latest(AuditKind.RULE_SET_PROPOSED, 50)
			.stream()
			.filter((event) -> "sixty-percent".equals(event.subject()))
			.toList();
		assertThat(proposed).extracting(AuditEvent::actor).containsExactly("modeler2", "modeler");
		assertThat(proposed.get(1).details()).containsEntry("ruleSetTag", "sixty-percent:1")
			.containsEntry("source", "PARAMETERS")
			.containsEntry("dmnSha256", created.dmnSha256());
		List<AuditEvent> approvals = this.audit.latest(AuditKind.RULE_SET_APPROVED, 50)
			.stream()
			.filter((event) -> "sixty-percent".equals(event.subject()))
			.toList();
		assertThat(approvals).extracting(AuditEvent::actor).containsExactly("modeler", "modeler2");
		assertThat(approvals.get(1).details()).containsEntry("author", "modeler")
			.containsEntry("dmnSha256", created.dmnSha256());
		assertThat(this.audit.verify().ok()).isTrue();
	}

	@Test
	void theGeneratedDecisionsApplyTheParametersExactly() throws Exception {
		this.studio.create(sixtyPercent("sixty-exact", "0.6"), MODELER);
		Evaluation exactly = this.studio.evaluate("sixty-exact", 1, "member-vote", vote(60, 40, 7, 3, 200));
		assertThat(exactly.outcome()).isEqualTo("APPROVED");
		assertThat(exactly.state()).isEqualTo(RuleSetState.PENDING_APPROVAL);
		assertThat(exactly.explanation()).startsWith("approved: 60.0% yes of 100 votes cast, at least 60% required")
			.contains("(60 yes, 60 needed)")
			.contains("7 abstentions and 3 spoiled ballots count in turnout only");
		assertThat(this.studio.evaluate("sixty-exact", 1, "member-vote", vote(599_999, 400_001, 0, 0, 2_000_000))
			.outcome()).isEqualTo("REJECTED");
		assertThat(this.studio.evaluate("sixty-exact", 1, "member-vote", vote(0, 0, 5, 0, 10)).outcome())
			.isEqualTo("REJECTED");
		assertThat(this.studio.evaluate("sixty-exact", 1, "board-motion", motion(6, 4, 1, 11, 20)).explanation())
			.startsWith("carried: 6 for, 4 against, 1 abstaining; 60.0% of 10 votes cast, more than half required");
		assertThat(this.studio.evaluate("sixty-exact", 1, "board-motion", motion(6, 4, 0, 10, 20)).outcome())
			.isEqualTo("NO_QUORUM");
		assertThat(this.studio.evaluate("sixty-exact", 1, "window-policy", Map.of("windowDays", 45.5)).outcome())
			.isEqualTo("INVALID");
		assertThatThrownBy(() -> this.studio.evaluate("sixty-exact", null, "member-vote", vote(1, 0, 0, 0, 1)))
			.isInstanceOf(RuleSetException.NotFound.class)
			.hasMessageContaining("no approved version");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					threshold above 1              | memberVote.threshold  | {"threshold": 1.5, "comparator": ">"}
					unknown comparator             | memberVote.comparator | {"threshold": 0.6, "comparator": "<"}
					misspelt parameter             | memberVote.treshold   | {"treshold": 0.6, "comparator": ">"}
					unknown base                   | memberVote.base       | {"threshold": 0.6, "comparator": ">", "base": "MEMBERS"}
					more than 100 percent          | memberVote.threshold  | {"threshold": "100%", "comparator": ">"}
					window shorter than its minimum | memberVote.windowMinDays | {"threshold": 0.6, "comparator": ">", "windowMinDays": 50}
					""")
	void invalidParametersAreRefusedByFieldAndNothingIsDeployed(String name, String field, String memberVote)
			throws Exception {
		long deployments = this.repository.createDeploymentQuery().count();
		JsonNode json = JSON
			.readTree("{\"key\": \"refused\", \"name\": \"Refused\", \"citation\": \"x\", \"memberVote\": " + memberVote
					+ "}");
		assertThatThrownBy(() -> this.studio.create(json, MODELER)).isInstanceOf(RuleSetException.Invalid.class)
			.satisfies((ex) -> assertThat(((RuleSetException.Invalid) ex).field()).isEqualTo(field));
		assertThat(this.repository.createDeploymentQuery().count()).isEqualTo(deployments);
		assertThat(this.catalog.versions("refused")).isEmpty();
	}

	@Test
	void aNewRuleSetNeedsANameAndOnlyModelersMayCreateOne() throws Exception {
		JsonNode nameless = JSON.readTree("{\"key\": \"nameless\", \"citation\": \"x\", "
				+ "\"memberVote\": {\"threshold\": 0.6, \"comparator\": \">\"}}");
		assertThatThrownBy(() -> this.studio.create(nameless, MODELER)).isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining("name is required");
		assertThatThrownBy(() -> this.studio.create(sixtyPercent("by-staff", "0.6"), STAFF))
			.isInstanceOf(RuleSetException.Forbidden.class)
			.hasMessageContaining("only members of [rules-modeler]");
		assertThat(this.catalog.versions("by-staff")).isEmpty();
	}

	@Test
	void aDmnMadeInCamundaModelerIsCheckedRetaggedAndDeployed() throws Exception {
		byte[] file = GeneratedDmnAgreesWithShippedTest.resource("rulesets/two-thirds.dmn")
			.getBytes(StandardCharsets.UTF_8);
		RuleSetVersion uploaded = this.studio.upload("modeler-two-thirds", "Two-thirds, from the Modeler",
				"Model bylaw", "two-thirds.dmn", file, MODELER);
		assertThat(uploaded.source()).isEqualTo(RuleSetSource.UPLOAD);
		assertThat(uploaded.state()).isEqualTo(RuleSetState.PENDING_APPROVAL);
		assertThat(this.repository.createDecisionDefinitionQuery().versionTag("modeler-two-thirds:1").count())
			.isEqualTo(6);
		String deployed = this.catalog.dmn("modeler-two-thirds", 1).orElseThrow();
		assertThat(deployed.split("camunda:versionTag=\"modeler-two-thirds:1\"", -1)).hasSize(7);
		assertThat(uploaded.parameters().path("decisions").path("member-vote").asText())
			.contains("at least two-thirds");
		assertThat(this.studio.evaluate("modeler-two-thirds", 1, "member-vote", vote(200, 100, 0, 0, 300)).outcome())
			.isEqualTo("APPROVED");
		AuditEvent event = this.audit.latest(AuditKind.RULE_SET_PROPOSED, 50)
			.stream()
			.filter((e) -> "modeler-two-thirds".equals(e.subject()))
			.findFirst()
			.orElseThrow();
		assertThat(event.details()).containsEntry("source", "UPLOAD")
			.containsEntry("fileName", "two-thirds.dmn")
			.containsEntry("dmnSha256", uploaded.dmnSha256())
			.containsKey("uploadSha256");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			not XML                   | not a DMN document Camunda can read
			wrong decision id         | no decision with id ['member-vote']
			missing output            | has no output named 'explanation'
			no history time to live   | has no History Time To Live
			too large                 | at most 1 MB
			external entity           | DOCTYPE declarations are not allowed
			unknown variable          | decision 'member-vote'
			approves without votes    | nothing may be approved or carried when no yes/no vote was cast
			empty                     | the DMN file is empty
			script expression         | only FEEL is accepted
			""")
	void brokenUploadsAreRefusedWithAClearMessageAndNothingIsDeployed(String broken, String message) throws Exception {
		String shipped = GeneratedDmnAgreesWithShippedTest.resource("rulesets/two-thirds.dmn");
		String file = switch (broken) {
			case "not XML" -> "member-vote,APPROVED\nthis is a CSV file";
			case "wrong decision id" -> shipped.replace("\"member-vote\"", "\"strike-vote\"");
			case "missing output" -> shipped.replace("name=\"explanation\"", "name=\"reason\"");
			case "no history time to live" -> shipped.replace(" camunda:historyTimeToLive=\"P3650D\"", "");
			case "too large" -> shipped.replace("<definitions", "<!-- " + "x".repeat(1_100_000) + " -->\n<definitions");
			case "external entity" -> shipped
				.replace("<definitions",
						"<!DOCTYPE definitions [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n<definitions")
				.replace("Model bylaw:", "&secret; Model bylaw:");
			case "unknown variable" ->
				shipped.replace("yes * 3 &gt;= (yes + no) * 2", "yes * 3 &gt;= (yes + nope) * 2");
			case "approves without votes" ->
				shipped.replace("<outputEntry id=\"MemberVote_Rule_NoVotes_Outcome\"><text>\"REJECTED\"</text>",
						"<outputEntry id=\"MemberVote_Rule_NoVotes_Outcome\"><text>\"APPROVED\"</text>");
			case "empty" -> "";
			case "script expression" -> shipped.replace("<outputEntry id=\"MemberVote_Rule_Approved_Outcome\">",
					"<outputEntry id=\"MemberVote_Rule_Approved_Outcome\" expressionLanguage=\"juel\">");
			default -> throw new IllegalArgumentException(broken);
		};
		assertThat(file).isNotEqualTo(shipped);
		long deployments = this.repository.createDeploymentQuery().count();
		long decisions = this.repository.createDecisionDefinitionQuery().count();
		Integer rows = this.jdbc.queryForObject("select count(*) from gh_rule_set_version", Integer.class);
		assertThatThrownBy(() -> this.studio.upload("broken-upload", "Broken", "none", "broken.dmn",
				file.getBytes(StandardCharsets.UTF_8), MODELER))
			.isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining(message)
			.satisfies((ex) -> assertThat(((RuleSetException.Invalid) ex).field()).isEqualTo("file"));
		assertThat(this.repository.createDeploymentQuery().count()).isEqualTo(deployments);
		assertThat(this.repository.createDecisionDefinitionQuery().count()).isEqualTo(decisions);
		assertThat(this.jdbc.queryForObject("select count(*) from gh_rule_set_version", Integer.class)).isEqualTo(rows);
	}

	@Test
	void countsTriedByHandAreCheckedLikeTheStepForms() throws Exception {
		assertThat(this.studio.evaluate("sag-2008", null, "member-vote", vote(751, 249, 0, 0, 1000)))
			.satisfies((evaluation) -> {
				assertThat(evaluation.outcome()).isEqualTo("APPROVED");
				assertThat(evaluation.version()).isEqualTo(1);
				assertThat(evaluation.explanation()).startsWith("approved: 75.1% yes of 1000 votes cast");
			});
		assertThatThrownBy(() -> this.studio.evaluate("sag-2008", null, "member-vote", vote(-1, 0, 0, 0, 10)))
			.isInstanceOf(RuleSetException.Invalid.class)
			.hasMessage("yes must not be negative (-1)");
		assertThatThrownBy(() -> this.studio.evaluate("sag-2008", null, "member-vote", vote(600, 500, 0, 0, 1000)))
			.isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining("must not exceed eligible (1000)");
		assertThatThrownBy(() -> this.studio.evaluate("sag-2008", null, "member-vote", Map.of("yes", 1L)))
			.isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining("no is required");
		assertThatThrownBy(() -> this.studio.evaluate("sag-2008", null, "board-motion", vote(1, 0, 0, 0, 1)))
			.isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining("yes is not an input of board-motion");
		assertThatThrownBy(() -> this.studio.evaluate("sag-2008", null, "board-motion", motion(5, 5, 1, 10, 20)))
			.isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining("must not exceed membersPresent (10)");
		assertThatThrownBy(() -> this.studio.evaluate("sag-2008", null, "strike-vote", vote(1, 0, 0, 0, 1)))
			.isInstanceOf(RuleSetException.Invalid.class)
			.hasMessageContaining("decision must be one of");
		assertThatThrownBy(() -> this.studio.evaluate("sag-2008", 9, "member-vote", vote(1, 0, 0, 0, 1)))
			.isInstanceOf(RuleSetException.NotFound.class)
			.hasMessageContaining("no version 9");
		assertThatThrownBy(() -> this.studio.evaluate("no-such-rules", null, "member-vote", vote(1, 0, 0, 0, 1)))
			.isInstanceOf(RuleSetException.NotFound.class)
			.hasMessageContaining("no rule set 'no-such-rules'");
	}

	static Map<String, Object> vote(long yes, long no, long abstain, long spoiled, long eligible) {
		return GeneratedDmnAgreesWithShippedTest.vote(yes, no, abstain, spoiled, eligible);
	}

	static Map<String, Object> motion(long votesFor, long against, long abstentions, long present, long seats) {
		return GeneratedDmnAgreesWithShippedTest.motion(votesFor, against, abstentions, present, seats);
	}

}
