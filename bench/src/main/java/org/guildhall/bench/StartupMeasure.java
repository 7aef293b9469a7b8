package org.guildhall.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start-up of the demo application (demo profile, the run command's JVM options, a fresh
 * H2 directory, so the demo data is seeded as on a first start): time from launching the
 * JVM to {@code /actuator/health} answering UP, then the resident memory (VmRSS); then
 * once more on the same files (a restart: nothing to create or seed). Four ways of
 * launching, which goes first rotating run by run: the quick-starting demo of README
 * "Starting faster" (the extracted jar with its class data sharing archive and Spring's
 * ahead-of-time code); the same with only the JIT's client compiler
 * ({@code -XX:TieredStopAtLevel=1}, which {@code spring-boot:run} adds when it starts the
 * demo); that once more without the ahead-of-time code (what it saves, shown); and the
 * plain {@code java -jar guildhall.jar}. The target is checked for the first two.
 * Baseline: a minimal Spring Boot web application ({@link MinimalWebApp}) started like
 * the plain jar (same JVM options, no archive).
 */
final class StartupMeasure implements Measure {

	private final Path jar;

	private final Path workDir;

	private final int runs;

	StartupMeasure(Path jar, Path workDir, int runs) {
		this.jar = jar;
		this.workDir = workDir;
		this.runs = runs;
	}

	@Override
	public String name() {
		return "start-up and memory";
	}

	@Override
	public List<Figure> run() throws Exception {
		RunningApp.quickStartLayout(this.jar);
		Launch[] launches = Launch.values();
		Starts[] starts = new Starts[launches.length];
		for (Launch launch : launches) {
			starts[launch.ordinal()] = new Starts(this.runs);
		}
		double[] minimalSeconds = new double[this.runs];
		double[] minimalResident = new double[this.runs];
		for (int run = 0; run < this.runs; run++) {
			for (int i = 0; i < launches.length; i++) {
				Launch launch = launches[(run + i) % launches.length];
				Starts these = starts[launch.ordinal()];
				String name = launch.name().toLowerCase(Locale.ROOT) + "-" + run;
				Path dir = this.workDir.resolve(name);
				try (RunningApp app = start(launch, dir, this.workDir.resolve(name + ".log"))) {
					these.seconds[run] = app.startupNanos / 1e9;
					these.resident[run] = app.residentMiB();
				}
				// again on the same files: schema, rule sets and demo cases are there
				// already
				try (RunningApp app = start(launch, dir, this.workDir.resolve(name + "-restart.log"))) {
					these.restartSeconds[run] = app.startupNanos / 1e9;
				}
				// each start as well as the medians, so the spread between runs shows
				System.out.printf(Locale.ROOT,
						"  start-up run %d of %d, %s: first start %.2f s (%.0f MiB), restart %.2f s%n", run + 1,
						this.runs, launch.label, these.seconds[run], these.resident[run], these.restartSeconds[run]);
			}
			try (RunningApp app = RunningApp.minimal(this.workDir.resolve("minimal-" + run),
					this.workDir.resolve("minimal-" + run + ".log"))) {
				minimalSeconds[run] = app.startupNanos / 1e9;
				minimalResident[run] = app.residentMiB();
			}
			System.out.printf(Locale.ROOT, "  start-up run %d of %d, minimal Spring Boot web app: %.2f s (%.0f MiB)%n",
					run + 1, this.runs, minimalSeconds[run], minimalResident[run]);
		}
		String minimal = "minimal Spring Boot web app";
		double minimalStart = Stats.median(minimalSeconds);
		double minimalRss = Stats.median(minimalResident);
		List<Figure> figures = new ArrayList<>();
		for (Launch launch : launches) {
			Starts these = starts[launch.ordinal()];
			String fresh = "start-up to healthy (demo, fresh data; " + launch.label + ")";
			String rss = "resident memory when healthy (" + launch.label + ")";
			figures.add(launch.target
					? Figure.atMost(fresh, Stats.median(these.seconds), "s", this.runs, minimal, minimalStart, 10)
					: Figure.info(fresh, Stats.median(these.seconds), "s", this.runs, minimal, minimalStart));
			figures.add(Figure.info("start-up to healthy (demo, restart on its data; " + launch.label + ")",
					Stats.median(these.restartSeconds), "s", this.runs, minimal, minimalStart));
			figures.add(launch.target
					? Figure.atMost(rss, Stats.median(these.resident), "MiB", this.runs, minimal, minimalRss, 600)
					: Figure.info(rss, Stats.median(these.resident), "MiB", this.runs, minimal, minimalRss));
		}
		return figures;
	}

	private RunningApp start(Launch launch, Path dataDir, Path log) throws Exception {
		return switch (launch) {
			case LAYOUT -> RunningApp.guildhallWithClassDataSharing(this.jar, dataDir, log, true);
			case LAYOUT_CLIENT_COMPILER ->
				RunningApp.guildhallWithClassDataSharing(this.jar, dataDir, log, true, "-XX:TieredStopAtLevel=1");
			case LAYOUT_CLIENT_COMPILER_NO_AOT ->
				RunningApp.guildhallWithClassDataSharing(this.jar, dataDir, log, false, "-XX:TieredStopAtLevel=1");
			case JAR -> RunningApp.guildhall(this.jar, dataDir, log);
		};
	}

	private enum Launch {

		LAYOUT("extracted jar + CDS archive + AOT code", true),

		LAYOUT_CLIENT_COMPILER("extracted jar + CDS archive + AOT code, client compiler only", true),

		LAYOUT_CLIENT_COMPILER_NO_AOT("extracted jar + CDS archive, client compiler only, no AOT code", false),

		JAR("java -jar guildhall.jar", false);

		final String label;

		final boolean target;

		Launch(String label, boolean target) {
			this.label = label;
			this.target = target;
		}

	}

	/** One way of launching: first starts, their resident memory, and restarts. */
	private static final class Starts {

		final double[] seconds;

		final double[] resident;

		final double[] restartSeconds;

		Starts(int runs) {
			this.seconds = new double[runs];
			this.resident = new double[runs];
			this.restartSeconds = new double[runs];
		}

	}

}
