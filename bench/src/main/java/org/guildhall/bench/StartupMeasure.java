package org.guildhall.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Start-up of the demo application (demo profile, the run command's JVM options, a fresh
 * H2 directory, so the demo data is seeded as on a first start): time from launching the
 * JVM to {@code /actuator/health} answering UP, then the resident memory (VmRSS); then
 * once more on the same files (a restart: nothing to create or seed). Two ways of
 * launching, alternating which goes first: the quick-starting layout of README "Running
 * in production" (the extracted jar with its class data sharing archive, which the target
 * applies to) and the plain {@code java -jar guildhall.jar}. Baseline: a minimal Spring
 * Boot web application ({@link MinimalWebApp}) started like the plain jar (same JVM
 * options, no archive).
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
		Starts archived = new Starts(this.runs);
		Starts plain = new Starts(this.runs);
		double[] minimalSeconds = new double[this.runs];
		double[] minimalResident = new double[this.runs];
		for (int run = 0; run < this.runs; run++) {
			for (boolean archivedNow : (run % 2 == 0) ? new boolean[] { true, false } : new boolean[] { false, true }) {
				Starts starts = archivedNow ? archived : plain;
				String name = (archivedNow ? "cds-" : "jar-") + run;
				Path dir = this.workDir.resolve(name);
				try (RunningApp app = start(archivedNow, dir, this.workDir.resolve(name + ".log"))) {
					starts.seconds[run] = app.startupNanos / 1e9;
					starts.resident[run] = app.residentMiB();
				}
				// again on the same files: schema, rule sets and demo cases are there
				// already
				try (RunningApp app = start(archivedNow, dir, this.workDir.resolve(name + "-restart.log"))) {
					starts.restartSeconds[run] = app.startupNanos / 1e9;
				}
			}
			try (RunningApp app = RunningApp.minimal(this.workDir.resolve("minimal-" + run),
					this.workDir.resolve("minimal-" + run + ".log"))) {
				minimalSeconds[run] = app.startupNanos / 1e9;
				minimalResident[run] = app.residentMiB();
			}
		}
		String minimal = "minimal Spring Boot web app";
		double minimalStart = Stats.median(minimalSeconds);
		return List.of(
				Figure.atMost("start-up to healthy (demo, fresh data; extracted jar + CDS archive)",
						Stats.median(archived.seconds), "s", this.runs, minimal, minimalStart, 10),
				Figure.info("start-up to healthy (demo, restart on its data; extracted jar + CDS archive)",
						Stats.median(archived.restartSeconds), "s", this.runs, minimal, minimalStart),
				Figure.info("start-up to healthy (demo, fresh data; java -jar guildhall.jar)",
						Stats.median(plain.seconds), "s", this.runs, minimal, minimalStart),
				Figure.info("start-up to healthy (demo, restart on its data; java -jar guildhall.jar)",
						Stats.median(plain.restartSeconds), "s", this.runs, minimal, minimalStart),
				Figure.atMost("resident memory when healthy (extracted jar + CDS archive)",
						Stats.median(archived.resident), "MiB", this.runs, minimal, Stats.median(minimalResident), 600),
				Figure.info("resident memory when healthy (java -jar guildhall.jar)", Stats.median(plain.resident),
						"MiB", this.runs, minimal, Stats.median(minimalResident)));
	}

	private RunningApp start(boolean archived, Path dataDir, Path log) throws Exception {
		return archived ? RunningApp.guildhallWithClassDataSharing(this.jar, dataDir, log)
				: RunningApp.guildhall(this.jar, dataDir, log);
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
