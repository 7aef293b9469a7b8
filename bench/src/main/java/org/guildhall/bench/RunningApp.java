package org.guildhall.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An application in a JVM of its own (the Guildhall jar, or the start-up baseline), on
 * its own port, started and stopped by the benchmark.
 */
final class RunningApp implements AutoCloseable {

	/**
	 * The JVM options of the README's run command (root pom property
	 * {@code guildhall.jvm-arguments}, which the bench module passes as system property
	 * {@code bench.appJvmArguments}).
	 */
	static final List<String> APP_JVM_ARGUMENTS = Arrays
		.stream(System.getProperty("bench.appJvmArguments", "").trim().split("\\s+"))
		.filter((argument) -> !argument.isEmpty())
		.toList();

	final Process process;

	final int port;

	/** Nanoseconds from launching the JVM to the first UP answer of the health URL. */
	final long startupNanos;

	private RunningApp(Process process, int port, long startupNanos) {
		this.process = process;
		this.port = port;
		this.startupNanos = startupNanos;
	}

	/**
	 * Starts the Guildhall jar as the README's run command does (demo profile, the JVM
	 * options {@code spring-boot:run} passes: {@link #APP_JVM_ARGUMENTS}) with its H2
	 * files in {@code dataDir}, and waits until it is healthy.
	 */
	static RunningApp guildhall(Path jar, Path dataDir, Path log, String... extraArgs) throws Exception {
		return start(APP_JVM_ARGUMENTS, jar, dataDir, log, extraArgs);
	}

	/**
	 * Starts the quick-starting layout the build leaves beside the jar (README "Starting
	 * faster"): the extracted application {@code guildhall/guildhall.jar} with its class
	 * data sharing archive {@code guildhall/guildhall.jsa}, with Spring's ahead-of-time
	 * code when {@code aheadOfTime} ({@code -Dspring.aot.enabled=true}, built for the
	 * demo profile), with the same options as
	 * {@link #guildhall(Path, Path, Path, String...)} and then these. {@code -Xshare:on}:
	 * the JVM refuses to start rather than quietly run without the archive, so a figure
	 * measured here is one with the archive in use.
	 */
	static RunningApp guildhallWithClassDataSharing(Path jar, Path dataDir, Path log, boolean aheadOfTime,
			String... jvmArguments) throws Exception {
		Path layout = quickStartLayout(jar);
		List<String> arguments = new ArrayList<>(APP_JVM_ARGUMENTS);
		if (aheadOfTime) {
			arguments.add("-Dspring.aot.enabled=true");
		}
		arguments.addAll(List.of(jvmArguments));
		arguments.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + layout.resolve("guildhall.jsa")));
		return start(arguments, layout.resolve("guildhall.jar"), dataDir, log);
	}

	/**
	 * The directory of the extracted application and its archive, beside the jar; fails
	 * when the build left it out ({@code -Dcds.skip=true}) or when it is older than the
	 * jar (a build with {@code -Dcds.skip=true} leaves an earlier one in place).
	 */
	static Path quickStartLayout(Path jar) throws IOException {
		Path layout = jar.toAbsolutePath().resolveSibling("guildhall");
		Path archive = layout.resolve("guildhall.jsa");
		if (!Files.isRegularFile(archive)
				|| Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
			throw new IllegalStateException("no class data sharing archive at " + archive + " as new as " + jar
					+ ": package web-ui without -Dcds.skip=true");
		}
		return layout;
	}

	private static RunningApp start(List<String> jvmArguments, Path jar, Path dataDir, Path log, String... extraArgs)
			throws Exception {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(Bench.java()));
		command.addAll(jvmArguments);
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
				"--guildhall.data-dir=" + dataDir.toAbsolutePath()));
		command.addAll(List.of(extraArgs));
		return start(command, dataDir, log, port);
	}

	/**
	 * Starts the minimal Spring Boot web application of the start-up baseline, with the
	 * same JVM options.
	 */
	static RunningApp minimal(Path workDir, Path log) throws Exception {
		int port = freePort();
		// the benchmark's own class path, absolute: the baseline runs in a directory of
		// its own
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> Path.of(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(List.of(Bench.java()));
		command.addAll(APP_JVM_ARGUMENTS);
		command.addAll(List.of("-cp", classPath, MinimalWebApp.class.getName(), "--server.port=" + port));
		return start(command, workDir, log, port);
	}

	private static RunningApp start(List<String> command, Path workDir, Path log, int port) throws Exception {
		Files.createDirectories(workDir);
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		long deadline = started + TimeUnit.SECONDS.toNanos(240);
		try (RawHttp http = new RawHttp("localhost", port)) {
			byte[] health = RawHttp.get("localhost", port, "/actuator/health", null);
			while (true) {
				if (!process.isAlive()) {
					throw new IllegalStateException("the application stopped during start-up; see " + log);
				}
				try {
					if (http.send(health) == 200 && http.body().contains("\"UP\"")) {
						return new RunningApp(process, port, System.nanoTime() - started);
					}
				}
				catch (IOException ex) {
					http.close();
				}
				if (System.nanoTime() > deadline) {
					process.destroyForcibly();
					throw new IllegalStateException("not healthy within 240 s; see " + log);
				}
				Thread.sleep(50);
			}
		}
	}

	/** The JVM's resident set size now (VmRSS of /proc/pid/status), in MiB. */
	double residentMiB() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
			}
		}
		throw new IOException("no VmRSS for process " + this.process.pid());
	}

	/**
	 * CPU time the JVM has used so far (user + system, fields 14 and 15 of
	 * /proc/pid/stat), in milliseconds; the kernel counts it in ticks of 10 ms.
	 */
	double cpuMillis() throws IOException {
		String stat = Files.readString(Path.of("/proc", String.valueOf(this.process.pid()), "stat"));
		// the command name (field 2) is in parentheses and may hold spaces
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
	}

	/** USER_HZ, 100 on Linux for every architecture Guildhall runs on. */
	private static final int CLOCK_TICKS_PER_SECOND = 100;

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
