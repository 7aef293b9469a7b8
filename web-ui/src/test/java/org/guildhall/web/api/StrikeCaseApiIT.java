package org.guildhall.web.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A case from its start to a called strike, only through {@code /api}: the board calls
 * the authorization vote, the election officer runs it with a vendor's certified tally
 * (751 yes of 1,000 votes cast: more than 75%), and the board decides to strike.
 */
class StrikeCaseApiIT extends ApiIntegrationTest {

	@Test
	void aCaseGoesFromStartToStrikeCalled() {
		JsonNode ruleSet = as("staff").get("/api/rule-sets/sag-2008").getBody();
		assertThat(ruleSet.path("version").asInt()).isEqualTo(1);
		assertThat(ruleSet.path("parameters").path("memberVote").path("threshold").asDouble()).isEqualTo(0.75);

		ResponseEntity<JsonNode> created = as("staff").post("/api/cases",
				Map.of("title", "Strike case via API", "contract", "TV/Theatrical", "employer", "AMPTP", "expiryDate",
						"2008-06-30", "finalOfferDate", "2008-06-30", "ruleSet", "sag-2008"));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String caseId = created.getBody().path("id").asText();
		assertThat(created.getHeaders().getLocation()).hasPath("/api/cases/" + caseId);
		assertThat(created.getBody().path("businessKey").asText()).startsWith("strike-case-via-api");
		assertThat(created.getBody().path("ruleSet").asText()).isEqualTo("sag-2008");
		assertThat(created.getBody().path("version").asInt()).isEqualTo(1);

		JsonNode started = as("auditor").get("/api/cases/" + caseId).getBody();
		assertThat(started.path("status").asText()).isEqualTo("ACTIVE");
		assertThat(started.path("expiryDate").asText()).isEqualTo("2008-06-30");
		assertThat(started.path("activeSteps").findValuesAsText("stepKey"))
			.containsExactly("Task_RecordBoardResolution");
		assertThat(started.path("activeSteps").get(0).path("candidateGroups").get(0).asText())
			.isEqualTo("board-secretary");
		assertThat(started.path("activeSteps").get(0).path("due").isTextual()).isTrue();
		assertThat(started.path("activeSteps").get(0).path("overdue").asBoolean()).isFalse();
		assertThat(started.has("currentVote")).isTrue();
		assertThat(started.path("currentVote").isNull()).isTrue();
		assertThat(started.path("outcome").isNull()).isTrue();

		String board = openStep(caseId, "Task_RecordBoardResolution");
		JsonNode form = as("secretary").get("/api/tasks/" + board + "/form").getBody();
		assertThat(form.path("fields").findValuesAsText("id")).contains("resolution", "votesFor", "votesAgainst",
				"abstentions", "membersPresent", "seats", "committeeMayCallVote", "minutes", "meetingDate");
		JsonNode afterBoard = complete("secretary", board,
				motion(48, 14, 2, 64, 71, "resolution", "CALL_AUTHORIZATION_VOTE", "committeeMayCallVote", false,
						"meetingDate", "2008-10-19", "minutes", "The board calls the strike authorization vote."));
		assertThat(afterBoard.path("status").asText()).isEqualTo("ACTIVE");
		assertThat(afterBoard.path("activeSteps").findValuesAsText("stepKey")).containsExactly("Task_PrepareBallot");

		String prepare = openStep(caseId, "Task_PrepareBallot");
		ResponseEntity<JsonNode> claimed = as("officer").post("/api/tasks/" + prepare + "/claim", null);
		assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(claimed.getBody().path("assignee").asText()).isEqualTo("officer");
		JsonNode afterPrepare = complete("officer", prepare,
				Map.of("question", "Do you authorize the national board to call a strike?", "ballotMode",
						"CERTIFIED_TALLY", "windowStart", "2008-12-01", "windowEnd", "2009-01-14"));
		assertThat(afterPrepare.path("activeSteps").findValuesAsText("stepKey")).containsExactly("Task_CertifyResults");

		JsonNode afterVote = complete("officer", openStep(caseId, "Task_CertifyResults"),
				Map.of("certified", true, "yes", 751, "no", 249, "abstain", 0, "spoiled", 0, "eligible", 2000));
		assertThat(afterVote.path("activeSteps").findValuesAsText("stepKey")).containsExactly("Task_DecideStrike");

		JsonNode afterDecision = complete("secretary", openStep(caseId, "Task_DecideStrike"), motion(40, 20, 0, 60, 71,
				"decision", "STRIKE", "strikeDate", "2009-01-15", "meetingDate", "2009-01-10"));
		assertThat(afterDecision.path("status").asText()).isEqualTo("STRIKE_CALLED");
		assertThat(afterDecision.path("activeSteps")).isEmpty();

		JsonNode ended = as("auditor").get("/api/cases/" + caseId).getBody();
		assertThat(ended.path("status").asText()).isEqualTo("STRIKE_CALLED");
		assertThat(ended.path("ended").isTextual()).isTrue();
		assertThat(ended.path("ruleSet").asText()).isEqualTo("sag-2008");
		assertThat(ended.path("ruleSetVersion").asInt()).isEqualTo(1);
		assertThat(ended.path("outcome").path("decision").asText()).isEqualTo("final-decision");
		assertThat(ended.path("outcome").path("outcome").asText()).isEqualTo("CARRIED");
		assertThat(ended.path("outcome").path("explanation").asText()).isNotBlank();
		assertThat(ended.path("decisions")
			.findParents("decision")
			.stream()
			.map((decision) -> tuple(decision.path("decision").asText(), decision.path("outcome").asText()))
			.toList()).containsExactly(tuple("board-motion", "CARRIED"), tuple("member-vote", "APPROVED"),
					tuple("final-decision", "CARRIED"));
		JsonNode memberVote = ended.path("decisions").get(1);
		assertThat(memberVote.path("ruleSet").asText()).isEqualTo("sag-2008:1");
		assertThat(memberVote.path("explanation").asText()).contains("751");
		List<JsonNode> timeline = ended.path("timeline").findParents("stepKey");
		assertThat(timeline.stream()
			.map((entry) -> tuple(entry.path("stepKey").asText(), entry.path("actor").asText()))
			.toList()).containsExactly(tuple("Task_RecordBoardResolution", "secretary"),
					tuple("Task_PrepareBallot", "officer"), tuple("Task_CertifyResults", "officer"),
					tuple("Task_DecideStrike", "secretary"));
		JsonNode decided = timeline.get(3).path("values");
		assertThat(decided.path("decision").asText()).isEqualTo("STRIKE");
		assertThat(decided.path("strikeDate").asText()).startsWith("2009-01-15");
		assertThat(timeline.get(2).path("values").path("yes").asLong()).isEqualTo(751);

		JsonNode strikes = as("staff").get("/api/cases?status=STRIKE_CALLED").getBody();
		assertThat(strikes.findValuesAsText("id")).contains(caseId);
		assertThat(as("staff").get("/api/cases?status=ACTIVE").getBody().findValuesAsText("id")).doesNotContain(caseId);
	}

}
