package org.guildhall.web.api;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Agreements and withdrawals through {@code /api}: an agreement takes a case to member
 * ratification, which settles it; an ended case takes no further agreement or withdrawal;
 * a withdrawn case ends with its reason.
 */
class SettlementApiIT extends ApiIntegrationTest {

	@Test
	void anAgreementRatifiedByTheMembersSettlesTheCase() {
		String caseId = startCase("Settlement via API", "sag-2008");

		ResponseEntity<JsonNode> bySecretary = as("secretary").post("/api/cases/" + caseId + "/agreement", null);
		assertThat(bySecretary.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

		ResponseEntity<JsonNode> agreed = as("staff").post("/api/cases/" + caseId + "/agreement", null);
		assertThat(agreed.getStatusCode()).as(String.valueOf(agreed.getBody())).isEqualTo(HttpStatus.OK);
		assertThat(agreed.getBody().path("status").asText()).isEqualTo("ACTIVE");
		assertThat(agreed.getBody().path("activeSteps").findValuesAsText("stepKey"))
			.containsExactly("Task_PrepareBallot");

		ResponseEntity<JsonNode> again = as("staff").post("/api/cases/" + caseId + "/agreement", null);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.getBody().path("detail").asText()).contains("already in ratification");

		complete("officer", openStep(caseId, "Task_PrepareBallot"),
				Map.of("question", "Do you ratify the tentative agreement?", "ballotMode", "CERTIFIED_TALLY",
						"windowStart", "2009-05-20", "windowEnd", "2009-06-09"));
		JsonNode settled = complete("officer", openStep(caseId, "Task_CertifyResults"),
				Map.of("certified", true, "yes", 600, "no", 400, "abstain", 0, "spoiled", 0, "eligible", 2000));
		assertThat(settled.path("status").asText()).isEqualTo("SETTLED");

		JsonNode details = as("auditor").get("/api/cases/" + caseId).getBody();
		assertThat(details.path("status").asText()).isEqualTo("SETTLED");
		assertThat(details.path("outcome").path("decision").asText()).isEqualTo("ratification-vote");
		assertThat(details.path("outcome").path("outcome").asText()).isEqualTo("APPROVED");
		assertThat(details.path("outcome").path("explanation").asText()).contains("600");
		assertThat(details.path("timeline")
			.findParents("stepKey")
			.stream()
			.map((entry) -> tuple(entry.path("stepKey").asText(), entry.path("actor").asText()))
			.toList()).containsExactly(tuple("Task_PrepareBallot", "officer"), tuple("Task_CertifyResults", "officer"));

		ResponseEntity<JsonNode> afterEnd = as("staff").post("/api/cases/" + caseId + "/agreement", null);
		assertThat(afterEnd.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(afterEnd.getBody().path("detail").asText()).contains("has ended");
		ResponseEntity<JsonNode> withdrawEnded = as("staff").post("/api/cases/" + caseId + "/withdraw",
				Map.of("reason", "too late"));
		assertThat(withdrawEnded.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void aWithdrawnCaseEndsWithNoOpenSteps() {
		String caseId = startCase("Withdrawal via API", "two-thirds");

		ResponseEntity<JsonNode> noReason = as("staff").post("/api/cases/" + caseId + "/withdraw",
				Map.of("reason", " "));
		assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noReason.getBody().path("field").asText()).isEqualTo("reason");

		ResponseEntity<JsonNode> withdrawn = as("staff").post("/api/cases/" + caseId + "/withdraw",
				Map.of("reason", "The employer withdrew its final offer"));
		assertThat(withdrawn.getStatusCode()).as(String.valueOf(withdrawn.getBody())).isEqualTo(HttpStatus.OK);
		assertThat(withdrawn.getBody().path("status").asText()).isEqualTo("WITHDRAWN");
		assertThat(withdrawn.getBody().path("ruleSet").asText()).isEqualTo("two-thirds");
		assertThat(withdrawn.getBody().path("activeSteps")).isEmpty();
		assertThat(as("auditor").get("/api/tasks?caseId=" + caseId).getBody()).isEmpty();
		assertThat(as("auditor").get("/api/cases?status=WITHDRAWN").getBody().findValuesAsText("id")).contains(caseId);
	}

}
