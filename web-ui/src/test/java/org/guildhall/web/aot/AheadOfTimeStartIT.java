package org.guildhall.web.aot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.guildhall.web.AppProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick-starting demo as README "Starting faster" starts it — the extracted jar with
 * its class data sharing archive and Spring's ahead-of-time code
 * ({@code -Dspring.aot.enabled=true}) — in a JVM of its own on fresh H2 files: it says it
 * runs the ahead-of-time code, seeds the demo, serves Guildhall's API and pages, the
 * Camunda starter's settings reach the engine (its initial filter) and Cockpit is served;
 * and an ahead-of-time start with a profile it was not built for stops with a message
 * instead of starting. Needs the layout the build leaves unless told
 * {@code -Dcds.skip=true} (then it is skipped, and says why; CI never sets it).
 */
class AheadOfTimeStartIT {

	private static final Path LAYOUT = Path.of("target", "guildhall");

	@BeforeAll
	static void layoutIsBuilt() {
		Assumptions.assumeFalse(Boolean.getBoolean("cds.skip"),
				"the build left the quick-starting layout out (-Dcds.skip=true)");
		assertThat(LAYOUT.resolve("guildhall.jsa")).as("the layout's archive (mvn package runs before this)").exists();
	}

	@Test
	void startsTheDemoFromTheAheadOfTimeCode() throws Exception {
		Path data = Path.of("target", "aot-start-data");
		FileSystemUtils.deleteRecursively(data);
		int port = AppProcess.freePort();
		Path log = Path.of("target", "aot-start.log");
		Process app = start(log, "--server.port=" + port, "--guildhall.data-dir=" + data.toAbsolutePath());
		try {
			AppProcess.awaitHealthy(app, port, log, Duration.ofSeconds(180));
			assertThat(Files.readString(log)).contains("Starting AOT-processed GuildhallApplication");
			TestRestTemplate http = new TestRestTemplate();
			String base = "http://localhost:" + port;
			ResponseEntity<String> cases = http.withBasicAuth("staff", "demo")
				.getForEntity(base + "/api/cases", String.class);
			assertThat(cases.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(cases.getBody()).contains("SAG TV/Theatrical contract 2008",
					"SAG Commercials contracts 2009 (illustrative)",
					"Strike authorization short of 75% (illustrative)");
			assertThat(
					http.withBasicAuth("auditor", "demo").getForEntity(base + "/audit", String.class).getStatusCode())
				.isEqualTo(HttpStatus.OK);
			// camunda.bpm.filter.create, which the starter's plugin reads from its
			// properties (admin is a demo user)
			ResponseEntity<String> filters = http.withBasicAuth("admin", "demo")
				.getForEntity(base + "/engine-rest/filter", String.class);
			assertThat(filters.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(filters.getBody()).contains("\"name\":\"All tasks\"");
			ResponseEntity<String> cockpit = http.getForEntity(base + "/camunda/app/cockpit/default/", String.class);
			assertThat(cockpit.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(cockpit.getBody()).contains("Cockpit");
		}
		finally {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	@Test
	void refusesAProfileTheCodeWasNotBuiltFor() throws Exception {
		Path log = Path.of("target", "aot-start-postgres.log");
		Process app = start(log, "--server.port=" + AppProcess.freePort(), "--spring.profiles.active=demo,postgres");
		try {
			assertThat(app.waitFor(120, TimeUnit.SECONDS)).as("the start stops by itself").isTrue();
			assertThat(app.exitValue()).isNotZero();
			assertThat(Files.readString(log)).contains("built for the profiles [demo] only; profiles [postgres]")
				.doesNotContain("Tomcat started");
		}
		finally {
			app.destroyForcibly();
		}
	}

	private static Process start(Path log, String... arguments) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx512m",
				"-Dspring.aot.enabled=true", "-Xshare:on", "-XX:SharedArchiveFile=" + LAYOUT.resolve("guildhall.jsa"),
				"-jar", LAYOUT.resolve("guildhall.jar").toString()));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

}
