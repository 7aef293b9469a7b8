package org.guildhall.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Members casting ballots over HTTP ({@code POST /api/votes/{id}/ballots}, the real
 * endpoint: credential check, window check, voter mark, anonymous ballot, one transaction
 * each) on 32 connections, against the baseline: {@code GET
 * /actuator/health} of the same application on 32 connections. The vote is prepared as an
 * election officer would over the API: a roll of 50,000 members uploaded, a ballot-box
 * vote prepared, the credentials downloaded, the box opened by its timer. Ballots per
 * second and the 99th percentile of the response time.
 */
final class BallotIntakeMeasure implements Measure {

	static final int CONNECTIONS = 32;

	static final int ROLL = 50_000;

	static final int WARM_UP = 2_000;

	private final RunningApp app;

	private final int runs;

	BallotIntakeMeasure(RunningApp app, int runs) {
		this.app = app;
		this.runs = runs;
	}

	@Override
	public String name() {
		return "ballot intake";
	}

	@Override
	public List<Figure> run() throws Exception {
		Api api = new Api(this.app.port);
		String caseId = api.startCase("Benchmark vote " + System.currentTimeMillis());
		api.complete("secretary", caseId, "Task_RecordBoardResolution",
				Map.of("resolution", "CALL_AUTHORIZATION_VOTE", "votesFor", 48, "votesAgainst", 14, "abstentions", 2,
						"membersPresent", 64, "seats", 71, "committeeMayCallVote", false, "meetingDate", "2008-10-19"));
		String roll = "memberId,name,goodStanding\n" + IntStream.range(0, ROLL)
			.mapToObj((i) -> String.format("B%06d,Member %d,true", i, i))
			.collect(Collectors.joining("\n")) + "\n";
		api.postCsv("officer", "/api/cases/" + caseId + "/roll", roll);
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
		api.complete("officer", caseId, "Task_PrepareBallot",
				Map.of("question", "Do you authorize a strike?", "ballotMode", "BALLOT_BOX", "windowStart",
						start.toString(), "windowEnd", start.plus(Duration.ofHours(2)).toString()));
		String voteId = api.get("auditor", "/api/cases/" + caseId).path("currentVote").path("id").asText();
		List<String> credentials = api.getText("officer", "/api/votes/" + voteId + "/credentials.csv")
			.lines()
			.skip(1)
			.map((line) -> line.split(",")[1])
			.toList();
		if (credentials.size() != ROLL) {
			throw new IllegalStateException("expected " + ROLL + " credentials, got " + credentials.size());
		}
		api.awaitVoteState(voteId, "OPEN", Duration.ofSeconds(90));

		String[] choices = { "YES", "YES", "NO", "ABSTAIN" };
		byte[][] ballots = new byte[ROLL][];
		for (int i = 0; i < ROLL; i++) {
			ballots[i] = RawHttp.postJson("localhost", this.app.port, "/api/votes/" + voteId + "/ballots",
					"{\"credential\":\"" + credentials.get(i) + "\",\"choice\":\"" + choices[i % 4] + "\"}");
		}
		byte[] health = RawHttp.get("localhost", this.app.port, "/actuator/health", null);
		int perRun = (ROLL - WARM_UP) / this.runs;
		Load.run(this.app.port, CONNECTIONS, WARM_UP, (i) -> health, 200);
		Load.run(this.app.port, CONNECTIONS, WARM_UP, (i) -> ballots[i], 201);
		double[] cast = new double[this.runs];
		double[] castP99 = new double[this.runs];
		double[] trivial = new double[this.runs];
		double[] trivialP99 = new double[this.runs];
		double[] castCpu = new double[this.runs];
		double[] trivialCpu = new double[this.runs];
		for (int run = 0; run < this.runs; run++) {
			double cpu = this.app.cpuMillis();
			Load.Result baseline = Load.run(this.app.port, CONNECTIONS, perRun, (i) -> health, 200);
			trivialCpu[run] = (this.app.cpuMillis() - cpu) / perRun;
			trivial[run] = baseline.perSecond();
			trivialP99[run] = baseline.p99Millis();
			int offset = WARM_UP + run * perRun;
			cpu = this.app.cpuMillis();
			Load.Result ballotRun = Load.run(this.app.port, CONNECTIONS, perRun, (i) -> ballots[offset + i], 201);
			castCpu[run] = (this.app.cpuMillis() - cpu) / perRun;
			cast[run] = ballotRun.perSecond();
			castP99[run] = ballotRun.p99Millis();
		}
		long counted = api.get("auditor", "/api/votes/" + voteId).path("cast").asLong();
		long expected = WARM_UP + (long) this.runs * perRun;
		if (counted != expected) {
			throw new IllegalStateException("the vote counts " + counted + " ballots cast, " + expected + " were sent");
		}
		Figure rate = Figure.atLeast("ballot intake, 32 connections", Stats.median(cast), "ballots/s", this.runs,
				"GET /actuator/health, 32 conn.", Stats.median(trivial), 3000);
		Figure ratio = Figure.ratioAtLeast("ballot intake vs trivial endpoint", Stats.median(cast), "ballots/s",
				this.runs, "GET /actuator/health, 32 conn.", Stats.median(trivial), 0.5);
		Figure p99 = Figure.info("ballot intake p99, 32 connections", Stats.median(castP99), "ms", this.runs,
				"GET /actuator/health p99", Stats.median(trivialP99));
		// the load generator shares the machine's cores with the application: the
		// application's own CPU time per request does not depend on how much of the
		// machine the client took in that run
		Figure cpu = Figure.info("application CPU per ballot", Stats.median(castCpu), "ms", this.runs,
				"application CPU per GET /actuator/health", Stats.median(trivialCpu));
		return List.of(rate, ratio, p99, cpu);
	}

}
