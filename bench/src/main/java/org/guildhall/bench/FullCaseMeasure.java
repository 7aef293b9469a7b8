package org.guildhall.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.rules.RuleSet;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;

/**
 * A whole strike-authorization case, start to end: the board calls a vote, the officer
 * prepares a certified-tally ballot and certifies the counts (86% yes), the board decides
 * to strike; four steps, three decisions, the audit trail written throughout. Driven
 * through Guildhall's {@link CaseService} and {@link StepService} (lookup of the actor's
 * open step, field conversion and checks, form validators, the acting user) against the
 * baseline: the same BPMN on the same engine driven with bare {@link RuntimeService} and
 * {@link TaskService#complete(String, Map)} with the same (already typed) values. Cases
 * per second, one case at a time, the two paths alternating case by case.
 */
final class FullCaseMeasure implements Measure {

	static final String CASE_STATUS = "STRIKE_CALLED";

	/** Warm-up rounds of {@code casesPerRun} cases on each path before measuring. */
	static final int WARM_UP_ROUNDS = 4;

	/**
	 * CPU time of the driving thread: steadier than wall-clock time on a machine shared
	 * with other work (it leaves out the database's background writer and GC threads).
	 */
	private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

	private static final Actor SECRETARY = new Actor("secretary", Set.of("board-secretary"));

	private static final Actor OFFICER = new Actor("officer", Set.of("election-officer"));

	private final Engine engine;

	private final int runs;

	private final int casesPerRun;

	/** The Guildhall-driven cases that finished, for the audit trail's seed. */
	final List<String> finishedCases = new ArrayList<>();

	private int serial;

	FullCaseMeasure(Engine engine, int runs, int casesPerRun) {
		this.engine = engine;
		this.runs = runs;
		this.casesPerRun = casesPerRun;
	}

	@Override
	public String name() {
		return "full case";
	}

	@Override
	public List<Figure> run() {
		CaseService cases = this.engine.bean(CaseService.class);
		StepService steps = this.engine.bean(StepService.class);
		RuntimeService runtime = this.engine.bean(RuntimeService.class);
		TaskService tasks = this.engine.bean(TaskService.class);
		RuleSet ruleSet = this.engine.bean(RuleSetCatalog.class).current("sag-2008");
		// warm-up: both paths, not counted, alternating so that both reach compiled code
		// (Guildhall's path runs more distinct code: with 20 cases each it was still
		// partly interpreted in the first measured runs)
		for (int round = 0; round < WARM_UP_ROUNDS; round++) {
			timeGuildhall(cases, steps, this.casesPerRun);
			timeBare(runtime, tasks, ruleSet, this.casesPerRun);
		}
		double[] guildhall = new double[this.runs];
		double[] bare = new double[this.runs];
		double[] guildhallCpu = new double[this.runs];
		double[] bareCpu = new double[this.runs];
		for (int run = 0; run < this.runs; run++) {
			// case by case, alternating which path goes first: a pause of the machine
			// (another process, a collection, the database's writer) falls on both
			// paths alike instead of on one path's whole batch
			long[] wall = new long[2];
			long[] cpu = new long[2];
			for (int i = 0; i < this.casesPerRun; i++) {
				for (int turn = 0; turn < 2; turn++) {
					int path = (turn + i) % 2;
					Timing timing = (path == 0) ? timeGuildhall(cases, steps, 1) : timeBare(runtime, tasks, ruleSet, 1);
					wall[path] += timing.wall();
					cpu[path] += timing.cpu();
				}
			}
			guildhall[run] = this.casesPerRun / (wall[0] / 1e9);
			bare[run] = this.casesPerRun / (wall[1] / 1e9);
			guildhallCpu[run] = this.casesPerRun / (cpu[0] / 1e9);
			bareCpu[run] = this.casesPerRun / (cpu[1] / 1e9);
		}
		return List.of(
				Figure.ratioAtLeast("full case via CaseService/StepService", Stats.median(guildhall), "cases/s",
						this.runs, "bare RuntimeService/TaskService", Stats.median(bare), 0.8),
				Figure.ratioAtLeast("full case, per CPU-second of the driving thread", Stats.median(guildhallCpu),
						"cases/CPU-s", this.runs, "bare RuntimeService/TaskService", Stats.median(bareCpu), 0.8));
	}

	private Timing timeGuildhall(CaseService cases, StepService steps, int count) {
		List<String> ids = new ArrayList<>();
		long cpu = CPU.getCurrentThreadCpuTime();
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			StartedCase started = cases.start(new NewCase("Bench case " + (++this.serial), "TV/Theatrical", "AMPTP",
					LocalDate.of(2008, 6, 30), LocalDate.of(2008, 6, 30), "sag-2008"));
			complete(steps, started, SECRETARY, "Task_RecordBoardResolution",
					Map.of("resolution", "CALL_AUTHORIZATION_VOTE", "votesFor", 48, "votesAgainst", 14, "abstentions",
							2, "membersPresent", 64, "seats", 71, "committeeMayCallVote", false, "meetingDate",
							"2008-10-19"));
			complete(steps, started, OFFICER, "Task_PrepareBallot", Map.of("question", "Do you authorize a strike?",
					"ballotMode", "CERTIFIED_TALLY", "windowStart", "2008-12-01", "windowEnd", "2009-01-10"));
			complete(steps, started, OFFICER, "Task_CertifyResults",
					Map.of("certified", true, "yes", 8600, "no", 1400, "abstain", 0, "spoiled", 0, "eligible", 120000));
			complete(steps, started, SECRETARY, "Task_DecideStrike",
					Map.of("decision", "STRIKE", "strikeDate", "2009-01-13", "votesFor", 40, "votesAgainst", 10,
							"abstentions", 0, "membersPresent", 60, "seats", 71, "meetingDate", "2009-01-12"));
			ids.add(started.id());
		}
		Timing timing = new Timing(System.nanoTime() - start, CPU.getCurrentThreadCpuTime() - cpu);
		requireEnded(ids);
		this.finishedCases.addAll(ids);
		return timing;
	}

	/** As a page does: the actor's open steps of the case, then complete the one. */
	private static void complete(StepService steps, StartedCase started, Actor actor, String stepKey,
			Map<String, ?> values) {
		StepTask step = steps.open(started.businessKey(), actor.groups())
			.stream()
			.filter((open) -> stepKey.equals(open.stepKey()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no open " + stepKey + " in " + started.businessKey()));
		steps.complete(step.id(), actor, values);
	}

	private Timing timeBare(RuntimeService runtime, TaskService tasks, RuleSet ruleSet, int count) {
		List<String> ids = new ArrayList<>();
		long cpu = CPU.getCurrentThreadCpuTime();
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			String businessKey = "bench-bare-" + (++this.serial);
			VariableMap variables = Variables.createVariables()
				.putValue("title", "Bench case " + this.serial)
				.putValue("contract", "TV/Theatrical")
				.putValue("employer", "AMPTP")
				.putValue("expiryDate", date(2008, 6, 30))
				.putValue("finalOfferDate", date(2008, 6, 30))
				.putValue("ruleSetKey", ruleSet.key())
				.putValue("ruleSetVersion", ruleSet.version())
				.putValue("ruleSetTag", ruleSet.tag());
			String id = runtime.startProcessInstanceByKey(CaseService.PROCESS_KEY, businessKey, variables).getId();
			complete(tasks, businessKey, "Task_RecordBoardResolution",
					values("resolution", "CALL_AUTHORIZATION_VOTE", "votesFor", 48L, "votesAgainst", 14L, "abstentions",
							2L, "membersPresent", 64L, "seats", 71L, "committeeMayCallVote", false, "meetingDate",
							date(2008, 10, 19)));
			complete(tasks, businessKey, "Task_PrepareBallot", values("question", "Do you authorize a strike?",
					"ballotMode", "CERTIFIED_TALLY", "windowStart", date(2008, 12, 1), "windowEnd", date(2009, 1, 10)));
			complete(tasks, businessKey, "Task_CertifyResults", values("certified", true, "yes", 8600L, "no", 1400L,
					"abstain", 0L, "spoiled", 0L, "eligible", 120000L));
			complete(tasks, businessKey, "Task_DecideStrike",
					values("decision", "STRIKE", "strikeDate", date(2009, 1, 13), "votesFor", 40L, "votesAgainst", 10L,
							"abstentions", 0L, "membersPresent", 60L, "seats", 71L, "meetingDate", date(2009, 1, 12)));
			ids.add(id);
		}
		Timing timing = new Timing(System.nanoTime() - start, CPU.getCurrentThreadCpuTime() - cpu);
		requireEnded(ids);
		return timing;
	}

	private static void complete(TaskService tasks, String businessKey, String stepKey, Map<String, Object> values) {
		Task task = tasks.createTaskQuery()
			.processInstanceBusinessKey(businessKey)
			.taskDefinitionKey(stepKey)
			.singleResult();
		if (task == null) {
			throw new IllegalStateException("no open " + stepKey + " in " + businessKey);
		}
		tasks.complete(task.getId(), values);
	}

	/**
	 * Both paths must really have reached the end: the case status says strike called.
	 */
	private void requireEnded(List<String> ids) {
		HistoryService history = this.engine.bean(HistoryService.class);
		List<HistoricVariableInstance> statuses = history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(ids.toArray(String[]::new))
			.variableName("caseStatus")
			.list();
		long called = statuses.stream().filter((status) -> CASE_STATUS.equals(status.getValue())).count();
		if (called != ids.size()) {
			throw new IllegalStateException(
					"only " + called + " of " + ids.size() + " cases ended with " + CASE_STATUS + ": " + statuses);
		}
	}

	/** Wall-clock and CPU time of the driving thread, in nanoseconds. */
	private record Timing(long wall, long cpu) {

	}

	private static Map<String, Object> values(Object... keysAndValues) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			values.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return values;
	}

	private static Date date(int year, int month, int day) {
		return Date.from(LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}
