package org.guildhall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Runs every measure and prints the table (also written to
 * {@code <work dir>/results.md}). Arguments: the application jar and a work directory
 * (emptied first). System properties: {@code bench.runs} (runs per figure, default 5).
 * <p>
 * Order: the in-process engine measures (full case, tallies) on the application's H2
 * database in the work directory, which then gets 10,000 finished cases in its audit
 * trail; the application jar started on that database for the auditor's pages and the
 * ballot intake; then fresh start-ups.
 */
public final class Bench {

	/** Finished cases in the trail for the auditor's pages. */
	static final int AUDIT_CASES = 10_000;

	/** Cases per run of the full-case measure (each path). */
	static final int CASES_PER_RUN = 20;

	/** Requests per run and page of the auditor's pages. */
	static final int PAGE_REQUESTS = 100;

	private final List<Figure> figures = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	private final Instant began = Instant.now();

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			System.err.println("usage: Bench <guildhall.jar> <work dir>");
			System.exit(2);
		}
		Path jar = Path.of(args[0]);
		if (!Files.isRegularFile(jar)) {
			System.err.println("no application jar at " + jar + ": build web-ui first (package)");
			System.exit(2);
		}
		Path work = Path.of(args[1]).toAbsolutePath();
		int runs = Integer.getInteger("bench.runs", 5);
		deleteTree(work);
		Files.createDirectories(work);
		Bench bench = new Bench();
		String machine = machine();
		System.out.println(machine);
		bench.runAll(jar, work, runs);
		String table = bench.table(runs, machine);
		System.out.println();
		System.out.println(table);
		Files.writeString(work.resolve("results.md"), table);
		System.out.println("(also in " + work.resolve("results.md") + ")");
		System.exit(bench.failures.isEmpty() ? 0 : 1);
	}

	private void runAll(Path jar, Path work, int runs) throws Exception {
		Path data = work.resolve("app-data");
		List<String> seeded = new ArrayList<>();
		// for working on one part: -Dbench.only=engine,app,startup (default: all); engine
		// without its tallies: -Dbench.only=cases,app; the full case alone: case; the
		// tallies alone: tally
		List<String> only = List.of(System.getProperty("bench.only", "engine,app,startup").split(","));
		boolean engine = only.contains("engine");
		if (engine || only.contains("cases") || only.contains("case") || only.contains("tally")) {
			runEngine(data, runs, seeded, engine || only.contains("cases") || only.contains("case"),
					engine || only.contains("tally"), engine || only.contains("cases"));
		}
		if (only.contains("app")) {
			runApp(jar, work, data, runs, seeded);
		}
		if (only.contains("startup")) {
			measure(new StartupMeasure(jar, work.resolve("startup"), Math.min(runs, 3)));
		}
	}

	private void runEngine(Path data, int runs, List<String> seeded, boolean cases, boolean tallies, boolean rest) {
		progress("starting the engine in-process on " + Engine.jdbcUrl(data));
		try (Engine engine = Engine.start(data)) {
			FullCaseMeasure fullCase = new FullCaseMeasure(engine, runs, CASES_PER_RUN);
			if (cases) {
				measure(fullCase);
			}
			if (tallies) {
				measure(new TallyMeasure(engine, runs, 160_000, 200));
				measure(new TallyMeasure(engine, runs, 1_300_000, 1000));
			}
			if (!rest) {
				return;
			}
			measure(new RuleSweepMeasure(engine, runs));
			if (!fullCase.finishedCases.isEmpty()) {
				String template = fullCase.finishedCases.get(0);
				progress("seeding the audit trail with " + AUDIT_CASES + " finished cases");
				long events = new AuditSeed(engine).seed(template, AUDIT_CASES);
				progress("  " + events + " events recorded and chained");
				IntStream.rangeClosed(1, AUDIT_CASES)
					.forEach((i) -> seeded.add(String.format("seeded-%05d-%s", i, template)));
			}
		}
	}

	private void runApp(Path jar, Path work, Path data, int runs, List<String> seeded) throws Exception {
		progress("starting the application jar on that database");
		try (RunningApp app = RunningApp.guildhall(jar, data, work.resolve("app.log"),
				// the ballot box opens on its timer: poll for due jobs every second
				"--camunda.bpm.job-execution.wait-time-in-millis=250", "--camunda.bpm.job-execution.max-wait=1000")) {
			progress(String.format(Locale.ROOT, "  healthy after %.1f s", app.startupNanos / 1e9));
			if (!seeded.isEmpty()) {
				measure(new AuditorPagesMeasure(app, runs, PAGE_REQUESTS, seeded));
			}
			measure(new BallotIntakeMeasure(app, runs));
			this.figures
				.add(Figure.info("resident memory after the load above", app.residentMiB(), "MiB", 1, "-", Double.NaN));
		}
		measure(new StackCeilingMeasure(work.resolve("ceiling"), runs));
	}

	private void measure(Measure measure) {
		progress(measure.name() + " ...");
		try {
			List<Figure> measured = measure.run();
			this.figures.addAll(measured);
			measured.forEach((figure) -> progress("  " + line(figure)));
		}
		catch (Exception | AssertionError ex) {
			this.failures.add(measure.name() + ": " + ex);
			System.out.println("FAILED " + measure.name());
			ex.printStackTrace(System.out);
		}
	}

	private void progress(String message) {
		System.out.printf(Locale.ROOT, "[bench %5.0f s] %s%n",
				Duration.between(this.began, Instant.now()).toMillis() / 1000.0, message);
	}

	private String table(int runs, String machine) {
		StringBuilder table = new StringBuilder();
		table.append(machine).append('\n');
		table.append(String.format(Locale.ROOT,
				"Median of %d runs per figure (start-up: %d); ratio = measure / "
						+ "baseline, both measured in this run; total %.0f s.%n%n",
				runs, Math.min(runs, 3), Duration.between(this.began, Instant.now()).toMillis() / 1000.0));
		table.append("| measure | median | unit | baseline | baseline median | ratio | target | met? |\n");
		table.append("|---|---:|---|---|---:|---:|---|---|\n");
		for (Figure figure : this.figures) {
			table.append(line(figure)).append('\n');
		}
		if (!this.failures.isEmpty()) {
			table.append("\nFAILED (no figure): ").append(String.join("; ", this.failures)).append('\n');
		}
		return table.toString();
	}

	private static String line(Figure figure) {
		String met = (figure.met() == null) ? (Double.isNaN(figure.value()) ? "not measured" : "-")
				: (figure.met() ? "yes" : "**no**");
		// two decimals, or two significant digits for ratios below 0.01
		String ratio = Double.isNaN(figure.ratio()) ? "-"
				: String.format(Locale.ROOT, (figure.ratio() >= 0.01) ? "%.2fx" : "%.2gx", figure.ratio());
		return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |", figure.measure(),
				Figure.number(figure.value()), figure.unit(), figure.baselineName(), Figure.number(figure.baseline()),
				ratio, figure.target(), met);
	}

	/** The machine the figures ran on. */
	private static String machine() throws IOException {
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst()
			.orElse("unknown CPU");
		String memory = Files.readAllLines(Path.of("/proc/meminfo"))
			.stream()
			.filter((line) -> line.startsWith("MemTotal"))
			.map((line) -> String.format(Locale.ROOT, "%.1f GiB",
					Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
			.findFirst()
			.orElse("?");
		String load = Files.readString(Path.of("/proc/loadavg")).trim();
		return String.format(Locale.ROOT, "Machine: %d cores (%s), %s RAM, Java %s (%s), load average at start %s",
				Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("java.version"),
				System.getProperty("java.vm.name"), load);
	}

	/** The java command the benchmark itself runs on, for the JVMs it starts. */
	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
