package org.guildhall.web.ballots;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.ballots.Vote;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;

/**
 * Helpers for the ballot-box tests: rolls, a case with a prepared BALLOT_BOX vote set up
 * through the services, and running the member-vote process's jobs while the
 * application's own job executor may be running them too.
 */
final class BallotJobs {

	static final Actor SECRETARY = new Actor("secretary", Set.of("board-secretary"));

	static final Actor OFFICER = new Actor("officer", Set.of("election-officer"));

	private BallotJobs() {
	}

	/**
	 * A roll CSV of {@code members} members ({@code M0000}...), the first
	 * {@code notInGoodStanding} of them not eligible.
	 */
	static String roll(int members, int notInGoodStanding) {
		return "memberId,name,goodStanding\n" + IntStream.range(0, members)
			.mapToObj((i) -> String.format("M%04d,Member %d,%s", i, i, (i < notInGoodStanding) ? "false" : "true"))
			.collect(Collectors.joining("\n")) + "\n";
	}

	/**
	 * Starts a case under {@code sag-2008}, has the board call the authorization vote,
	 * uploads a roll of {@code members} eligible members and prepares a BALLOT_BOX vote
	 * with the window {@code start} to {@code end}; answers the prepared vote.
	 */
	static Vote prepareVote(CaseService cases, StepService steps, BallotBox box, IdentityService identity, String title,
			int members, Instant start, Instant end) {
		StartedCase started;
		identity.setAuthentication("staff", List.of("guild-staff"));
		try {
			started = cases
				.start(new NewCase(title, "TV/Theatrical", "AMPTP", LocalDate.of(2008, 6, 30), null, "sag-2008"));
		}
		finally {
			identity.clearAuthentication();
		}
		Map<String, Object> motion = new HashMap<>(
				Map.of("votesFor", 48, "votesAgainst", 14, "abstentions", 2, "membersPresent", 64, "seats", 71,
						"resolution", "CALL_AUTHORIZATION_VOTE", "committeeMayCallVote", false));
		steps.complete(step(steps, started, "Task_RecordBoardResolution").id(), SECRETARY, motion);
		box.uploadRoll(started.id(), new ByteArrayInputStream(roll(members, 0).getBytes(StandardCharsets.UTF_8)),
				OFFICER);
		steps.complete(step(steps, started, "Task_PrepareBallot").id(), OFFICER,
				Map.of("question", "Do you authorize the national board to call a strike?", "ballotMode", "BALLOT_BOX",
						"windowStart", start.toString(), "windowEnd", end.toString()));
		return box.latestVote(started.id()).orElseThrow();
	}

	private static StepTask step(StepService steps, StartedCase started, String stepKey) {
		return steps.open(started.businessKey(), null)
			.stream()
			.filter((step) -> stepKey.equals(step.stepKey()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no open " + stepKey + " in case " + started.businessKey()));
	}

	/**
	 * Runs the job of {@code activityId} in process instance {@code processInstanceId}
	 * until {@code done}: the application's job executor may run it first (or at the same
	 * moment, which fails one of the two runs), so this only waits for the effect.
	 */
	static void runJob(ManagementService management, String processInstanceId, String activityId,
			BooleanSupplier done) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		RuntimeException failure = null;
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("job " + activityId + " of " + processInstanceId + " did not take effect",
						failure);
			}
			Job job = management.createJobQuery()
				.processInstanceId(processInstanceId)
				.activityId(activityId)
				.singleResult();
			if (job != null) {
				try {
					management.executeJob(job.getId());
				}
				catch (RuntimeException ex) {
					// the job executor ran it at the same moment; check its effect
					failure = ex;
				}
			}
			else {
				sleep();
			}
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
