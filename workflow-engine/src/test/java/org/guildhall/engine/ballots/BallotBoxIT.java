package org.guildhall.engine.ballots;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.guildhall.engine.CaseDriver;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.guildhall.engine.CaseDriver.motion;

/**
 * The ballot box through the real member-vote process: roll, credentials, window timers
 * on the engine clock, casting, double votes under concurrency, the tally into the rule
 * set's decision, and secrecy.
 */
@SpringBootTest(classes = EngineTestApplication.class)
public class BallotBoxIT {

	static final Actor OFFICER = new Actor("officer", Set.of("election-officer"));

	@Autowired
	BallotBox box;

	@Autowired
	CaseDriver driver;

	@Autowired
	ManagementService management;

	@Autowired
	RuntimeService runtime;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected PlatformTransactionManager transactions;

	StartedCase started;

	Instant now;

	@BeforeEach
	void startCase() {
		this.now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		ClockUtil.setCurrentTime(Date.from(this.now));
		this.started = this.driver.start("Ballot case " + System.nanoTime(), "sag-2008");
		this.driver.submit(this.started, "Task_RecordBoardResolution",
				motion(50, 10, 0, 64, 71, "resolution", "CALL_AUTHORIZATION_VOTE", "committeeMayCallVote", false));
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void aBadRollIsReportedByLineAndStoresNothing() {
		RollSummary good = upload(roll(5, 1));
		assertThat(good.entries()).isEqualTo(5);
		assertThat(good.eligible()).isEqualTo(4);
		assertThat(good.rollHash()).hasSize(64);
		assertThat(upload(roll(5, 1)).rollHash()).as("same roll, same hash").isEqualTo(good.rollHash());
		assertThat(upload("\uFEFF" + roll(5, 1)).rollHash())
			.as("a leading byte order mark, as spreadsheets write, is no part of the roll")
			.isEqualTo(good.rollHash());

		assertRollRefused("memberId,name,goodStanding\nM1,Ann,true\nM2,Bob,maybe\n", "line 3: goodStanding");
		assertRollRefused("memberId,name,goodStanding\nM1,Ann,true\nM1,Ann again,true\n",
				"line 3: member id 'M1' appears twice (first on line 2)");
		assertRollRefused("id,name,standing\nM1,Ann,true\n", "line 1: the header must be exactly");
		assertRollRefused("memberId,name,goodStanding\n", "no members");
		assertRollRefused("memberId,name,goodStanding\nM 1,Ann,true\n", "line 2: member id 'M 1'");
		assertRollRefused("memberId,name,goodStanding\nM1,Ann,true,extra\n", "line 2: expected 3 values");
		assertRollRefused("memberId,name,goodStanding\nM1,\"=cmd|' /C calc'!A0\",true\n",
				"line 2: name must not start with =");
		assertRollRefused("memberId,name,goodStanding\nM1,An\u0000n,true\n", "line 2: name must not contain control");
		assertRollRefused("memberId,name,goodStanding\nM1,\"Ann,true\n", "not readable CSV: (startline 2)");
		assertThatThrownBy(() -> this.box.uploadRoll(this.started.id(),
				new ByteArrayInputStream(new byte[] { 'm', 'e', (byte) 0xC3, (byte) 0x28, '\n' }), OFFICER))
			.isInstanceOf(BallotException.Invalid.class)
			.hasMessageContaining("not valid UTF-8");
		assertThat(this.box.pendingRoll(this.started.id())).contains(good);
	}

	@Test
	void aBallotBoxVoteRunsFromRollToDecision() {
		RollSummary roll = upload(roll(10, 0));
		Vote vote = prepare(this.now.plus(Duration.ofHours(1)), this.now.plus(Duration.ofDays(3)));
		assertThat(vote.rollHash()).isEqualTo(roll.rollHash());
		assertThat(vote.eligible()).isEqualTo(10);
		assertThat(this.box.pendingRoll(this.started.id())).as("the roll is frozen into the vote").isEmpty();

		List<Credential> credentials = this.box.issueCredentials(vote.id(), OFFICER);
		assertThat(credentials).hasSize(10);
		assertThat(this.jdbc.queryForList("select token_hash from gh_credential where vote_id = ?", String.class,
				vote.id()))
			.doesNotContainAnyElementsOf(credentials.stream().map(Credential::token).toList());
		assertThatThrownBy(() -> this.box.issueCredentials(vote.id(), OFFICER))
			.isInstanceOf(BallotException.WrongState.class)
			.hasMessageContaining("issued already");

		assertThatThrownBy(() -> this.box.cast(vote.id(), credentials.get(0).token(), "YES"))
			.isInstanceOf(BallotException.WrongState.class)
			.hasMessageContaining("not open");
		fireTimer("Event_VotingWindowOpens", this.now.plus(Duration.ofHours(1)));
		assertThat(this.box.find(vote.id()).state()).isEqualTo("OPEN");

		List<String> receipts = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			receipts.add(this.box.cast(vote.id(), credentials.get(i).token(), (i < 7) ? "yes" : "NO"));
		}
		assertThatThrownBy(() -> this.box.cast(vote.id(), credentials.get(0).token(), "NO"))
			.isInstanceOf(BallotException.AlreadyVoted.class);
		assertThatThrownBy(() -> this.box.cast(vote.id(), "AAAA-BBBB-CCCC-DDDD-EEEE", "YES"))
			.isInstanceOf(BallotException.BadCredential.class);
		assertThatThrownBy(() -> this.box.cast(vote.id(), credentials.get(9).token(), "MAYBE"))
			.isInstanceOf(BallotException.Invalid.class);
		assertThat(this.box.isCounted(vote.id(), receipts.get(3))).isTrue();
		assertThat(this.box.isCounted(vote.id(), "NOT-A-RECEIPT")).isFalse();
		assertThat(this.box.turnout(vote.id()).cast()).isEqualTo(8);
		assertThat(this.box.result(vote.id())).as("no counts while open").isEmpty();

		fireTimer("Event_VotingWindowCloses", this.now.plus(Duration.ofDays(3)));
		assertThatThrownBy(() -> this.box.cast(vote.id(), credentials.get(9).token(), "YES"))
			.isInstanceOf(BallotException.WrongState.class);
		Job close = this.management.createJobQuery().activityId("Task_CloseBallotBox").singleResult();
		this.management.executeJob(close.getId());
		assertThat(this.box.result(vote.id())).contains(new Tally(7, 1, 0, 0, 10));

		this.driver.submit(this.started, "Task_CertifyResults", Map.of("certified", true));
		assertThat(this.runtime.getVariable(this.started.id(), "voteOutcome")).isEqualTo("APPROVED");
		assertThat((String) this.runtime.getVariable(this.started.id(), "voteExplanation"))
			.startsWith("approved: 87.5% yes of 8 votes cast");
		this.driver.task(this.started, "Task_DecideStrike");
		assertThat(this.box.turnoutHistory(vote.id())).extracting(Turnout::cast).startsWith(0L).endsWith(8L);
	}

	@Test
	void aBallotBoxVoteNeedsARoll() {
		assertThatThrownBy(() -> prepare(this.now.plus(Duration.ofHours(1)), this.now.plus(Duration.ofDays(3))))
			.hasMessageContaining("no eligibility roll has been uploaded");
		this.driver.task(this.started, "Task_PrepareBallot");
	}

	@Test
	void twoHundredThreadsOnTheSameCredentialsCastExactlyOneBallotPerMember() throws Exception {
		upload(roll(20, 0));
		Vote vote = prepare(this.now.minus(Duration.ofMinutes(1)), this.now.plus(Duration.ofDays(1)));
		List<Credential> credentials = this.box.issueCredentials(vote.id(), OFFICER);
		fireTimer("Event_VotingWindowOpens", this.now);
		ExecutorService pool = Executors.newFixedThreadPool(200);
		CountDownLatch go = new CountDownLatch(1);
		Map<String, Integer> outcomes = new ConcurrentHashMap<>();
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			Credential credential = credentials.get(i % credentials.size());
			futures.add(pool.submit(() -> {
				go.await();
				ClockUtil.setCurrentTime(Date.from(this.now));
				try {
					this.box.cast(vote.id(), credential.token(), "YES");
					outcomes.merge("cast", 1, Integer::sum);
				}
				catch (BallotException.AlreadyVoted ex) {
					outcomes.merge("already", 1, Integer::sum);
				}
				return null;
			}));
		}
		go.countDown();
		for (Future<?> future : futures) {
			future.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();
		assertThat(outcomes).containsEntry("cast", 20).containsEntry("already", 180);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from gh_ballot b join gh_vote v on v.vote_no = b.vote_no where v.id = ?",
				Integer.class, vote.id()))
			.isEqualTo(20);
		assertThat(this.jdbc.queryForObject("select count(*) from gh_voter_mark where vote_id = ?", Integer.class,
				vote.id()))
			.isEqualTo(20);
	}

	/**
	 * The close timer fires while a member's cast has written its ballot but not yet
	 * committed: the close must count it (wait for it) or the cast must fail; a ballot
	 * acknowledged and left out of the count would be a vote lost.
	 */
	@Test
	void aBallotBeingCastWhenTheBoxClosesIsCounted() throws Exception {
		castWhileClosing(this.box);
	}

	/**
	 * A member casts on this node's box while {@code closer} closes the vote: the close
	 * waits for the ballot and counts it, and a cast after the close finds the box
	 * closed.
	 */
	protected void castWhileClosing(BallotBox closer) throws Exception {
		upload(roll(3, 0));
		Vote vote = prepare(this.now.minus(Duration.ofMinutes(1)), this.now.plus(Duration.ofDays(1)));
		List<Credential> credentials = this.box.issueCredentials(vote.id(), OFFICER);
		fireTimer("Event_VotingWindowOpens", this.now);
		this.box.cast(vote.id(), credentials.get(1).token(), "NO");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		Future<String> member = pool.submit(() -> {
			ClockUtil.setCurrentTime(Date.from(this.now));
			return transaction.execute((status) -> {
				String receipt = this.box.cast(vote.id(), credentials.get(0).token(), "YES");
				written.countDown();
				await(commit);
				return receipt;
			});
		});
		assertThat(written.await(30, TimeUnit.SECONDS)).as("the member's ballot written").isTrue();
		// in a transaction of its own, as the close timer's job runs it (and as a box
		// made outside Spring needs)
		AtomicReference<Thread> closing = new AtomicReference<>();
		Future<Tally> close = pool.submit(() -> {
			closing.set(Thread.currentThread());
			return transaction.execute((status) -> closer.closeAndTally(vote.id()));
		});
		// the close must be seen waiting before the member's transaction commits: a close
		// that did not wait would finish first, having counted without the ballot
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (closing.get() == null || !closeWaits(closing.get())) {
			assertThat(close.isDone()).as("the close waits for the ballot being cast").isFalse();
			assertThat(System.nanoTime() - deadline).as("the close seen waiting within 30 s").isNegative();
			Thread.sleep(5);
		}
		commit.countDown();
		String receipt = member.get(60, TimeUnit.SECONDS);
		Tally tally = close.get(60, TimeUnit.SECONDS);
		pool.shutdown();
		assertThat(tally.yes()).isEqualTo(1);
		assertThat(tally.no()).isEqualTo(1);
		assertThat(this.box.isCounted(vote.id(), receipt)).isTrue();
		// and a cast after the close finds the box closed
		assertThatThrownBy(() -> this.box.cast(vote.id(), credentials.get(2).token(), "YES"))
			.isInstanceOf(BallotException.WrongState.class);
	}

	/**
	 * Whether the thread closing the box is waiting for the casts in flight: on this
	 * node's lock of the box (a {@code ReentrantReadWriteLock}).
	 */
	protected boolean closeWaits(Thread closing) {
		Object blocker = LockSupport.getBlocker(closing);
		return blocker != null && blocker.getClass().getName().startsWith(ReentrantReadWriteLock.class.getName());
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(60, TimeUnit.SECONDS)) {
				throw new AssertionError("not released in 60 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	@Test
	void nothingLinksAMemberToAChoice() {
		Set<String> ballotColumns = columns("GH_BALLOT");
		assertThat(ballotColumns).containsExactlyInAnyOrder("ID", "VOTE_NO", "CHOICE", "RECEIPT_HASH");
		assertThat(columns("GH_VOTER_MARK")).containsExactlyInAnyOrder("VOTE_ID", "MEMBER_ID");
		List<String> ballotReferences = this.jdbc.queryForList(
				"select tc.constraint_name from information_schema.table_constraints tc "
						+ "where upper(tc.table_name) = 'GH_BALLOT' and tc.constraint_type = 'FOREIGN KEY'",
				String.class);
		assertThat(ballotReferences).hasSize(1); // to gh_vote only

		upload(roll(3, 0));
		Vote vote = prepare(this.now.minus(Duration.ofMinutes(1)), this.now.plus(Duration.ofDays(1)));
		List<Credential> credentials = this.box.issueCredentials(vote.id(), OFFICER);
		fireTimer("Event_VotingWindowOpens", this.now);
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ch.qos.logback.classic.Level level = root.getLevel();
		root.setLevel(ch.qos.logback.classic.Level.TRACE);
		logs.start();
		root.addAppender(logs);
		try {
			this.box.cast(vote.id(), credentials.get(0).token(), "NO");
			this.box.cast(vote.id(), credentials.get(1).token(), "YES");
		}
		finally {
			root.detachAppender(logs);
			root.setLevel(level);
		}
		String logged = logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
		assertThat(logged).doesNotContain("M0000").doesNotContain("M0001").doesNotContain(credentials.get(0).token());
		assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage))
			.noneMatch((line) -> line.contains("YES") || line.contains("'NO'"));
	}

	private Set<String> columns(String table) {
		// H2 keeps unquoted names in upper case, PostgreSQL in lower case
		return this.jdbc
			.queryForList("select column_name from information_schema.columns where upper(table_name) = ?",
					String.class, table)
			.stream()
			.map((name) -> name.toUpperCase(java.util.Locale.ROOT))
			.collect(Collectors.toSet());
	}

	private Vote prepare(Instant start, Instant end) {
		this.driver.submit(this.started, "Task_PrepareBallot", Map.of("question", "Do you authorize a strike?",
				"ballotMode", "BALLOT_BOX", "windowStart", Date.from(start), "windowEnd", Date.from(end)));
		return this.box.latestVote(this.started.id()).orElseThrow();
	}

	private void fireTimer(String activityId, Instant at) {
		Job timer = this.management.createJobQuery()
			.activityId(activityId)
			.list()
			.stream()
			.filter((job) -> isOfThisCase(job))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no timer " + activityId));
		ClockUtil.setCurrentTime(Date.from(at));
		this.management.executeJob(timer.getId());
	}

	private boolean isOfThisCase(Job job) {
		return this.runtime.createProcessInstanceQuery()
			.processInstanceId(job.getProcessInstanceId())
			.processInstanceBusinessKey(this.started.businessKey())
			.count() > 0;
	}

	private RollSummary upload(String csv) {
		return this.box.uploadRoll(this.started.id(), new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
				OFFICER);
	}

	private void assertRollRefused(String csv, String message) {
		assertThatThrownBy(() -> upload(csv)).isInstanceOf(BallotException.Invalid.class).hasMessageContaining(message);
	}

	private static String roll(int members, int notInGoodStanding) {
		return "memberId,name,goodStanding\n" + IntStream.range(0, members)
			.mapToObj((i) -> String.format("M%04d,Member %d,%s", i, i, i < notInGoodStanding ? "false" : "true"))
			.collect(Collectors.joining("\n")) + "\n";
	}

}
