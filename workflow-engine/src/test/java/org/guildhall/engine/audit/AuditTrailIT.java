package org.guildhall.engine.audit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.guildhall.engine.CaseDriver;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.ballots.Credential;
import org.guildhall.engine.ballots.Vote;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A whole case, driven as its users would drive it, leaves every kind of engine and
 * ballot-box event in the trail, in order, with the right actors, and nothing secret.
 */
@SpringBootTest(classes = EngineTestApplication.class)
public class AuditTrailIT {

	static final Actor STAFF = new Actor("staff", Set.of("guild-staff"));

	static final Actor SECRETARY = new Actor("secretary", Set.of("board-secretary"));

	static final Actor OFFICER = new Actor("officer", Set.of("election-officer"));

	@Autowired
	CaseService cases;

	@Autowired
	StepService steps;

	@Autowired
	BallotBox box;

	@Autowired
	AuditTrail trail;

	@Autowired
	ManagementService management;

	@Autowired
	RuntimeService runtime;

	@Autowired
	IdentityService identity;

	@Autowired
	CaseDriver driver;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void aStrikeCaseLeavesEveryKindOfEventInOrderWithItsActors() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		ClockUtil.setCurrentTime(Date.from(now));
		long before = this.trail.head().lastSeq();
		StartedCase started = as(STAFF, () -> this.cases.start(new NewCase("Audited strike case " + System.nanoTime(),
				"Test contract", "Test employer", null, null, "sag-2008")));

		String board = step(started, "Task_RecordBoardResolution");
		this.steps.claim(board, SECRETARY);
		this.steps.unclaim(board, SECRETARY);
		this.steps.complete(board, SECRETARY, CaseDriver.motion(50, 10, 0, 64, 71, "resolution",
				"CALL_AUTHORIZATION_VOTE", "committeeMayCallVote", false, "meetingDate", "2008-10-19"));

		String roll = "memberId,name,goodStanding\n" + IntStream.range(0, 6)
			.mapToObj((i) -> String.format("SECRETMEMBER%d,Member %d,true", i, i))
			.collect(Collectors.joining("\n")) + "\n";
		this.box.uploadRoll(started.id(), new ByteArrayInputStream(roll.getBytes(StandardCharsets.UTF_8)), OFFICER);
		this.steps.complete(step(started, "Task_PrepareBallot"), OFFICER,
				Map.of("question", "Do you authorize a strike?", "ballotMode", "BALLOT_BOX", "windowStart",
						now.plus(Duration.ofHours(1)).toString(), "windowEnd",
						now.plus(Duration.ofDays(3)).toString()));
		Vote vote = this.box.latestVote(started.id()).orElseThrow();
		List<Credential> credentials = this.box.issueCredentials(vote.id(), OFFICER);
		fireTimer(started, "Event_VotingWindowOpens", now.plus(Duration.ofHours(1)));
		for (int i = 0; i < 5; i++) {
			this.box.cast(vote.id(), credentials.get(i).token(), (i < 4) ? "YES" : "NO");
		}
		fireTimer(started, "Event_VotingWindowCloses", now.plus(Duration.ofDays(3)));
		this.management.executeJob(job(started, "Task_CloseBallotBox").getId());
		this.steps.complete(step(started, "Task_CertifyResults"), OFFICER, Map.of("certified", true));
		this.steps.complete(step(started, "Task_DecideStrike"), SECRETARY, CaseDriver.motion(40, 20, 0, 60, 71,
				"decision", "STRIKE", "strikeDate", "2009-01-15", "meetingDate", "2009-01-10"));

		List<AuditEvent> events = this.trail.caseTrail(started.id());
		assertThat(events).extracting(AuditEvent::knownKind)
			.containsAll(EnumSet.of(AuditKind.CASE_STARTED, AuditKind.CASE_ENDED, AuditKind.PROCESS_STARTED,
					AuditKind.PROCESS_ENDED, AuditKind.STEP_CREATED, AuditKind.STEP_CLAIMED, AuditKind.STEP_UNCLAIMED,
					AuditKind.STEP_COMPLETED, AuditKind.DECISION_EVALUATED, AuditKind.TIMER_FIRED,
					AuditKind.ACTIVITY_ENDED, AuditKind.ROLL_UPLOADED, AuditKind.BALLOT_PREPARED,
					AuditKind.CREDENTIALS_DOWNLOADED, AuditKind.BALLOT_BOX_OPENED, AuditKind.BALLOT_BOX_CLOSED,
					AuditKind.BALLOT_TALLIED));
		assertThat(events).allSatisfy((event) -> assertThat(event.seq()).isGreaterThan(before));
		assertThat(events).extracting(AuditEvent::seq).isSorted();

		// the story in order, with who did each thing
		Set<AuditKind> story = EnumSet.of(AuditKind.CASE_STARTED, AuditKind.STEP_CLAIMED, AuditKind.STEP_UNCLAIMED,
				AuditKind.STEP_COMPLETED, AuditKind.ROLL_UPLOADED, AuditKind.BALLOT_PREPARED,
				AuditKind.CREDENTIALS_DOWNLOADED, AuditKind.TIMER_FIRED, AuditKind.BALLOT_BOX_OPENED,
				AuditKind.BALLOT_BOX_CLOSED, AuditKind.BALLOT_TALLIED, AuditKind.CASE_ENDED);
		assertThat(events.stream().filter((event) -> story.contains(event.knownKind())))
			.extracting(AuditEvent::kind, AuditEvent::subject, AuditEvent::actor)
			.containsExactly(tuple("CASE_STARTED", "strike-authorization", "staff"),
					tuple("STEP_CLAIMED", "Task_RecordBoardResolution", "secretary"),
					tuple("STEP_UNCLAIMED", "Task_RecordBoardResolution", "secretary"),
					tuple("STEP_CLAIMED", "Task_RecordBoardResolution", "secretary"),
					tuple("STEP_COMPLETED", "Task_RecordBoardResolution", "secretary"),
					tuple("ROLL_UPLOADED", null, "officer"), tuple("STEP_CLAIMED", "Task_PrepareBallot", "officer"),
					tuple("STEP_COMPLETED", "Task_PrepareBallot", "officer"),
					tuple("BALLOT_PREPARED", vote.id(), "officer"),
					tuple("CREDENTIALS_DOWNLOADED", vote.id(), "officer"),
					// the timer's success is logged after what it triggered
					tuple("BALLOT_BOX_OPENED", vote.id(), "engine"),
					tuple("TIMER_FIRED", "Event_VotingWindowOpens", "engine"),
					tuple("TIMER_FIRED", "Event_VotingWindowCloses", "engine"),
					tuple("BALLOT_BOX_CLOSED", vote.id(), "engine"), tuple("BALLOT_TALLIED", vote.id(), "engine"),
					tuple("STEP_CLAIMED", "Task_CertifyResults", "officer"),
					tuple("STEP_COMPLETED", "Task_CertifyResults", "officer"),
					tuple("STEP_CLAIMED", "Task_DecideStrike", "secretary"),
					tuple("STEP_COMPLETED", "Task_DecideStrike", "secretary"),
					tuple("CASE_ENDED", "strike-authorization", "secretary"));

		AuditEvent caseStarted = first(events, AuditKind.CASE_STARTED, "strike-authorization");
		assertThat(caseStarted.details()).containsEntry("ruleSetTag", "sag-2008:1")
			.containsEntry("ruleSetKey", "sag-2008")
			.containsEntry("businessKey", started.businessKey());
		assertThat(first(events, AuditKind.STEP_CREATED, "Task_RecordBoardResolution").details())
			.containsEntry("candidateGroups", List.of("board-secretary"));
		Map<String, Object> boardValues = values(first(events, AuditKind.STEP_COMPLETED, "Task_RecordBoardResolution"));
		assertThat(boardValues).containsEntry("resolution", "CALL_AUTHORIZATION_VOTE")
			.containsEntry("votesFor", 50L)
			.containsEntry("meetingDate", "2008-10-19T00:00:00.000Z");
		assertThat(first(events, AuditKind.ROLL_UPLOADED, null).details()).containsEntry("rollHash", vote.rollHash())
			.containsEntry("eligible", 6L);
		assertThat(first(events, AuditKind.BALLOT_TALLIED, vote.id()).details()).containsEntry("yes", 4L)
			.containsEntry("no", 1L)
			.containsEntry("cast", 5L)
			.containsEntry("eligible", 6L);
		AuditEvent memberVote = first(events, AuditKind.DECISION_EVALUATED, "member-vote");
		assertThat(memberVote.details()).containsEntry("ruleSetKey", "sag-2008")
			.containsEntry("ruleSetVersion", "1")
			.containsEntry("outcome", "APPROVED");
		assertThat((String) memberVote.details().get("explanation")).startsWith("approved: 80");
		assertThat(memberVote.details()).extractingByKey("inputs").asString().contains("Votes cast (yes + no)=5");
		assertThat(memberVote.details()).extractingByKey("counts")
			.isEqualTo(Map.of("yes", 4L, "no", 1L, "abstain", 0L, "spoiled", 0L, "eligible", 6L));
		// the voting window's rule check of the ballot form: on this case's trail, by the
		// officer who submitted it, under the pinned rule set
		AuditEvent window = first(events, AuditKind.DECISION_EVALUATED, "window-policy");
		assertThat(window.caseId()).isEqualTo(started.id());
		assertThat(window.actor()).isEqualTo("officer");
		assertThat(window.details()).containsEntry("ruleSetTag", "sag-2008:1").containsEntry("outcome", "VALID");
		assertThat(first(events, AuditKind.CASE_ENDED, "strike-authorization").details()).containsEntry("status",
				"STRIKE_CALLED");
		assertThat(events).filteredOn((event) -> event.knownKind() == AuditKind.ACTIVITY_ENDED)
			.extracting(AuditEvent::subject)
			.contains("Task_RecordBoardResolution", "Task_CloseBallotBox", "Event_StrikeCalled");

		// never a credential, never a member on the roll, never a choice
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.data()).doesNotContain("SECRETMEMBER");
			credentials.forEach((credential) -> assertThat(event.data()).doesNotContain(credential.token()));
		});
		assertThat(this.trail.verify().ok()).isTrue();
		assertThat(this.trail.auditCase(started.id())).hasValueSatisfying((indexed) -> {
			assertThat(indexed.status()).isEqualTo("STRIKE_CALLED");
			assertThat(indexed.ruleSetTag()).isEqualTo("sag-2008:1");
			assertThat(indexed.startedBy()).isEqualTo("staff");
			assertThat(indexed.endedAt()).isNotNull();
		});
	}

	@Test
	void anAgreementIsACorrelatedMessageAndAWithdrawalEndsTheCaseWithItsReason() {
		StartedCase started = as(STAFF, () -> this.cases
			.start(new NewCase("Audited agreement " + System.nanoTime(), null, null, null, null, "two-thirds")));
		this.cases.agreementReached(started.id(), STAFF);
		this.cases.withdraw(started.id(), "Members ratified a side letter instead", STAFF);

		List<AuditEvent> events = this.trail.caseTrail(started.id());
		AuditEvent message = first(events, AuditKind.MESSAGE_CORRELATED, "Event_AgreementReached");
		assertThat(message.actor()).isEqualTo("staff");
		assertThat(first(events, AuditKind.STEP_CANCELLED, "Task_RecordBoardResolution").actor()).isEqualTo("staff");
		assertThat(first(events, AuditKind.STEP_CANCELLED, "Task_PrepareBallot").actor()).isEqualTo("staff");
		assertThat(events).filteredOn((event) -> event.knownKind() == AuditKind.STEP_COMPLETED).isEmpty();
		AuditEvent ended = first(events, AuditKind.CASE_ENDED, "strike-authorization");
		assertThat(ended.actor()).isEqualTo("staff");
		assertThat(ended.details()).containsEntry("status", "WITHDRAWN")
			.containsEntry("reason", "Members ratified a side letter instead");
		assertThat(this.trail.cases(new AuditCaseQuery("WITHDRAWN", "two-thirds", null, null, "side letter", 10)))
			.extracting(AuditCase::caseId)
			.containsExactly(started.id());
		assertThat(this.trail.cases(new AuditCaseQuery("ACTIVE", null, null, null, "side letter", 10))).isEmpty();
	}

	private String step(StartedCase started, String stepKey) {
		return this.steps.open(started.businessKey(), null)
			.stream()
			.filter((step) -> step.stepKey().equals(stepKey))
			.map(StepTask::id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no open step " + stepKey));
	}

	private void fireTimer(StartedCase started, String activityId, Instant at) {
		Job timer = job(started, activityId);
		ClockUtil.setCurrentTime(Date.from(at));
		this.management.executeJob(timer.getId());
	}

	private Job job(StartedCase started, String activityId) {
		return this.management.createJobQuery()
			.activityId(activityId)
			.list()
			.stream()
			.filter((job) -> this.runtime.createProcessInstanceQuery()
				.processInstanceId(job.getProcessInstanceId())
				.processInstanceBusinessKey(started.businessKey())
				.count() > 0)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no job " + activityId));
	}

	private <T> T as(Actor actor, Supplier<T> action) {
		this.identity.setAuthentication(actor.userId(), List.copyOf(actor.groups()));
		try {
			return action.get();
		}
		finally {
			this.identity.clearAuthentication();
		}
	}

	static AuditEvent first(List<AuditEvent> events, AuditKind kind, String subject) {
		return events.stream()
			.filter((event) -> event.knownKind() == kind && java.util.Objects.equals(event.subject(), subject))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + subject + " in "
					+ events.stream().map((event) -> event.kind() + " " + event.subject()).toList()));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> values(AuditEvent event) {
		return (Map<String, Object>) event.details().get("values");
	}

}
