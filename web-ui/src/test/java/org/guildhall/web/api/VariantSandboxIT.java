package org.guildhall.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.guildhall.engine.audit.AuditCase;
import org.guildhall.engine.audit.AuditCaseQuery;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseSummary;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.rules.PinnedCase;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepException;
import org.guildhall.engine.tasks.StepTask;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Process variants in the sandbox through {@code /api/variants} on the real engine:
 * broken uploads are refused with a 400 that names the problem and deploy nothing; the
 * shipped {@code members-decide} reaches STRIKE_CALLED without the board's final
 * decision; {@code board-only} carries a strike at two-thirds of the board and fails it
 * at 60%; a simulated case waiting at a step never appears in live step or case lists, in
 * the services or the API; only rules modelers act, auditors read.
 */
class VariantSandboxIT extends ApiIntegrationTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	RepositoryService repository;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	StepService steps;

	@Autowired
	CaseService cases;

	@Autowired
	AuditTrail trail;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RuleSetCatalog ruleSets;

	@Test
	void brokenUploadsAre400AndDeployNothing() throws IOException {
		long deployments = this.repository.createDeploymentQuery().count();
		String bargaining = resource("processes/bargaining.bpmn");
		String board = resource("processes/board-deliberation.bpmn");
		Map<String, byte[]> broken = new java.util.LinkedHashMap<>();
		broken.put("not well-formed XML", utf8("this is not XML"));
		broken.put("DOCTYPE", utf8("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
				+ bargaining.substring(bargaining.indexOf("<bpmn:definitions"))));
		broken.put("at most 1 MB", new byte[1536 * 1024]);
		broken.put("process id 'haggling' is not one of Guildhall's processes",
				utf8(bargaining.replace("id=\"bargaining\"", "id=\"haggling\"")));
		broken.put("has no output 'boardMotionOutcome'",
				utf8(board.replace("name=\"boardMotionOutcome\"", "name=\"outcome\"")));
		broken.put("has no label", utf8(bargaining.replace(" name=\"Record bargaining session\"", "")));
		broken.put("runs a script",
				utf8(bargaining.replace("<bpmn:userTask id=\"Task_RecordBargainingSession\"",
						"<bpmn:scriptTask id=\"Task_Script\" name=\"Script\" scriptFormat=\"groovy\"><bpmn:script>"
								+ "'rm -rf /'.execute()</bpmn:script></bpmn:scriptTask>"
								+ "<bpmn:userTask id=\"Task_RecordBargainingSession\"")));
		broken.put("names a Java class", utf8(board.replace("camunda:delegateExpression=\"${overdueStepDelegate}\"",
				"camunda:class=\"org.example.Evil\"")));
		broken.put("names 'guildhallCaseService'",
				utf8(board.replace("${overdueStepDelegate}", "${guildhallCaseService}")));
		// passes Guildhall's checks, refused by the engine's parser
		broken.put("Camunda's engine refused the model",
				utf8(bargaining.replace(
						"<camunda:formField id=\"sessionDate\" label=\"Date of the session\" type=\"date\">",
						"<camunda:formField id=\"sessionDate\" label=\"Date of the session\" type=\"calendar\">")));
		for (Map.Entry<String, byte[]> upload : broken.entrySet()) {
			ResponseEntity<JsonNode> refused = upload("modeler", "broken", upload.getValue());
			assertThat(refused.getStatusCode()).as(upload.getKey() + ": " + refused.getBody())
				.isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(refused.getBody().path("detail").asText()).as(upload.getKey()).contains(upload.getKey());
		}
		assertThat(this.repository.createDeploymentQuery().count()).as("deployments after the refusals")
			.isEqualTo(deployments);

		// the same file made right is accepted
		ResponseEntity<JsonNode> accepted = upload("modeler", "bargaining-as-is", utf8(bargaining));
		assertThat(accepted.getStatusCode()).as(String.valueOf(accepted.getBody())).isEqualTo(HttpStatus.CREATED);
		assertThat(accepted.getBody().path("tenant").asText()).isEqualTo("sandbox");
		assertThat(this.repository.createDeploymentQuery().count()).isEqualTo(deployments + 1);
		assertThat(this.repository.createDeploymentQuery()
			.deploymentId(accepted.getBody().path("id").asText())
			.singleResult()
			.getTenantId()).isEqualTo("sandbox");
	}

	@Test
	void membersDecideReachesStrikeCalledWithoutTheBoardsFinalDecision() {
		String variant = deployShipped("members-decide");

		JsonNode result = simulate(variant, shippedScenario("members-decide"));

		assertThat(result.path("sandbox").asBoolean()).isTrue();
		assertThat(result.path("stop").asText()).as(result.toString()).isEqualTo("ENDED");
		assertThat(result.path("status").asText()).isEqualTo("STRIKE_CALLED");
		assertThat(result.path("ruleSetTag").asText()).isEqualTo("sag-2008:1");
		assertThat(result.findValuesAsText("processKey"))
			.contains("strike-authorization", "board-deliberation", "member-vote")
			.doesNotContain("final-strike-decision");
		JsonNode vote = decision(result, "member-vote");
		assertThat(vote.path("outcome").asText()).isEqualTo("APPROVED");
		assertThat(vote.path("explanation").asText()).contains("80.0% yes");
		assertThat(result.findValuesAsText("stepKey")).containsExactly("Task_RecordBoardResolution",
				"Task_PrepareBallot", "Task_CertifyResults");
		assertThat(result.path("startedBy").asText()).isEqualTo("modeler");

		// marked in the auditor's search
		AuditCase indexed = this.trail.auditCase(result.path("caseId").asText()).orElseThrow();
		assertThat(indexed.sandbox()).isTrue();
		assertThat(indexed.tenantId()).isEqualTo("sandbox");
		assertThat(this.trail.cases(new AuditCaseQuery(null, null, null, null, null, 1000, false)))
			.extracting(AuditCase::caseId)
			.doesNotContain(indexed.caseId());
	}

	@Test
	void boardOnlyCarriesAStrikeAtTwoThirdsAndFailsItAtSixtyPercent() {
		String variant = deployShipped("board-only");
		double counted = decisionsCounted("final-decision");

		JsonNode carried = simulate(variant, shippedScenario("board-only"));
		assertThat(carried.path("stop").asText()).as(carried.toString()).isEqualTo("ENDED");
		assertThat(carried.path("status").asText()).isEqualTo("STRIKE_CALLED");
		assertThat(carried.path("ruleSetTag").asText()).startsWith("board-two-thirds:");
		assertThat(decision(carried, "final-decision").path("outcome").asText()).isEqualTo("CARRIED");
		assertThat(carried.findValuesAsText("processKey")).doesNotContain("member-vote");

		ObjectNode sixty = shippedScenario("board-only");
		ObjectNode answer = (ObjectNode) sixty.path("steps").path("Task_DecideStrike").get(0);
		answer.put("votesFor", 36).put("votesAgainst", 24).put("membersPresent", 60);
		JsonNode failed = simulate(variant, sixty);
		assertThat(failed.path("stop").asText()).as(failed.toString()).isEqualTo("NO_ANSWER");
		assertThat(failed.path("stoppedAt").asText()).isEqualTo("Task_DecideStrike");
		assertThat(failed.path("status").asText()).isEqualTo("ACTIVE");
		assertThat(decision(failed, "final-decision").path("outcome").asText()).isEqualTo("FAILED");
		assertThat(decision(failed, "final-decision").path("explanation").asText()).contains("60.0%");
		// sandbox decisions are on the trail, not in the live metrics
		assertThat(decisionsCounted("final-decision")).isEqualTo(counted);
	}

	private double decisionsCounted(String decision) {
		return this.meters.find("guildhall.decisions")
			.tag("decision", decision)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	@Test
	void anAnswerTheFormRefusesStopsTheRunNamingWhy() {
		String variant = deployShipped("members-decide");
		ObjectNode scenario = shippedScenario("members-decide");
		((ObjectNode) scenario.path("steps").path("Task_PrepareBallot").get(0)).put("windowEnd",
				"2008-11-01T00:00:00Z");

		JsonNode refused = simulate(variant, scenario);

		assertThat(refused.path("stop").asText()).as(refused.toString()).isEqualTo("REFUSED");
		assertThat(refused.path("stoppedAt").asText()).isEqualTo("Task_PrepareBallot");
		assertThat(refused.path("message").asText()).contains("windowEnd").contains("must be after windowStart");
		assertThat(refused.findValuesAsText("stepKey")).containsExactly("Task_RecordBoardResolution");
	}

	@Test
	void aWaitingSandboxStepNeverAppearsInLiveListsServicesOrTheApi() {
		String variant = deployShipped("members-decide");
		ObjectNode scenario = shippedScenario("members-decide");
		((ObjectNode) scenario.path("steps")).remove(List.of("Task_PrepareBallot", "Task_CertifyResults"));
		scenario.put("title", "Waiting for the officer");

		JsonNode waiting = simulate(variant, scenario);
		assertThat(waiting.path("stop").asText()).as(waiting.toString()).isEqualTo("NO_ANSWER");
		assertThat(waiting.path("stoppedAt").asText()).isEqualTo("Task_PrepareBallot");
		String caseId = waiting.path("caseId").asText();
		String businessKey = waiting.path("businessKey").asText();
		Task sandboxTask = this.tasks.createTaskQuery()
			.tenantIdIn("sandbox")
			.processInstanceBusinessKey(businessKey)
			.singleResult();
		assertThat(sandboxTask).as("the sandbox step waits").isNotNull();
		assertThat(sandboxTask.getTaskDefinitionKey()).isEqualTo("Task_PrepareBallot");
		// a live case waiting at the board, for contrast
		String liveCase = startCase("Live beside the sandbox", "sag-2008");

		// the services: by group, by case, all
		assertThat(this.steps.open(null, Set.of("election-officer"))).extracting(StepTask::id)
			.doesNotContain(sandboxTask.getId());
		assertThat(this.steps.open(null, null)).extracting(StepTask::id)
			.doesNotContain(sandboxTask.getId())
			.isNotEmpty();
		assertThat(this.steps.open(businessKey, null)).isEmpty();
		assertThat(this.steps.open(businessKey, Set.of("election-officer"))).isEmpty();
		assertThatThrownBy(() -> this.steps.complete(sandboxTask.getId(),
				new Actor("officer", Set.of("election-officer")), Map.of("question", "x")))
			.isInstanceOf(StepException.NotFound.class);
		assertThat(this.cases.list(null)).extracting(CaseSummary::id).doesNotContain(caseId).contains(liveCase);

		// the API: the officer's steps, every step, the cases, the case itself
		assertThat(as("officer").get("/api/tasks").getBody().findValuesAsText("id"))
			.doesNotContain(sandboxTask.getId());
		assertThat(as("auditor").get("/api/tasks").getBody().findValuesAsText("caseId")).doesNotContain(caseId)
			.contains(liveCase);
		assertThat(as("auditor").get("/api/cases").getBody().findValuesAsText("id")).doesNotContain(caseId)
			.contains(liveCase);
		assertThat(as("auditor").get("/api/cases/" + caseId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as("officer").get("/api/tasks?caseId=" + caseId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		// nor can a live step action reach it
		assertThat(as("officer").post("/api/tasks/" + sandboxTask.getId() + "/complete", Map.of("question", "x"))
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		// not even for a modeler, who may see the sandbox
		assertThat(as("modeler").post("/api/tasks/" + sandboxTask.getId() + "/complete", Map.of("question", "x"))
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as("modeler").get("/api/tasks").getBody().findValuesAsText("id"))
			.doesNotContain(sandboxTask.getId());
		// nor among the cases that pinned sag-2008 (the rules studio's catalogue)
		assertThat(this.ruleSets.pinnedCases("sag-2008", 1000)).extracting(PinnedCase::caseId)
			.doesNotContain(caseId)
			.contains(liveCase);
		// the home page's list of steps
		assertThat(as("officer").http().getForObject("/", String.class)).doesNotContain(sandboxTask.getId());

		// the variant API lists it, marked
		JsonNode details = as("auditor").get("/api/variants/" + variant).getBody();
		assertThat(details.findValuesAsText("caseId")).contains(caseId);
		assertThat(details.path("variant").path("sandbox").asBoolean()).isTrue();
	}

	@Test
	void badScenariosAre400AndStartNothing() {
		String variant = deployShipped("members-decide");
		long simulated = this.history.createHistoricProcessInstanceQuery().tenantIdIn("sandbox").count();

		ObjectNode unknownStep = shippedScenario("members-decide");
		((ObjectNode) unknownStep.path("steps")).set("Task_NoSuchStep", JSON.createArrayNode());
		assertProblem(as("modeler").post("/api/variants/" + variant + "/simulations", unknownStep),
				"Task_NoSuchStep is not a step of this variant");
		ObjectNode ballotBox = shippedScenario("members-decide");
		((ObjectNode) ballotBox.path("steps").path("Task_PrepareBallot").get(0)).put("ballotMode", "BALLOT_BOX");
		assertProblem(as("modeler").post("/api/variants/" + variant + "/simulations", ballotBox), "CERTIFIED_TALLY");
		ObjectNode unknownRules = shippedScenario("members-decide").put("ruleSet", "no-such-rules");
		assertProblem(as("modeler").post("/api/variants/" + variant + "/simulations", unknownRules),
				"no rule set 'no-such-rules'");

		assertThat(this.history.createHistoricProcessInstanceQuery().tenantIdIn("sandbox").count())
			.isEqualTo(simulated);
		assertThat(as("modeler").post("/api/variants/no-such-deployment/simulations", unknownRules).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void onlyRulesModelersActAndAuditorsRead() {
		String variant = deployShipped("members-decide");

		assertThat(as("staff").post("/api/variants", Map.of("shipped", "members-decide")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(as("auditor").post("/api/variants/" + variant + "/simulations", shippedScenario("members-decide"))
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(as("staff").get("/api/variants").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<JsonNode> read = as("auditor").get("/api/variants");
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(read.getBody().path("variants").findValuesAsText("id")).contains(variant);
		assertThat(read.getBody().path("shipped").findValuesAsText("name")).contains("members-decide", "board-only");
	}

	// helpers

	private String deployShipped(String name) {
		ResponseEntity<JsonNode> deployed = as("modeler").post("/api/variants", Map.of("shipped", name));
		assertThat(deployed.getStatusCode()).as(String.valueOf(deployed.getBody())).isEqualTo(HttpStatus.CREATED);
		assertThat(deployed.getBody().path("sandbox").asBoolean()).isTrue();
		return deployed.getBody().path("id").asText();
	}

	private JsonNode simulate(String variant, JsonNode scenario) {
		ResponseEntity<JsonNode> ran = as("modeler").post("/api/variants/" + variant + "/simulations", scenario);
		assertThat(ran.getStatusCode()).as(String.valueOf(ran.getBody())).isEqualTo(HttpStatus.CREATED);
		return ran.getBody();
	}

	private ObjectNode shippedScenario(String name) {
		JsonNode shipped = as("modeler").get("/api/variants").getBody().path("shipped");
		for (JsonNode variant : shipped) {
			if (name.equals(variant.path("name").asText())) {
				return variant.path("scenario").deepCopy();
			}
		}
		throw new AssertionError("no shipped variant " + name + " in " + shipped);
	}

	private static JsonNode decision(JsonNode result, String key) {
		ArrayNode decisions = (ArrayNode) result.path("decisions");
		JsonNode last = null;
		for (JsonNode decision : decisions) {
			if (key.equals(decision.path("decision").asText())) {
				last = decision;
			}
		}
		assertThat(last).as("decision " + key + " in " + decisions).isNotNull();
		return last;
	}

	private static void assertProblem(ResponseEntity<JsonNode> response, String detail) {
		assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody().path("detail").asText()).contains(detail);
	}

	private ResponseEntity<JsonNode> upload(String user, String name, byte[] file) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("file", new ByteArrayResource(file) {

			@Override
			public String getFilename() {
				return name + ".bpmn";
			}

		});
		parts.add("name", name);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		return as(user).http().postForEntity("/api/variants", new HttpEntity<>(parts, headers), JsonNode.class);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = VariantSandboxIT.class.getClassLoader().getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
