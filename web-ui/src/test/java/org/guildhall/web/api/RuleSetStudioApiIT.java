package org.guildhall.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guildhall.web.api.ApiRefusalsIT.assertProblem;

/**
 * The rules studio through {@code /api} as the demo users: a modeler creates a rule set
 * from parameters, the author may not approve it, a second modeler does, and only then do
 * new cases pin it; DMN uploads, good and broken; trying counts; role checks. Uses
 * rule-set keys of its own, so the shipped rule sets other tests rely on stay as they
 * are.
 */
class RuleSetStudioApiIT extends ApiIntegrationTest {

	static final Map<String, Object> SIXTY = Map.of("key", "sixty-percent-api", "name", "60% of votes cast", "citation",
			"Draft amendment to Art. X §3", "memberVote",
			Map.of("threshold", 0.60, "comparator", ">=", "base", "VOTES_CAST", "minTurnoutOfEligible", 0.0,
					"minYesOfEligible", 0.0, "windowMinDays", 0, "windowMaxDays", 45),
			"board", Map.of("quorumOfSeats", 0.5, "threshold", 0.5, "comparator", ">", "base", "VOTES_CAST"),
			"committee", Map.of("quorumOfSeats", 0.5, "threshold", 0.5, "comparator", ">", "base", "VOTES_CAST"));

	@Autowired
	RepositoryService repository;

	@Test
	void aRuleSetIsCreatedApprovedBySecondModelerAndOnlyThenPinnedByNewCases() {
		ResponseEntity<JsonNode> created = as("modeler").post("/api/rule-sets", SIXTY);
		assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getBody().path("key").asText()).isEqualTo("sixty-percent-api");
		assertThat(created.getBody().path("version").asInt()).isEqualTo(1);
		assertThat(created.getBody().path("state").asText()).isEqualTo("PENDING_APPROVAL");
		assertThat(created.getHeaders().getLocation()).hasPath("/api/rule-sets/sixty-percent-api/versions/1");

		JsonNode pending = as("auditor").get("/api/rule-sets/sixty-percent-api").getBody();
		assertThat(pending.path("version").isNull()).isTrue();
		assertThat(pending.path("versions").get(0).path("createdBy").asText()).isEqualTo("modeler");
		assertThat(pending.path("versions").get(0).path("dmnSha256").asText()).hasSize(64);

		// a live case cannot pin a version nobody has approved
		assertProblem(as("staff").post("/api/cases", newCase("Too early", "sixty-percent-api")), HttpStatus.BAD_REQUEST,
				"has no approved version yet");

		// the author may not approve it; a second modeler may
		assertProblem(as("modeler").post("/api/rule-sets/sixty-percent-api/versions/1/approve", null),
				HttpStatus.FORBIDDEN, "you created sixty-percent-api:1; a second rules modeler must approve it");
		ResponseEntity<JsonNode> approved = as("modeler2").post("/api/rule-sets/sixty-percent-api/versions/1/approve",
				null);
		assertThat(approved.getStatusCode()).as(String.valueOf(approved.getBody())).isEqualTo(HttpStatus.OK);
		assertThat(approved.getBody().path("state").asText()).isEqualTo("APPROVED");
		assertThat(approved.getBody().path("approvedBy").asText()).isEqualTo("modeler2");
		assertProblem(as("modeler2").post("/api/rule-sets/sixty-percent-api/versions/1/approve", null),
				HttpStatus.CONFLICT, "approved already");

		String caseId = startCase("Sixty percent via API", "sixty-percent-api");
		JsonNode pinned = as("auditor").get("/api/cases/" + caseId).getBody();
		assertThat(pinned.toString()).contains("sixty-percent-api");

		// the new rule set decides exactly: 60 of 100 is "at least 60%"
		ResponseEntity<JsonNode> tried = as("staff").post("/api/rule-sets/sixty-percent-api/evaluate",
				Map.of("decision", "member-vote", "yes", 60, "no", 40, "abstain", 5, "spoiled", 1, "eligible", 200));
		assertThat(tried.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(tried.getBody().path("outcome").asText()).isEqualTo("APPROVED");
		assertThat(tried.getBody().path("version").asInt()).isEqualTo(1);
		assertThat(tried.getBody().path("explanation").asText())
			.startsWith("approved: 60.0% yes of 100 votes cast, at least 60% required");
	}

	@Test
	void onlyRulesModelersMayCreateUploadOrApprove() {
		assertProblem(as("staff").post("/api/rule-sets", SIXTY), HttpStatus.FORBIDDEN,
				"only members of [rules-modeler] may do this");
		assertProblem(as("auditor").post("/api/rule-sets/sag-2008/versions/1/approve", null), HttpStatus.FORBIDDEN,
				"rules-modeler");
		ResponseEntity<JsonNode> upload = upload("secretary", "staff-upload", "x".getBytes(StandardCharsets.UTF_8));
		assertProblem(upload, HttpStatus.FORBIDDEN, "rules-modeler");
		assertThat(as("auditor").get("/api/rule-sets/staff-upload").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void aDmnFromCamundaModelerIsAcceptedAndBrokenOnesAreRefusedWithNothingDeployed() throws IOException {
		String shipped = resource("rulesets/two-thirds.dmn");
		ResponseEntity<JsonNode> good = upload("modeler", "api-upload", shipped.getBytes(StandardCharsets.UTF_8));
		assertThat(good.getStatusCode()).as(String.valueOf(good.getBody())).isEqualTo(HttpStatus.CREATED);
		assertThat(good.getBody().path("state").asText()).isEqualTo("PENDING_APPROVAL");
		assertThat(this.repository.createDecisionDefinitionQuery().versionTag("api-upload:1").count()).isEqualTo(6);

		long deployments = this.repository.createDeploymentQuery().count();
		assertProblem(upload("modeler", "api-broken", "this is not XML".getBytes(StandardCharsets.UTF_8)),
				HttpStatus.BAD_REQUEST, "not a DMN document Camunda can read");
		assertProblem(
				upload("modeler", "api-broken",
						shipped.replace("\"member-vote\"", "\"strike-vote\"").getBytes(StandardCharsets.UTF_8)),
				HttpStatus.BAD_REQUEST, "no decision with id ['member-vote']");
		assertProblem(
				upload("modeler", "api-broken",
						shipped.replace("name=\"explanation\"", "name=\"why\"").getBytes(StandardCharsets.UTF_8)),
				HttpStatus.BAD_REQUEST, "has no output named 'explanation'");
		assertProblem(
				upload("modeler", "api-broken",
						shipped.replace("<definitions",
								"<!DOCTYPE definitions [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n<definitions")
							.replace("Model bylaw:", "&secret; Model bylaw:")
							.getBytes(StandardCharsets.UTF_8)),
				HttpStatus.BAD_REQUEST, "DOCTYPE declarations are not allowed");
		byte[] huge = shipped.replace("<definitions", "<!-- " + "x".repeat(1_500_000) + " -->\n<definitions")
			.getBytes(StandardCharsets.UTF_8);
		ResponseEntity<JsonNode> tooLarge = upload("modeler", "api-broken", huge);
		assertProblem(tooLarge, HttpStatus.BAD_REQUEST, "at most 1 MB");
		assertThat(tooLarge.getBody().path("field").asText()).isEqualTo("file");
		assertThat(this.repository.createDeploymentQuery().count()).isEqualTo(deployments);
		assertThat(as("auditor").get("/api/rule-sets/api-broken").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void countsAreTriedOnTheLatestApprovedVersionAndBadInputIsAProblem() {
		ResponseEntity<JsonNode> sag = as("auditor").post("/api/rule-sets/sag-2008/evaluate",
				Map.of("decision", "member-vote", "yes", 749, "no", 251, "abstain", 0, "spoiled", 0, "eligible", 1000));
		assertThat(sag.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(sag.getBody().path("outcome").asText()).isEqualTo("REJECTED");
		assertThat(sag.getBody().path("ruleSet").asText()).isEqualTo("sag-2008");
		assertThat(sag.getBody().path("explanation").asText()).startsWith("rejected: 74.9% yes of 1000 votes cast");
		ResponseEntity<JsonNode> board = as("secretary").post("/api/rule-sets/two-thirds/evaluate", Map.of("decision",
				"board-motion", "votesFor", 6, "votesAgainst", 4, "abstentions", 0, "membersPresent", 10, "seats", 20));
		assertThat(board.getBody().path("outcome").asText()).isEqualTo("NO_QUORUM");

		assertProblem(
				as("auditor").post("/api/rule-sets/sag-2008/evaluate", Map.of("decision", "member-vote", "yes", -1,
						"no", 0, "abstain", 0, "spoiled", 0, "eligible", 10)),
				HttpStatus.BAD_REQUEST, "yes must not be negative");
		assertProblem(
				as("auditor").post("/api/rule-sets/sag-2008/evaluate", Map.of("decision", "member-vote", "yes", 1)),
				HttpStatus.BAD_REQUEST, "no is required");
		assertProblem(
				as("auditor").post("/api/rule-sets/sag-2008/evaluate", Map.of("decision", "member-vote", "yes", 1, "no",
						0, "abstain", 0, "spoiled", 0, "eligible", 0)),
				HttpStatus.BAD_REQUEST, "must not exceed eligible (0)");
		assertProblem(as("auditor").post("/api/rule-sets/sag-2008/evaluate", Map.of("decision", "strike-vote")),
				HttpStatus.BAD_REQUEST, "decision must be one of");
		assertProblem(
				as("auditor").post("/api/rule-sets/sag-2008/evaluate", Map.of("decision", "member-vote", "version", 7,
						"yes", 1, "no", 0, "abstain", 0, "spoiled", 0, "eligible", 1)),
				HttpStatus.NOT_FOUND, "has no version 7");
		assertProblem(as("auditor").post("/api/rule-sets/no-such-rules/evaluate", Map.of("decision", "member-vote")),
				HttpStatus.NOT_FOUND, "no rule set 'no-such-rules'");
	}

	private ResponseEntity<JsonNode> upload(String user, String key, byte[] file) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new ByteArrayResource(file) {

			@Override
			public String getFilename() {
				return key + ".dmn";
			}

		});
		parts.add("key", key);
		parts.add("name", "Uploaded " + key);
		parts.add("citation", "Model bylaw");
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		return as(user).http().postForEntity("/api/rule-sets", new HttpEntity<>(parts, headers), JsonNode.class);
	}

	private static Map<String, Object> newCase(String title, String ruleSet) {
		return Map.of("title", title, "contract", "TV/Theatrical", "employer", "AMPTP", "expiryDate", "2008-06-30",
				"ruleSet", ruleSet);
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = RuleSetStudioApiIT.class.getClassLoader().getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
