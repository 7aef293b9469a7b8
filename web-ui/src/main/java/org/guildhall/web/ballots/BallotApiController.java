package org.guildhall.web.ballots;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.ballots.BallotException;
import org.guildhall.engine.ballots.Credential;
import org.guildhall.engine.ballots.RollSummary;
import org.guildhall.engine.ballots.Turnout;
import org.guildhall.engine.ballots.Vote;
import org.guildhall.web.ballots.MemberRoutes.MemberRoute;
import org.guildhall.web.csv.CsvCells;
import org.guildhall.web.security.Actors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The ballot box's JSON API (see README "Member votes"). */
@RestController
class BallotApiController {

	private final BallotBox box;

	private final VoteResults results;

	private final FailedCredentialLimiter limiter;

	BallotApiController(BallotBox box, VoteResults results, FailedCredentialLimiter limiter) {
		this.box = box;
		this.results = results;
		this.limiter = limiter;
	}

	/**
	 * The eligibility roll for the case's next member vote ({@code text/csv}:
	 * memberId,name,goodStanding).
	 */
	@PostMapping(path = "/api/cases/{caseId}/roll",
			consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE })
	@PreAuthorize("hasAuthority('election-officer')")
	RollSummary uploadRoll(@PathVariable String caseId, HttpServletRequest request, Authentication authentication)
			throws IOException {
		this.results.requireActiveCase(caseId);
		try (InputStream body = request.getInputStream()) {
			return this.box.uploadRoll(caseId, body, Actors.of(authentication));
		}
	}

	/** The members' credentials as CSV for the mailing vendor; handed out once. */
	@GetMapping(path = "/api/votes/{voteId}/credentials.csv", produces = "text/csv")
	@PreAuthorize("hasAuthority('election-officer')")
	ResponseEntity<String> credentials(@PathVariable String voteId, Authentication authentication) {
		List<Credential> credentials = this.box.issueCredentials(voteId, Actors.of(authentication));
		StringBuilder csv = new StringBuilder();
		CsvCells.Printer printer = CsvCells.printer(csv, List.of("memberId", "credential"));
		credentials.forEach((credential) -> printer.printRecord(credential.memberId(), credential.token()));
		printer.flush();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"credentials-" + voteId + ".csv\"")
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.body(csv.toString());
	}

	/** A member casts a ballot with their credential; no login. */
	@PostMapping("/api/votes/{voteId}/ballots")
	@MemberRoute
	ResponseEntity<Map<String, Object>> cast(@PathVariable String voteId, @RequestBody BallotRequest ballot,
			HttpServletRequest request) {
		String client = request.getRemoteAddr();
		long wait = this.limiter.retryAfterSeconds(client);
		if (wait > 0) {
			throw new TooManyAttempts(wait);
		}
		try {
			String receipt = this.box.cast(voteId, ballot.credential(), ballot.choice());
			return ResponseEntity.created(URI.create("/api/votes/" + voteId + "/receipts/" + receipt))
				.body(Map.of("receipt", receipt, "voteId", voteId, "message",
						"Your ballot is in the box. Keep the receipt to check later that it was counted."));
		}
		catch (BallotException.BadCredential ex) {
			this.limiter.failed(client);
			throw ex;
		}
	}

	/** Whether the ballot with this receipt is counted; says nothing about the choice. */
	@GetMapping("/api/votes/{voteId}/receipts/{receipt}")
	@MemberRoute
	Map<String, Object> receipt(@PathVariable String voteId, @PathVariable String receipt) {
		this.box.find(voteId);
		return Map.of("voteId", voteId, "counted", this.box.isCounted(voteId, receipt));
	}

	/**
	 * The vote: question, window, state, roll hash, eligible and cast so far; never
	 * choices.
	 */
	@GetMapping("/api/votes/{voteId}")
	Map<String, Object> vote(@PathVariable String voteId) {
		Vote vote = this.box.find(voteId);
		Turnout turnout = this.box.turnout(voteId);
		return Map.of("id", vote.id(), "caseId", vote.caseId(), "question", vote.question(), "windowStart",
				vote.windowStart(), "windowEnd", vote.windowEnd(), "state", vote.state(), "rollHash", vote.rollHash(),
				"eligible", vote.eligible(), "cast", turnout.cast(), "credentialsIssued", vote.credentialsIssued());
	}

	/** Eligible and cast so far, with the samples for the chart; never choices. */
	@GetMapping("/api/votes/{voteId}/turnout")
	Map<String, Object> turnout(@PathVariable String voteId) {
		Turnout now = this.box.turnout(voteId);
		List<Map<String, Object>> history = this.box.turnoutHistory(voteId)
			.stream()
			.map((sample) -> Map.<String, Object>of("at", sample.at(), "cast", sample.cast()))
			.toList();
		return Map.of("eligible", now.eligible(), "cast", now.cast(), "percent",
				Math.round(now.percent() * 100) / 100.0, "at", now.at(), "history", history);
	}

	/** After close: the counts and the pinned rule set's explanation. */
	@GetMapping("/api/votes/{voteId}/result")
	VoteResults.Result result(@PathVariable String voteId) {
		return this.results.result(voteId);
	}

	/**
	 * A ballot.
	 *
	 * @param credential the member's one-time credential
	 * @param choice YES, NO or ABSTAIN
	 */
	record BallotRequest(String credential, String choice) {
	}

	/** Too many failed credentials from one client. */
	static class TooManyAttempts extends RuntimeException {

		private final long retryAfterSeconds;

		TooManyAttempts(long retryAfterSeconds) {
			super("too many attempts with invalid credentials from this address; try again in " + retryAfterSeconds
					+ " seconds");
			this.retryAfterSeconds = retryAfterSeconds;
		}

		long retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

	}

	static HttpStatus statusOf(BallotException ex) {
		if (ex instanceof BallotException.BadCredential) {
			return HttpStatus.FORBIDDEN;
		}
		if (ex instanceof BallotException.AlreadyVoted || ex instanceof BallotException.WrongState) {
			return HttpStatus.CONFLICT;
		}
		if (ex instanceof BallotException.NotFound) {
			return HttpStatus.NOT_FOUND;
		}
		return HttpStatus.BAD_REQUEST;
	}

}
