package org.guildhall.web.demo;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.identity.IdentityDirectory;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo profile on first start: the demo users; a finished case for auditors to
 * open (the 2009 commercials contracts, from the board through two bargaining sessions
 * and an agreement to a ratification vote, settled); a finished case whose strike
 * authorization fell short of 75% (for what-if replays); and the 2008 case replayed up to
 * the point where the negotiating committee must determine whether talks have failed.
 * Every step is completed through the step's form as the user who would do it, so
 * validation, the history and the audit trail apply as in real use. Later starts find
 * each case (by business key) and leave it alone.
 * <p>
 * The seeding runs on a thread of its own ({@code guildhall-demo-seeding}) from the
 * moment this bean's services exist — it deploys the shipped rule sets itself
 * ({@link RuleSetCatalog#deployShipped()} is idempotent and serialised) — while the main
 * thread builds the web layer; as an application runner this bean then waits for it, so
 * the application is ready (and healthy) only once the demo is seeded, and a failed
 * seeding fails the start as before. Nothing reaches other beans through Spring events
 * meanwhile: the Camunda starter's engine events are turned off
 * ({@code camunda.bpm.eventing}, {@code application.yaml}).
 */
@Component
@Profile("demo")
@Order(10)
class DemoData implements ApplicationRunner, InitializingBean, DisposableBean {

	/** The demo case's title; its business key is made from it. */
	static final String CASE_TITLE = "SAG TV/Theatrical contract 2008";

	static final String CASE_KEY = "sag-tv-theatrical-contract-2008";

	/** The finished demo case's title; its business key is made from it. */
	static final String FINISHED_CASE_TITLE = "SAG Commercials contracts 2009 (illustrative)";

	static final String FINISHED_CASE_KEY = "sag-commercials-contracts-2009-illustrative";

	/**
	 * The finished demo case whose strike authorization fell short of 75% (a what-if
	 * replay shows other rules passing it); its business key is made from the title.
	 */
	static final String REJECTED_CASE_TITLE = "Strike authorization short of 75% (illustrative)";

	static final String REJECTED_CASE_KEY = "strike-authorization-short-of-75-illustrative";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final IdentityDirectory directory;

	private final CaseService cases;

	private final HistoryService history;

	private final TaskService tasks;

	private final FormService forms;

	private final IdentityService identity;

	private final RuleSetCatalog ruleSets;

	private final CompletableFuture<Void> seeded = new CompletableFuture<>();

	private Thread seeding;

	DemoData(IdentityDirectory directory, CaseService cases, HistoryService history, TaskService tasks,
			FormService forms, IdentityService identity, RuleSetCatalog ruleSets) {
		this.directory = directory;
		this.cases = cases;
		this.history = history;
		this.tasks = tasks;
		this.forms = forms;
		this.identity = identity;
		this.ruleSets = ruleSets;
	}

	@Override
	public void afterPropertiesSet() {
		this.seeding = new Thread(() -> {
			try {
				seed();
				this.seeded.complete(null);
			}
			catch (Throwable ex) {
				this.seeded.completeExceptionally(ex);
			}
		}, "guildhall-demo-seeding");
		this.seeding.setDaemon(true);
		this.seeding.start();
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			this.seeded.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the demo was seeded", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("seeding the demo failed", ex.getCause());
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.seeding.join(30_000);
	}

	private void seed() {
		this.ruleSets.deployShipped();
		this.directory.ensureGroups();
		for (DemoUser user : DemoUser.all()) {
			this.directory.ensureUser(user.id(), user.firstName(), user.lastName(), DemoUser.PASSWORD, user.group());
		}
		// the finished case first, so the case still waiting for a person is the newest
		if (!seeded(FINISHED_CASE_KEY)) {
			seedFinishedCase();
		}
		if (!seeded(REJECTED_CASE_KEY)) {
			seedRejectedCase();
		}
		if (!seeded(CASE_KEY)) {
			seedCase();
		}
	}

	private boolean seeded(String businessKey) {
		return this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(CaseService.PROCESS_KEY)
			.processInstanceBusinessKey(businessKey)
			.count() > 0;
	}

	/**
	 * A case from start to end: the board sends it to bargaining, two sessions continue,
	 * staff record an agreement while a third session is open (it is interrupted), and
	 * the members ratify the agreement in a vote run by an independent vendor, whose
	 * certified counts the election officer enters. Counts and dates are illustrative.
	 */
	private void seedFinishedCase() {
		StartedCase started = as(DemoUser.STAFF,
				() -> this.cases.start(new NewCase(FINISHED_CASE_TITLE,
						"SAG Commercials Contracts (illustrative replay, not the historical record)",
						"Joint Policy Committee of the advertising industry (JPC)", LocalDate.of(2009, 3, 31), null,
						"sag-2008")));
		complete(DemoUser.SECRETARY, started, "Task_RecordBoardResolution",
				Map.of("resolution", "CONTINUE_BARGAINING", "meetingDate", date(2009, 1, 24), "votesFor", 58L,
						"votesAgainst", 6L, "abstentions", 1L, "membersPresent", 65L, "seats", 71L,
						"committeeMayCallVote", false, "minutes",
						"The national board resolved to open early talks on the commercials contracts with the JPC, "
								+ "jointly with AFTRA. (Illustrative minutes and counts.)"));
		complete(DemoUser.STAFF, started, "Task_RecordBargainingSession",
				Map.of("sessionDate", date(2009, 2, 17), "mediatorPresent", false, "summary",
						"Opening session with the JPC: proposals exchanged on session fees, cable residuals and "
								+ "internet use. Talks continue. (Illustrative.)",
						"sessionOutcome", "CONTINUE"));
		complete(DemoUser.STAFF, started, "Task_RecordBargainingSession", Map.of("sessionDate", date(2009, 3, 10),
				"mediatorPresent", false, "summary",
				"Second session: movement on session fees and new-media terms; the parties agree to meet again. "
						+ "(Illustrative.)",
				"sessionOutcome", "CONTINUE"));
		// a tentative agreement reached away from the table interrupts the third session
		this.cases.agreementReached(started.id(), actor(DemoUser.STAFF));
		complete(DemoUser.OFFICER, started, "Task_PrepareBallot",
				Map.of("question", "Do you ratify the tentative 2009 SAG Commercials Contracts agreement?",
						"ballotMode", "CERTIFIED_TALLY", "windowStart", date(2009, 3, 27), "windowEnd",
						date(2009, 4, 14)));
		complete(DemoUser.OFFICER, started, "Task_CertifyResults", Map.of("certified", true, "yes", 10_472L, "no",
				3_811L, "abstain", 120L, "spoiled", 37L, "eligible", 52_000L));
		log.info("Seeded the finished demo case '{}' ({}), settled", FINISHED_CASE_TITLE, started.businessKey());
	}

	/**
	 * A case whose board calls the strike authorization vote at once and whose members
	 * give it 71.9% yes: short of sag-2008's "more than 75%", so the case ends
	 * AUTHORIZATION_REJECTED — the case a bylaw committee replays under two-thirds or
	 * 60%. Counts and dates are illustrative.
	 */
	private void seedRejectedCase() {
		StartedCase started = as(DemoUser.STAFF,
				() -> this.cases.start(new NewCase(REJECTED_CASE_TITLE,
						"Illustrative agreement (a made-up case for trying other rules, not the historical record)",
						"Illustrative employers' association", LocalDate.of(2010, 6, 30), LocalDate.of(2010, 6, 30),
						"sag-2008")));
		complete(DemoUser.SECRETARY, started, "Task_RecordBoardResolution",
				Map.of("resolution", "CALL_AUTHORIZATION_VOTE", "meetingDate", date(2010, 7, 10), "votesFor", 41L,
						"votesAgainst", 22L, "abstentions", 3L, "membersPresent", 66L, "seats", 71L,
						"committeeMayCallVote", false, "minutes",
						"The national board resolved to ask members for strike authorization on the employers' final "
								+ "offer. (Illustrative minutes and counts.)"));
		complete(DemoUser.OFFICER, started, "Task_PrepareBallot",
				Map.of("question", "Do you authorize the national board to call a strike?", "ballotMode",
						"CERTIFIED_TALLY", "windowStart", date(2010, 7, 20), "windowEnd", date(2010, 8, 31)));
		complete(DemoUser.OFFICER, started, "Task_CertifyResults", Map.of("certified", true, "yes", 7_190L, "no",
				2_810L, "abstain", 95L, "spoiled", 21L, "eligible", 48_000L));
		log.info("Seeded the finished demo case '{}' ({}), authorization rejected", REJECTED_CASE_TITLE,
				started.businessKey());
	}

	private void seedCase() {
		StartedCase started = as(DemoUser.STAFF,
				() -> this.cases.start(new NewCase(CASE_TITLE,
						"Producer-SAG Codified Basic Agreement and Television Agreement (TV/Theatrical)",
						"Alliance of Motion Picture and Television Producers (AMPTP)", LocalDate.of(2008, 6, 30),
						LocalDate.of(2008, 6, 30), "sag-2008")));
		complete(DemoUser.SECRETARY, started, "Task_RecordBoardResolution", Map.of("resolution", "SEEK_MEDIATION",
				"meetingDate", date(2008, 10, 19), "votesFor", 48L, "votesAgainst", 14L, "abstentions", 2L,
				"membersPresent", 64L, "seats", 71L, "committeeMayCallVote", true, "minutes",
				"The national board resolved to seek the assistance of a federal mediator instead of sending a "
						+ "strike authorization referendum to members now. Should the negotiating committee determine "
						+ "that talks have failed, it may call the strike authorization vote itself. "
						+ "(Vote counts are illustrative.)"));
		complete(DemoUser.STAFF, started, "Task_RecordBargainingSession", Map.of("sessionDate", date(2008, 11, 18),
				"mediatorPresent", true, "summary",
				"Two days of talks with the AMPTP under federal mediators. No movement on new-media terms, "
						+ "residuals or the term of the agreement; the mediators ended the session without a new date.",
				"sessionOutcome", "IMPASSE"));
		log.info("Seeded the demo case '{}' ({}), now waiting at Task_DetermineTalksFailed", CASE_TITLE,
				started.businessKey());
	}

	private void complete(DemoUser user, StartedCase started, String step, Map<String, Object> fields) {
		as(user, () -> {
			Task task = this.tasks.createTaskQuery()
				.processInstanceBusinessKey(started.businessKey())
				.taskDefinitionKey(step)
				.singleResult();
			if (task == null) {
				throw new IllegalStateException("demo case is not waiting at " + step);
			}
			this.tasks.claim(task.getId(), user.id());
			this.forms.submitTaskForm(task.getId(), fields);
			return task;
		});
	}

	private static Actor actor(DemoUser user) {
		return new Actor(user.id(), java.util.Set.of(user.group().id()));
	}

	private <T> T as(DemoUser user, java.util.function.Supplier<T> action) {
		this.identity.setAuthentication(user.id(), java.util.List.of(user.group().id()));
		try {
			return action.get();
		}
		finally {
			this.identity.clearAuthentication();
		}
	}

	private static Date date(int year, int month, int day) {
		return Date.from(LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}
