package org.guildhall.web;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * For tests that start the built application in a JVM of its own: a free port, waiting
 * until it answers healthy, and the end of its log for a failure's message.
 */
public final class AppProcess {

	private AppProcess() {
	}

	/** A port nothing listens on just now. */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits until {@code /actuator/health} on {@code port} answers 200; fails with the
	 * end of {@code log} if the process exits first or {@code limit} passes (and then
	 * stops it).
	 */
	public static void awaitHealthy(Process process, int port, Path log, Duration limit)
			throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(limit);
		TestRestTemplate http = new TestRestTemplate();
		while (true) {
			if (!process.isAlive()) {
				throw new AssertionError("the app exited: " + tail(log));
			}
			try {
				if (http.getForEntity("http://localhost:" + port + "/actuator/health", String.class)
					.getStatusCode() == HttpStatus.OK) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not listening yet
			}
			if (Instant.now().isAfter(deadline)) {
				process.destroyForcibly();
				throw new AssertionError("the app did not become healthy in " + limit.toSeconds() + " s: " + tail(log));
			}
			Thread.sleep(250);
		}
	}

	/** The last 40 lines of a log. */
	public static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join(File.separator.equals("/") ? "\n" : "\r\n",
				lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

}
