package org.guildhall.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Start-up of the demo application as the README runs it
 * ({@code java -jar guildhall.jar}, demo profile, the run command's JVM options, a fresh
 * H2 directory, so the demo data is seeded as on a first start): time from launching the
 * JVM to {@code /actuator/health} answering UP, then the resident memory (VmRSS); then
 * once more on the same files (a restart: nothing to create or seed). Baseline: a minimal
 * Spring Boot web application ({@link MinimalWebApp}) started the same way.
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
		double[] seconds = new double[this.runs];
		double[] resident = new double[this.runs];
		double[] minimalSeconds = new double[this.runs];
		double[] minimalResident = new double[this.runs];
		double[] restartSeconds = new double[this.runs];
		for (int run = 0; run < this.runs; run++) {
			Path dir = this.workDir.resolve("startup-" + run);
			try (RunningApp app = RunningApp.guildhall(this.jar, dir,
					this.workDir.resolve("startup-" + run + ".log"))) {
				seconds[run] = app.startupNanos / 1e9;
				resident[run] = app.residentMiB();
			}
			// again on the same files: schema, rule sets and demo cases are there already
			try (RunningApp app = RunningApp.guildhall(this.jar, dir,
					this.workDir.resolve("restart-" + run + ".log"))) {
				restartSeconds[run] = app.startupNanos / 1e9;
			}
			try (RunningApp app = RunningApp.minimal(this.workDir.resolve("minimal-" + run),
					this.workDir.resolve("minimal-" + run + ".log"))) {
				minimalSeconds[run] = app.startupNanos / 1e9;
				minimalResident[run] = app.residentMiB();
			}
		}
		return List.of(
				Figure.atMost("start-up to healthy (demo, fresh data)", Stats.median(seconds), "s", this.runs,
						"minimal Spring Boot web app", Stats.median(minimalSeconds), 10),
				Figure.info("start-up to healthy (demo, restart on its data)", Stats.median(restartSeconds), "s",
						this.runs, "minimal Spring Boot web app", Stats.median(minimalSeconds)),
				Figure.atMost("resident memory when healthy", Stats.median(resident), "MiB", this.runs,
						"minimal Spring Boot web app", Stats.median(minimalResident), 600));
	}

}
