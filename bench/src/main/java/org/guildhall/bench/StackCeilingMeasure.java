package org.guildhall.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What the machine and the load generator allow at all: the start-up baseline
 * ({@link MinimalWebApp}: embedded Tomcat, Spring MVC and Jackson, no security, no
 * metrics, no database) answering {@code GET /actuator/health} on 32 connections, the
 * same load as the ballot-intake measure. Shown beside the intake figures: no endpoint of
 * a Spring MVC application on these cores answers faster than this.
 */
final class StackCeilingMeasure implements Measure {

	private static final int REQUESTS = 20_000;

	private final Path workDir;

	private final int runs;

	StackCeilingMeasure(Path workDir, int runs) {
		this.workDir = workDir;
		this.runs = runs;
	}

	@Override
	public String name() {
		return "HTTP stack ceiling";
	}

	@Override
	public List<Figure> run() throws Exception {
		double[] rate = new double[this.runs];
		double[] p99 = new double[this.runs];
		try (RunningApp app = RunningApp.minimal(this.workDir, this.workDir.resolve("minimal.log"))) {
			byte[] health = RawHttp.get("localhost", app.port, "/actuator/health", null);
			Load.run(app.port, BallotIntakeMeasure.CONNECTIONS, BallotIntakeMeasure.WARM_UP, (i) -> health, 200);
			for (int run = 0; run < this.runs; run++) {
				Load.Result result = Load.run(app.port, BallotIntakeMeasure.CONNECTIONS, REQUESTS, (i) -> health, 200);
				rate[run] = result.perSecond();
				p99[run] = result.p99Millis();
			}
		}
		return List.of(
				Figure.info("minimal Spring Boot web app, GET /actuator/health, 32 conn.", Stats.median(rate), "req/s",
						this.runs, "-", Double.NaN),
				Figure.info("minimal Spring Boot web app p99, 32 connections", Stats.median(p99), "ms", this.runs, "-",
						Double.NaN));
	}

}
