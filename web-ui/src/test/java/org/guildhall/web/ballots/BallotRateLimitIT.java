package org.guildhall.web.ballots;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.ballots.Credential;
import org.guildhall.engine.ballots.Vote;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.tasks.StepService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials cannot be guessed at speed: after ten invalid credentials from one address
 * within a minute, the ballot API refuses that address (429 with {@code Retry-After}),
 * even with a valid credential. The limiter is per application, so this test has an
 * application context (and database) of its own: every test request comes from 127.0.0.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-ballot-rate-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class BallotRateLimitIT {

	@Autowired
	TestRestTemplate http;

	@Autowired
	CaseService cases;

	@Autowired
	StepService steps;

	@Autowired
	BallotBox box;

	@Autowired
	IdentityService identity;

	@Test
	void tenInvalidCredentialsInAMinuteLockTheAddressOut() {
		Instant start = Instant.now().plus(Duration.ofDays(1));
		Vote vote = BallotJobs.prepareVote(this.cases, this.steps, this.box, this.identity, "Rate limited ballot", 3,
				start, start.plus(Duration.ofDays(7)));
		List<Credential> credentials = this.box.issueCredentials(vote.id(), BallotJobs.OFFICER);

		// a valid credential before the window opens is not a failed guess
		ResponseEntity<JsonNode> early = cast(vote.id(), credentials.get(0).token());
		assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		for (int i = 0; i < FailedCredentialLimiter.MAX_FAILURES; i++) {
			ResponseEntity<JsonNode> guess = cast(vote.id(), String.format("AAAA-BBBB-CCCC-DDDD-%04d", i));
			assertThat(guess.getStatusCode()).as("guess " + (i + 1)).isEqualTo(HttpStatus.FORBIDDEN);
		}
		ResponseEntity<JsonNode> eleventh = cast(vote.id(), "AAAA-BBBB-CCCC-DDDD-EEEE");
		assertThat(eleventh.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		long retryAfter = Long.parseLong(eleventh.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
		assertThat(retryAfter).isBetween(1L, 60L);
		assertThat(eleventh.getBody().path("title").asText()).isEqualTo("Too many attempts");
		assertThat(eleventh.getBody().path("detail").asText()).contains("try again in " + retryAfter + " seconds");

		ResponseEntity<JsonNode> valid = cast(vote.id(), credentials.get(1).token());
		assertThat(valid.getStatusCode()).as("refused before the credential is even looked at")
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(this.box.turnout(vote.id()).cast()).isZero();
	}

	private ResponseEntity<JsonNode> cast(String voteId, String credential) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		return this.http.exchange("/api/votes/" + voteId + "/ballots", HttpMethod.POST,
				new HttpEntity<>(Map.of("credential", credential, "choice", "YES"), headers), JsonNode.class);
	}

}
