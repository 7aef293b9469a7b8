package org.guildhall.web.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.audit.AuditVerifier;
import org.guildhall.engine.audit.Verification;
import org.guildhall.engine.postgres.PostgresTestServer;
import org.guildhall.web.AppProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built application ({@code target/guildhall.jar}) in a JVM of its own on PostgreSQL,
 * killed with SIGKILL while members cast ballots, and started again after the voting
 * window's end has passed (the quick-starting layout with its class data sharing archive,
 * {@code target/guildhall/}): every ballot whose 201 reached a member is counted, none
 * twice, the roll hash is unchanged, the close timer that fell due while the app was down
 * fires after the restart, and the audit chain verifies.
 */
class CrashRecoveryIT {

	Process app;

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.destroyForcibly();
		}
	}

	@Test
	void ballotsAcknowledgedBeforeAKillAreCountedAndTheWindowClosesAfterRestart() throws Exception {
		String url = PostgresTestServer.get().createDatabase("guildhall-crash");
		int port = AppProcess.freePort();
		this.app = start(url, port, 1);
		NodeApi api = new NodeApi(port);

		String caseId = api.startCase("Crash case");
		api.complete("secretary", api.openStep(caseId, "Task_RecordBoardResolution"),
				Map.of("resolution", "CALL_AUTHORIZATION_VOTE", "votesFor", 48, "votesAgainst", 14, "abstentions", 2,
						"membersPresent", 64, "seats", 71, "committeeMayCallVote", false, "meetingDate", "2008-10-19"));
		int members = 400;
		String roll = "memberId,name,goodStanding\n" + IntStream.range(0, members)
			.mapToObj((i) -> String.format("K%04d,Member %d,true", i, i))
			.collect(Collectors.joining("\n")) + "\n";
		HttpHeaders csv = new HttpHeaders();
		csv.setContentType(new MediaType("text", "csv"));
		ResponseEntity<JsonNode> uploaded = api.as("officer")
			.exchange(api.base + "/api/cases/" + caseId + "/roll", HttpMethod.POST, new HttpEntity<>(roll, csv),
					JsonNode.class);
		assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.OK);
		String rollHash = uploaded.getBody().path("rollHash").asText();
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant end = start.plusSeconds(45);
		api.complete("officer", api.openStep(caseId, "Task_PrepareBallot"),
				Map.of("question", "Do you authorize a strike?", "ballotMode", "BALLOT_BOX", "windowStart",
						start.toString(), "windowEnd", end.toString()));
		String voteId = api.get("auditor", "/api/cases/" + caseId).path("currentVote").path("id").asText();
		List<String> credentials = api.as("officer")
			.getForEntity(api.base + "/api/votes/" + voteId + "/credentials.csv", String.class)
			.getBody()
			.lines()
			.skip(1)
			.map((line) -> line.split(",")[1])
			.toList();
		assertThat(credentials).hasSize(members);
		api.awaitState(voteId, "OPEN", Duration.ofSeconds(60));

		// members cast; the app is killed once some ballots are acknowledged
		List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger attempted = new AtomicInteger();
		ExecutorService members8 = Executors.newFixedThreadPool(8);
		for (String credential : credentials) {
			members8.submit(() -> {
				attempted.incrementAndGet();
				try {
					ResponseEntity<JsonNode> cast = new TestRestTemplate().postForEntity(
							api.base + "/api/votes/" + voteId + "/ballots",
							Map.of("credential", credential, "choice", "YES"), JsonNode.class);
					if (cast.getStatusCode() == HttpStatus.CREATED) {
						acknowledged.add(cast.getBody().path("receipt").asText());
					}
				}
				catch (RuntimeException ex) {
					// the app died under this request: not acknowledged
				}
			});
		}
		while (acknowledged.size() < 40) {
			Thread.sleep(20);
		}
		this.app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		members8.shutdown();
		assertThat(members8.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		List<String> receipts = List.copyOf(acknowledged);
		assertThat(receipts.size()).as("the kill came mid-vote").isLessThan(members);

		// the window ends while the app is down
		while (Instant.now().isBefore(end.plusSeconds(2))) {
			Thread.sleep(250);
		}
		this.app = start(url, port, 2);
		api.awaitState(voteId, "CLOSED", Duration.ofSeconds(120));

		JsonNode vote = api.get("auditor", "/api/votes/" + voteId);
		assertThat(vote.path("rollHash").asText()).isEqualTo(rollHash);
		JsonNode result = api.get("auditor", "/api/votes/" + voteId + "/result");
		long counted = result.path("yes").asLong();
		assertThat(counted).as("every acknowledged ballot counted").isGreaterThanOrEqualTo(receipts.size());
		assertThat(counted).as("none twice").isLessThanOrEqualTo(attempted.get());
		for (String receipt : receipts) {
			assertThat(new TestRestTemplate()
				.getForEntity(api.base + "/api/votes/" + voteId + "/receipts/" + receipt, JsonNode.class)
				.getBody()
				.path("counted")
				.asBoolean()).as("receipt " + receipt).isTrue();
		}
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement()) {
			assertThat(single(statement, "select count(*) from gh_voter_mark where vote_id = '" + voteId + "'"))
				.isEqualTo(counted);
			assertThat(single(statement,
					"select count(*) from gh_ballot b join gh_vote v on v.vote_no = b.vote_no where v.id = '" + voteId
							+ "'"))
				.isEqualTo(counted);
			assertThat(verify(statement).ok()).isTrue();
		}
	}

	private static long single(Statement statement, String sql) throws Exception {
		try (ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static Verification verify(Statement statement) throws Exception {
		AuditVerifier verifier = new AuditVerifier();
		try (ResultSet rows = statement.executeQuery(
				"select seq, occurred_at, kind, case_id, actor, subject, data, prev_hash, hash from audit_event order by seq")) {
			while (rows.next()) {
				verifier.accept(new AuditEvent(rows.getLong(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
						rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
						rows.getString(8), rows.getString(9)));
			}
		}
		try (ResultSet head = statement.executeQuery("select last_seq, last_hash from audit_chain_head")) {
			head.next();
			return verifier.finish(new AuditTrail.ChainHead(head.getLong(1), head.getString(2)));
		}
	}

	/**
	 * Starts the application: the first time as {@code java -jar target/guildhall.jar},
	 * the restart (unless the build was told {@code -Dcds.skip=true}) as README "Starting
	 * faster" says: the extracted jar with the class data sharing archive the build wrote
	 * on H2 in the demo profile, here on PostgreSQL; {@code -Xshare:on} makes the JVM
	 * refuse to start if the archive cannot be used.
	 */
	private static Process start(String url, int port, int run) throws IOException, InterruptedException {
		boolean archived = run > 1 && !Boolean.getBoolean("cds.skip");
		Path jar = archived ? Path.of("target", "guildhall", "guildhall.jar") : Path.of("target", "guildhall.jar");
		assertThat(jar).as("the application jar (mvn package runs before the integration tests)").exists();
		String java = ProcessHandle.current().info().command().orElse("java");
		Path log = Path.of("target", "crash-recovery-run-" + run + ".log");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
		if (archived) {
			command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=target/guildhall/guildhall.jsa"));
		}
		command.addAll(List.of("-jar", jar.toString(), "--spring.profiles.active=demo,postgres",
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--server.port=" + port,
				"--camunda.bpm.job-execution.wait-time-in-millis=250", "--camunda.bpm.job-execution.max-wait=1000",
				"--camunda.bpm.job-execution.lock-time-in-millis=10000", "--guildhall.data-dir=target/crash-data"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		AppProcess.awaitHealthy(process, port, log, Duration.ofSeconds(180));
		return process;
	}

}
