package org.guildhall.web.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetStudio;
import org.guildhall.engine.rules.RuleSetVersion;
import org.guildhall.engine.rules.RuleSweep;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guildhall.web.api.ApiRefusalsIT.assertProblem;

/**
 * What-if replay and rule sweeps through {@code /api}: a strike vote decided under
 * {@code sag-2008} with 74.9% yes (rejected) would pass under {@code two-thirds:1}; the
 * seeded demo case replays; a sweep in JSON and CSV agrees cell by cell; refusals are
 * problem details, and nothing is recorded.
 */
class WhatIfApiIT extends ApiIntegrationTest {

	@Autowired
	AuditTrail trail;

	@Autowired
	RuleSetCatalog catalog;

	@Autowired
	RuleSetStudio studio;

	@Autowired
	RuleSweep sweep;

	@Test
	void aVoteRejectedAtSeventyFourPointNinePercentWouldPassUnderTwoThirds() {
		String caseId = rejectedCase(749, 251);
		long auditRows = this.trail.head().lastSeq();

		ResponseEntity<JsonNode> response = as("auditor").get("/api/cases/" + caseId + "/what-if?ruleSet=two-thirds:1");

		assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
		JsonNode whatIf = response.getBody();
		assertThat(whatIf.path("status").asText()).isEqualTo("AUTHORIZATION_REJECTED");
		assertThat(whatIf.path("pinnedRuleSet").asText()).isEqualTo("sag-2008:1");
		assertThat(whatIf.path("ruleSet").asText()).isEqualTo("two-thirds:1");
		assertThat(whatIf.path("differences").asInt()).isEqualTo(1);
		assertThat(whatIf.path("decisions").findValuesAsText("decision")).containsExactly("board-motion",
				"window-policy", "member-vote");
		JsonNode vote = whatIf.path("decisions").get(2);
		assertThat(vote.path("decision").asText()).isEqualTo("member-vote");
		assertThat(vote.path("recordedOutcome").asText()).isEqualTo("REJECTED");
		assertThat(vote.path("recordedExplanation").asText()).contains("74.9% yes");
		assertThat(vote.path("outcome").asText()).isEqualTo("APPROVED");
		assertThat(vote.path("words").asText()).isEqualTo("would pass");
		assertThat(vote.path("differs").asBoolean()).isTrue();
		assertThat(vote.path("counts").path("yes").asLong()).isEqualTo(749);
		assertThat(this.trail.head().lastSeq()).as("a replay records nothing").isEqualTo(auditRows);

		// a modeler may replay too
		assertThat(as("modeler").get("/api/cases/" + caseId + "/what-if?ruleSet=sag-2008:1")
			.getBody()
			.path("differences")
			.asInt()).isZero();
	}

	@Test
	void theSeededDemoCaseReplays() {
		String demoCase = this.trail
			.cases(new org.guildhall.engine.audit.AuditCaseQuery("SETTLED", null, null, null,
					"Commercials contracts 2009", 5))
			.get(0)
			.caseId();
		JsonNode whatIf = as("auditor").get("/api/cases/" + demoCase + "/what-if?ruleSet=majority-turnout-50:1")
			.getBody();
		assertThat(whatIf.path("decisions").findValuesAsText("decision")).containsExactly("board-motion",
				"window-policy", "ratification-vote");
		assertThat(whatIf.path("decisions").findValuesAsText("outcome")).containsExactly("CARRIED", "VALID",
				"APPROVED");
	}

	@Test
	void refusalsAreProblemDetails() {
		String running = startCase("What-if running " + System.nanoTime(), "sag-2008");
		assertProblem(as("auditor").get("/api/cases/" + running + "/what-if?ruleSet=two-thirds:1"), HttpStatus.CONFLICT,
				"still running");
		assertProblem(as("auditor").get("/api/cases/no-such-case/what-if?ruleSet=two-thirds:1"), HttpStatus.NOT_FOUND,
				"no case 'no-such-case'");
		assertProblem(as("auditor").get("/api/cases/" + running + "/what-if?ruleSet=no-such-set:1"),
				HttpStatus.BAD_REQUEST, "no rule-set version no-such-set:1");
		assertProblem(as("auditor").get("/api/cases/" + running + "/what-if?ruleSet=two-thirds"),
				HttpStatus.BAD_REQUEST, "<key>:<version>");
		assertProblem(as("auditor").get("/api/cases/" + running + "/what-if"), HttpStatus.BAD_REQUEST, "ruleSet");
		assertProblem(as("staff").get("/api/cases/" + running + "/what-if?ruleSet=two-thirds:1"), HttpStatus.FORBIDDEN,
				"");

		assertProblem(as("modeler").get("/api/rule-sets/sweep?a=sag-2008:1&b=two-thirds:1&steps=1"),
				HttpStatus.BAD_REQUEST, "steps must be from 2 to 200");
		assertProblem(as("modeler").get("/api/rule-sets/sweep?a=sag-2008:1&b=two-thirds:1&steps=201"),
				HttpStatus.BAD_REQUEST, "steps must be from 2 to 200");
		assertProblem(as("modeler").get("/api/rule-sets/sweep?a=sag-2008:1&b=two-thirds:1&eligible=0"),
				HttpStatus.BAD_REQUEST, "eligible must be from 1 to 1000000000");
		assertProblem(as("modeler").get("/api/rule-sets/sweep?a=sag-2008:1&b=two-thirds:1&eligible=1000000000000"),
				HttpStatus.BAD_REQUEST, "eligible");
		assertProblem(as("modeler").get("/api/rule-sets/sweep?a=sag-2008:1&b=two-thirds:1&eligible=many"),
				HttpStatus.BAD_REQUEST, "eligible must be a whole number");
		assertProblem(as("modeler").get("/api/rule-sets/sweep?a=sag-2008:1&b=nope:1"), HttpStatus.BAD_REQUEST,
				"no rule-set version nope:1");
		assertProblem(as("modeler").get("/api/rule-sets/sweep?a=sag-2008:1"), HttpStatus.BAD_REQUEST, "b");
		assertProblem(as("officer").get("/api/rule-sets/sweep?a=sag-2008:1&b=two-thirds:1"), HttpStatus.FORBIDDEN, "");
		ResponseEntity<JsonNode> csvRefused = this.http.withBasicAuth("modeler", "demo")
			.exchange("/api/rule-sets/sweep.csv?a=sag-2008:1&b=two-thirds:1&steps=0", HttpMethod.GET,
					new HttpEntity<>(headers("text/csv, application/problem+json")), JsonNode.class);
		assertProblem(csvRefused, HttpStatus.BAD_REQUEST, "steps");
	}

	@Test
	void aSweepInJsonAndCsvAgreeCellByCell() {
		long auditRows = this.trail.head().lastSeq();
		JsonNode sweep = as("modeler").get("/api/rule-sets/sweep?a=sag-2008:1&b=two-thirds:1&eligible=1000&steps=100")
			.getBody();
		assertThat(sweep.path("cells").asInt()).isEqualTo(10_201);
		assertThat(sweep.path("a").path("method").asText()).isEqualTo("PARAMETERS");
		assertThat(sweep.path("percents")).hasSize(101);
		assertThat(sweep.path("approvedA").get(100).get(75).asBoolean()).as("750 of 1000 is not more than 75%")
			.isFalse();
		assertThat(sweep.path("approvedA").get(100).get(76).asBoolean()).isTrue();
		assertThat(sweep.path("approvedB").get(100).get(67).asBoolean()).isTrue();
		assertThat(sweep.path("approvedB").get(100).get(66).asBoolean()).isFalse();
		int disagreements = 0;
		for (int t = 0; t <= 100; t++) {
			for (int y = 0; y <= 100; y++) {
				disagreements += (sweep.path("approvedA").get(t).get(y).asBoolean() != sweep.path("approvedB")
					.get(t)
					.get(y)
					.asBoolean()) ? 1 : 0;
			}
		}
		assertThat(sweep.path("disagreements").asInt()).isEqualTo(disagreements).isPositive();

		ResponseEntity<String> csv = this.http.withBasicAuth("auditor", "demo")
			.exchange("/api/rule-sets/sweep.csv?a=sag-2008:1&b=two-thirds:1&eligible=1000&steps=100", HttpMethod.GET,
					new HttpEntity<>(headers("text/csv")), String.class);
		assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
		List<String> lines = csv.getBody().lines().toList();
		assertThat(lines).hasSize(1 + 10_201);
		assertThat(lines.get(0)).isEqualTo("turnoutPercent,yesPercent,votesCast,yes,no,outcomeA,outcomeB,differs");
		assertThat(lines).contains("100,75,1000,750,250,REJECTED,APPROVED,true",
				"100,76,1000,760,240,APPROVED,APPROVED,false", "0,100,0,0,0,REJECTED,REJECTED,false");
		assertThat(lines.stream().filter((line) -> line.endsWith(",true")).count()).isEqualTo(disagreements);
		assertThat(this.trail.head().lastSeq()).as("a sweep records nothing").isEqualTo(auditRows);
	}

	@Test
	void aSweepThroughAnUploadedDmnRunsInTheBackgroundWithProgressThenShowsItsGrid() throws Exception {
		String dmn = this.catalog.dmn("sag-2008", 1).orElseThrow();
		RuleSetVersion uploaded = this.studio.upload("uploaded-sweep", "Uploaded SAG", "Test upload", "sag.dmn",
				dmn.getBytes(StandardCharsets.UTF_8), new Actor("modeler", Set.of("rules-modeler")));
		String page = "/rules/sweep?a=" + uploaded.tag() + "&b=two-thirds:1&eligible=1000&steps=100";

		ResponseEntity<String> started = page(page);
		assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
		Matcher poll = Pattern.compile("hx-get=\"(/rules/sweep/progress\\?job=[0-9a-f-]+)\"")
			.matcher(started.getBody());
		assertThat(poll.find()).as(started.getBody()).isTrue();
		assertThat(started.getBody()).contains("<progress").doesNotContain("id=\"heat-maps\"");

		long deadline = System.currentTimeMillis() + 180_000;
		ResponseEntity<String> progress = page(poll.group(1));
		while (!"true".equals(progress.getHeaders().getFirst("HX-Refresh"))) {
			assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(progress.getBody()).doesNotContain("The sweep failed");
			assertThat(System.currentTimeMillis()).as("the background sweep finishes").isLessThan(deadline);
			Thread.sleep(300);
			progress = page(poll.group(1));
		}
		assertThat(progress.getBody()).contains("441 of 441 evaluations");

		RuleSetVersion twoThirds = this.catalog.version("two-thirds", 1).orElseThrow();
		int disagreements = this.sweep.sweep(this.catalog.version("sag-2008", 1).orElseThrow(), twoThirds, 1000, 20)
			.disagreements();
		ResponseEntity<String> done = page(page);
		assertThat(done.getBody()).contains("id=\"disagreements\">" + disagreements + "<")
			.contains("id=\"sweep-coarsened\"")
			.contains("id=\"heat-maps\"");
		JsonNode json = as("modeler")
			.get("/api/rule-sets/sweep?a=" + uploaded.tag() + "&b=two-thirds:1&eligible=1000&steps=100")
			.getBody();
		assertThat(json.path("coarsened").asBoolean()).isTrue();
		assertThat(json.path("a").path("method").asText()).isEqualTo("DMN");
		assertThat(json.path("disagreements").asInt()).isEqualTo(disagreements);
	}

	private ResponseEntity<String> page(String path) {
		return this.http.withBasicAuth("modeler", "demo")
			.exchange(path, HttpMethod.GET, new HttpEntity<>(headers("text/html")), String.class);
	}

	private static HttpHeaders headers(String accept) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Accept", accept);
		return headers;
	}

	/**
	 * A strike vote under sag-2008 rejected with {@code yes} of 1000; answers the case
	 * id.
	 */
	private String rejectedCase(int yes, int no) {
		String caseId = startCase("What-if API " + System.nanoTime(), "sag-2008");
		complete("secretary", openStep(caseId, "Task_RecordBoardResolution"),
				motion(48, 14, 2, 64, 71, "resolution", "CALL_AUTHORIZATION_VOTE", "committeeMayCallVote", false));
		complete("officer", openStep(caseId, "Task_PrepareBallot"), Map.of("question", "Do you authorize a strike?",
				"ballotMode", "CERTIFIED_TALLY", "windowStart", "2008-12-01", "windowEnd", "2009-01-14"));
		JsonNode ended = complete("officer", openStep(caseId, "Task_CertifyResults"),
				Map.of("certified", true, "yes", yes, "no", no, "abstain", 0, "spoiled", 0, "eligible", 2000));
		assertThat(ended.path("status").asText()).isEqualTo("AUTHORIZATION_REJECTED");
		return caseId;
	}

}
