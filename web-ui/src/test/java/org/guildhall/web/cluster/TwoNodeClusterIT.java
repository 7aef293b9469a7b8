package org.guildhall.web.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.guildhall.engine.GuildhallProcessEngineConfiguration;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.postgres.PostgresTestServer;
import org.guildhall.web.GuildhallApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Guildhall nodes — two whole applications with their own web servers, engines and
 * job executors — on one PostgreSQL, as Camunda 7 clusters: ballots cast to either node
 * are counted once, a step completed on one node leaves the other's list, the window's
 * timers fire exactly once, and when node A goes away mid-vote node B closes the box.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {

	/**
	 * How long a node's job executor keeps jobs it acquired before others may take them.
	 */
	static final Duration LOCK_TIME = Duration.ofSeconds(10);

	static ConfigurableApplicationContext nodeA;

	static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void startTwoNodes() {
		String url = PostgresTestServer.get().createDatabase("guildhall-cluster");
		nodeA = node(url, "nodeA");
		nodeB = node(url, "nodeB");
	}

	@AfterAll
	static void stopNodes() {
		for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
			if (node != null && node.isActive()) {
				node.close();
			}
		}
	}

	@Test
	@Order(0)
	void bothNodesRunOnTheEngineMappingsParsedWhileTheyStarted() {
		for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
			ProcessEngineConfigurationImpl engine = node.getBean(ProcessEngineConfigurationImpl.class);
			assertThat(engine.getDatabaseType()).isEqualTo("postgres");
			assertThat(engine).isInstanceOfSatisfying(GuildhallProcessEngineConfiguration.class,
					(configuration) -> assertThat(configuration.usedEarlyMappings()).isTrue());
		}
	}

	@Test
	@Order(1)
	void aVoteAcrossBothNodesIsCountedOnceAndItsTimersFireOnce() throws Exception {
		String caseId = api(nodeA).startCase("Cluster vote");
		String board = api(nodeB).openStep(caseId, "Task_RecordBoardResolution");
		api(nodeA).complete("secretary", board,
				Map.of("resolution", "CALL_AUTHORIZATION_VOTE", "votesFor", 48, "votesAgainst", 14, "abstentions", 2,
						"membersPresent", 64, "seats", 71, "committeeMayCallVote", false, "meetingDate", "2008-10-19"));
		assertThat(api(nodeB).stepKeys(caseId)).as("completed on A, gone from B's list")
			.doesNotContain("Task_RecordBoardResolution")
			.containsExactly("Task_PrepareBallot");

		Vote vote = prepareVote(caseId, 20, Duration.ofSeconds(12));
		api(nodeB).awaitState(vote.id(), "OPEN", Duration.ofSeconds(60));
		List<Future<Integer>> casts = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (int i = 0; i < vote.credentials().size(); i++) {
				String credential = vote.credentials().get(i);
				ConfigurableApplicationContext first = (i % 2 == 0) ? nodeA : nodeB;
				ConfigurableApplicationContext second = (i % 2 == 0) ? nodeB : nodeA;
				// each member tries both nodes at once: exactly one ballot must count
				casts.add(pool.submit(() -> api(first).cast(vote.id(), credential, "YES").getStatusCode().value()));
				casts.add(pool.submit(() -> api(second).cast(vote.id(), credential, "NO").getStatusCode().value()));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> cast : casts) {
				statuses.add(cast.get());
			}
			assertThat(statuses.stream().filter((status) -> status == 201)).hasSize(20);
			assertThat(statuses.stream().filter((status) -> status == 409)).hasSize(20);
		}
		finally {
			pool.shutdownNow();
		}

		api(nodeA).awaitState(vote.id(), "CLOSED", Duration.ofSeconds(90));
		JsonNode result = api(nodeA).get("auditor", "/api/votes/" + vote.id() + "/result");
		assertThat(result.path("yes").asLong() + result.path("no").asLong()).isEqualTo(20);
		assertThat(result.path("eligible").asLong()).isEqualTo(20);
		List<AuditEvent> trail = nodeB.getBean(AuditTrail.class).caseTrail(caseId);
		assertThat(trail).filteredOn((event) -> event.knownKind() == AuditKind.BALLOT_BOX_OPENED).hasSize(1);
		assertThat(trail).filteredOn((event) -> event.knownKind() == AuditKind.BALLOT_BOX_CLOSED).hasSize(1);
		assertThat(trail).filteredOn((event) -> event.knownKind() == AuditKind.TIMER_FIRED)
			.extracting(AuditEvent::subject)
			.containsOnlyOnce("Event_VotingWindowOpens", "Event_VotingWindowCloses");
		assertThat(nodeB.getBean(HistoryService.class)
			.createHistoricJobLogQuery()
			.successLog()
			.list()
			.stream()
			.filter((log) -> caseId.equals(log.getRootProcessInstanceId())
					&& "Event_VotingWindowCloses".equals(log.getActivityId())))
			.as("the close timer ran once")
			.hasSize(1);
		assertThat(nodeA.getBean(AuditTrail.class).verify().ok()).isTrue();
	}

	@Test
	@Order(2)
	void whenNodeAGoesAwayMidVoteNodeBClosesTheBox() throws Exception {
		String caseId = api(nodeA).startCase("Cluster failover");
		api(nodeA).complete("secretary", api(nodeA).openStep(caseId, "Task_RecordBoardResolution"),
				Map.of("resolution", "CALL_AUTHORIZATION_VOTE", "votesFor", 48, "votesAgainst", 14, "abstentions", 2,
						"membersPresent", 64, "seats", 71, "committeeMayCallVote", false, "meetingDate", "2008-10-19"));
		Vote vote = prepareVote(caseId, 6, Duration.ofSeconds(15));
		api(nodeA).awaitState(vote.id(), "OPEN", Duration.ofSeconds(60));
		for (int i = 0; i < 4; i++) {
			ResponseEntity<JsonNode> cast = api((i < 2) ? nodeA : nodeB).cast(vote.id(), vote.credentials().get(i),
					"YES");
			assertThat(cast.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		}
		nodeA.close();

		api(nodeB).awaitState(vote.id(), "CLOSED", Duration.ofSeconds(120));
		JsonNode result = api(nodeB).get("auditor", "/api/votes/" + vote.id() + "/result");
		assertThat(result.path("yes").asLong()).isEqualTo(4);
		AuditEvent closed = nodeB.getBean(AuditTrail.class)
			.caseTrail(caseId)
			.stream()
			.filter((event) -> event.knownKind() == AuditKind.BALLOT_BOX_CLOSED)
			.findFirst()
			.orElseThrow();
		// on time: after the window's end, and no later than a job lock left behind by A
		// would allow
		assertThat(closed.occurredAt()).isAfterOrEqualTo(vote.windowEnd())
			.isBefore(vote.windowEnd().plus(LOCK_TIME).plusSeconds(30));
		assertThat(api(nodeB).openStep(caseId, "Task_CertifyResults")).isNotBlank();
	}

	private static ConfigurableApplicationContext node(String url, String name) {
		// command-line arguments: they win over the postgres profile's own settings
		return GuildhallApplication.builder()
			.profiles("demo", "postgres")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=", "--camunda.bpm.process-engine-name=" + name,
					"--camunda.bpm.job-execution.wait-time-in-millis=250", "--camunda.bpm.job-execution.max-wait=1000",
					"--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
					"--guildhall.data-dir=target/" + name);
	}

	private static Vote prepareVote(String caseId, int members, Duration window) {
		String roll = "memberId,name,goodStanding\n" + IntStream.range(0, members)
			.mapToObj((i) -> String.format("C%04d,Member %d,true", i, i))
			.collect(Collectors.joining("\n")) + "\n";
		HttpHeaders csv = new HttpHeaders();
		csv.setContentType(new MediaType("text", "csv"));
		ResponseEntity<JsonNode> uploaded = api(nodeB).as("officer")
			.exchange(api(nodeB).base + "/api/cases/" + caseId + "/roll", HttpMethod.POST, new HttpEntity<>(roll, csv),
					JsonNode.class);
		assertThat(uploaded.getStatusCode()).as(String.valueOf(uploaded.getBody())).isEqualTo(HttpStatus.OK);
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant end = start.plus(window);
		api(nodeA).complete("officer", api(nodeA).openStep(caseId, "Task_PrepareBallot"),
				Map.of("question", "Do you authorize a strike?", "ballotMode", "BALLOT_BOX", "windowStart",
						start.toString(), "windowEnd", end.toString()));
		String voteId = api(nodeB).get("auditor", "/api/cases/" + caseId).path("currentVote").path("id").asText();
		ResponseEntity<String> issued = api(nodeA).as("officer")
			.getForEntity(api(nodeA).base + "/api/votes/" + voteId + "/credentials.csv", String.class);
		assertThat(issued.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<String> credentials = issued.getBody().lines().skip(1).map((line) -> line.split(",")[1]).toList();
		assertThat(credentials).hasSize(members);
		return new Vote(voteId, end, credentials);
	}

	private static NodeApi api(ConfigurableApplicationContext node) {
		return new NodeApi(((ServletWebServerApplicationContext) node).getWebServer().getPort());
	}

	record Vote(String id, Instant windowEnd, List<String> credentials) {
	}

}
