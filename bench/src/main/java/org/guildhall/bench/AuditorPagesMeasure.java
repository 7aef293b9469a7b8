package org.guildhall.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The auditor's pages over HTTP with 10,000 finished cases in the trail
 * ({@link AuditSeed}): the case search page without and with search words, and a case's
 * timeline page (a different seeded case each request), one request at a time as one
 * auditor's browser sends them (HTTP Basic as {@code auditor}), against the baseline:
 * {@code GET
 * /actuator/health} on the same connection. 95th percentile of each run's response times.
 */
final class AuditorPagesMeasure implements Measure {

	private final RunningApp app;

	private final int runs;

	private final int requestsPerRun;

	private final List<String> caseIds;

	/**
	 * @param caseIds the seeded cases whose timelines are requested
	 */
	AuditorPagesMeasure(RunningApp app, int runs, int requestsPerRun, List<String> caseIds) {
		this.app = app;
		this.runs = runs;
		this.requestsPerRun = requestsPerRun;
		this.caseIds = caseIds;
	}

	@Override
	public String name() {
		return "auditor pages";
	}

	@Override
	public List<Figure> run() throws Exception {
		int port = this.app.port;
		byte[] health = RawHttp.get("localhost", port, "/actuator/health", null);
		byte[] search = RawHttp.get("localhost", port, "/audit", "auditor");
		byte[] words = RawHttp.get("localhost", port, "/audit?text=seeded+case+00042", "auditor");
		IntFunction<byte[]> timeline = (i) -> RawHttp.get("localhost", port,
				"/audit/cases/" + this.caseIds.get((i * 7919) % this.caseIds.size()), "auditor");
		// the word search reads the words index (audit_word), not the events
		List<Page> pages = List.of(
				// the newest 200 cases: the full-case measure's own cases come first,
				// then
				// the seeded ones
				new Page("auditor case search /audit", (i) -> search, "href=\"/audit/cases/", this.requestsPerRun),
				new Page("auditor search by words /audit?text=", (i) -> words, "Seeded case 00042",
						this.requestsPerRun),
				new Page("auditor case timeline /audit/cases/{id}", timeline, "Seeded case", this.requestsPerRun));
		// warm-up, not counted
		try (RawHttp http = new RawHttp("localhost", port)) {
			for (Page page : pages) {
				for (int i = 0; i < Math.min(20, page.requests); i++) {
					page.time(http, i);
				}
			}
		}
		double[] trivial = new double[this.runs];
		double[][] p95 = new double[pages.size()][this.runs];
		try (RawHttp http = new RawHttp("localhost", port)) {
			for (int run = 0; run < this.runs; run++) {
				long[] latencies = new long[this.requestsPerRun];
				for (int i = 0; i < this.requestsPerRun; i++) {
					long start = System.nanoTime();
					if (http.send(health) != 200) {
						throw new IllegalStateException("health answered " + http.body());
					}
					latencies[i] = System.nanoTime() - start;
				}
				trivial[run] = Stats.millis(Stats.percentile(latencies, 95));
				for (int p = 0; p < pages.size(); p++) {
					Page page = pages.get(p);
					long[] times = new long[page.requests];
					for (int i = 0; i < page.requests; i++) {
						times[i] = page.time(http, run * page.requests + i);
					}
					p95[p][run] = Stats.millis(Stats.percentile(times, 95));
				}
			}
		}
		List<Figure> figures = new ArrayList<>();
		for (int p = 0; p < pages.size(); p++) {
			String of = (pages.get(p).requests < this.requestsPerRun) ? " (max of " + pages.get(p).requests + ")" : "";
			figures.add(Figure.atMost(pages.get(p).name + " p95" + of, Stats.median(p95[p]), "ms", this.runs,
					"GET /actuator/health p95", Stats.median(trivial), 100));
		}
		return figures;
	}

	private record Page(String name, IntFunction<byte[]> request, String expected, int requests) {

		long time(RawHttp http, int i) throws Exception {
			byte[] bytes = this.request.apply(i);
			long start = System.nanoTime();
			int status = http.send(bytes);
			long elapsed = System.nanoTime() - start;
			if (status != 200 || !http.body().contains(this.expected)) {
				throw new IllegalStateException(this.name + " answered " + status + " without '" + this.expected + "': "
						+ http.body().substring(0, Math.min(500, http.body().length())));
			}
			return elapsed;
		}

	}

}
