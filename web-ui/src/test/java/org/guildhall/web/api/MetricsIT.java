package org.guildhall.web.api;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guildhall's meters on {@code /actuator/prometheus}, for operators only: completing a
 * step through the API counts the step and the decision it triggered.
 */
@AutoConfigureObservability(tracing = false) // tests otherwise get no exporting registry
class MetricsIT extends ApiIntegrationTest {

	@Test
	void stepsAndDecisionsAreCountedForOperatorsOnly() {
		double stepsBefore = counter("guildhall_steps_completed_total", "step=\"Task_RecordBoardResolution\"");
		double decisionsBefore = counter("guildhall_decisions_total", "decision=\"board-motion\",outcome=\"CARRIED\"");
		String caseId = startCase("Counted case", "sag-2008");
		complete("secretary", openStep(caseId, "Task_RecordBoardResolution"), motion(48, 14, 2, 64, 71, "resolution",
				"CALL_AUTHORIZATION_VOTE", "committeeMayCallVote", false, "meetingDate", "2008-10-19"));

		assertThat(counter("guildhall_steps_completed_total", "step=\"Task_RecordBoardResolution\""))
			.isEqualTo(stepsBefore + 1);
		assertThat(counter("guildhall_decisions_total", "decision=\"board-motion\",outcome=\"CARRIED\""))
			.isEqualTo(decisionsBefore + 1);

		assertThat(this.http.withBasicAuth("staff", "demo")
			.getForEntity("/actuator/prometheus", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.getForEntity("/actuator/health", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/** The value of a counter series in the scrape, 0 if it is not there yet. */
	private double counter(String name, String labels) {
		ResponseEntity<String> scrape = this.http.withBasicAuth("admin", "demo")
			.getForEntity("/actuator/prometheus", String.class);
		assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
		Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.eE+-]+)$")
			.matcher(scrape.getBody());
		while (line.find()) {
			if (line.group(1).contains(labels)) {
				return Double.parseDouble(line.group(2));
			}
		}
		return 0;
	}

}
