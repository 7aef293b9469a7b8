package org.guildhall.web.demo;

import java.util.List;

import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.guildhall.engine.GuildhallProcessEngineConfiguration;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as the README's run command starts it (its main method, demo profile,
 * on an in-memory database): the engine runs on the SQL mappings parsed while Spring
 * configured the rest, the demo cases are seeded through the real forms (one waiting for
 * the committee, one finished for auditors), health is public, the engine REST API is
 * closed to all but administrators, and the Camunda webapps are served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		useMainMethod = SpringBootTest.UseMainMethod.ALWAYS,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-demo-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class DemoApplicationIT {

	@Autowired
	TestRestTemplate http;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	DemoData demoData;

	@Autowired
	AuditTrail trail;

	@Autowired
	ProcessEngineConfigurationImpl engine;

	@Test
	void runsOnTheEngineMappingsParsedWhileItStarted() {
		assertThat(this.engine.getDatabaseType()).isEqualTo("h2");
		assertThat(this.engine).isInstanceOfSatisfying(GuildhallProcessEngineConfiguration.class,
				(configuration) -> assertThat(configuration.usedEarlyMappings()).isTrue());
	}

	@Test
	void seedsTheDemoCaseWaitingForTheCommittee() {
		ProcessInstance demoCase = this.runtime.createProcessInstanceQuery()
			.processDefinitionKey("strike-authorization")
			.processInstanceBusinessKey(DemoData.CASE_KEY)
			.singleResult();
		assertThat(demoCase).isNotNull();
		assertThat(this.runtime.getVariable(demoCase.getId(), "ruleSetTag")).isEqualTo("sag-2008:1");
		assertThat(this.runtime.getVariable(demoCase.getId(), "resolution")).isEqualTo("SEEK_MEDIATION");
		assertThat(this.runtime.getVariable(demoCase.getId(), "committeeMayCallVote")).isEqualTo(true);
		assertThat(this.runtime.getVariable(demoCase.getId(), "boardMotionOutcome")).isEqualTo("CARRIED");

		List<Task> open = this.tasks.createTaskQuery().processInstanceBusinessKey(DemoData.CASE_KEY).list();
		assertThat(open).extracting(Task::getTaskDefinitionKey).containsExactly("Task_DetermineTalksFailed");
		assertThat(this.tasks.getIdentityLinksForTask(open.get(0).getId()))
			.anySatisfy((link) -> assertThat(link.getGroupId()).isEqualTo("negotiating-committee"));

		List<HistoricTaskInstance> done = this.history.createHistoricTaskInstanceQuery()
			.processInstanceBusinessKey(DemoData.CASE_KEY)
			.finished()
			.orderByHistoricActivityInstanceStartTime()
			.asc()
			.list();
		assertThat(done).extracting(HistoricTaskInstance::getTaskDefinitionKey, HistoricTaskInstance::getAssignee)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Task_RecordBoardResolution", "secretary"),
					org.assertj.core.groups.Tuple.tuple("Task_RecordBargainingSession", "staff"));
	}

	@Test
	void seedsAFinishedCaseThatAuditorsCanFollowInTheTrail() {
		HistoricProcessInstance finished = this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey("strike-authorization")
			.processInstanceBusinessKey(DemoData.FINISHED_CASE_KEY)
			.singleResult();
		assertThat(finished).isNotNull();
		assertThat(finished.getEndTime()).isNotNull();

		assertThat(this.trail.auditCase(finished.getId())).hasValueSatisfying((indexed) -> {
			assertThat(indexed.title()).isEqualTo(DemoData.FINISHED_CASE_TITLE);
			assertThat(indexed.status()).isEqualTo("SETTLED");
			assertThat(indexed.ruleSetTag()).isEqualTo("sag-2008:1");
			assertThat(indexed.startedBy()).isEqualTo("staff");
		});
		List<AuditEvent> events = this.trail.caseTrail(finished.getId());
		assertThat(events).filteredOn((event) -> event.knownKind() == AuditKind.CASE_ENDED)
			.singleElement()
			.satisfies((ended) -> assertThat(ended.details()).containsEntry("status", "SETTLED"));
		// who did what: the board, two bargaining sessions (a loop), an agreement that
		// interrupts the third, the officer's ratification vote
		assertThat(events).filteredOn((event) -> event.knownKind() == AuditKind.STEP_COMPLETED)
			.extracting(AuditEvent::subject, AuditEvent::actor)
			.containsExactly(Tuple.tuple("Task_RecordBoardResolution", "secretary"),
					Tuple.tuple("Task_RecordBargainingSession", "staff"),
					Tuple.tuple("Task_RecordBargainingSession", "staff"), Tuple.tuple("Task_PrepareBallot", "officer"),
					Tuple.tuple("Task_CertifyResults", "officer"));
		assertThat(events).filteredOn((event) -> event.knownKind() == AuditKind.STEP_CANCELLED)
			.extracting(AuditEvent::subject)
			.containsExactly("Task_RecordBargainingSession");
		assertThat(events).filteredOn((event) -> event.knownKind() == AuditKind.MESSAGE_CORRELATED)
			.extracting(AuditEvent::subject, AuditEvent::actor)
			.containsExactly(Tuple.tuple("Event_AgreementReached", "staff"));
		assertThat(events).filteredOn((event) -> event.knownKind() == AuditKind.DECISION_EVALUATED)
			.extracting(AuditEvent::subject, (event) -> event.details().get("outcome"))
			.containsExactly(Tuple.tuple("board-motion", "CARRIED"), Tuple.tuple("window-policy", "VALID"),
					Tuple.tuple("ratification-vote", "APPROVED"));
		assertThat(this.trail.verify().ok()).isTrue();
	}

	@Test
	void seedsAFinishedCaseWhoseAuthorizationFellShortOfSeventyFivePercent() {
		HistoricProcessInstance rejected = this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey("strike-authorization")
			.processInstanceBusinessKey(DemoData.REJECTED_CASE_KEY)
			.singleResult();
		assertThat(rejected).isNotNull();
		assertThat(rejected.getEndTime()).isNotNull();
		assertThat(this.trail.auditCase(rejected.getId())).hasValueSatisfying((indexed) -> {
			assertThat(indexed.title()).isEqualTo(DemoData.REJECTED_CASE_TITLE);
			assertThat(indexed.status()).isEqualTo("AUTHORIZATION_REJECTED");
		});
		assertThat(this.trail.caseTrail(rejected.getId()))
			.filteredOn((event) -> event.knownKind() == AuditKind.DECISION_EVALUATED)
			.extracting(AuditEvent::subject, (event) -> event.details().get("outcome"))
			.containsExactly(Tuple.tuple("board-motion", "CARRIED"), Tuple.tuple("window-policy", "VALID"),
					Tuple.tuple("member-vote", "REJECTED"));
	}

	@Test
	void seedsOnlyOnce() throws Exception {
		this.demoData.run(null);
		assertThat(this.history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(DemoData.CASE_KEY)
			.processDefinitionKey("strike-authorization")
			.count()).isEqualTo(1);
		assertThat(this.history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(DemoData.FINISHED_CASE_KEY)
			.processDefinitionKey("strike-authorization")
			.count()).isEqualTo(1);
		assertThat(this.history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(DemoData.REJECTED_CASE_KEY)
			.processDefinitionKey("strike-authorization")
			.count()).isEqualTo(1);
	}

	@Test
	void healthIsPublicAndUp() {
		ResponseEntity<String> health = this.http.getForEntity("/actuator/health", String.class);
		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).contains("\"status\":\"UP\"");
	}

	@Test
	void engineRestIsNeverOpen() {
		assertThat(this.http.getForEntity("/engine-rest/engine", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.withBasicAuth("nobody-at-all", "wrong")
			.getForEntity("/engine-rest/engine", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.withBasicAuth("staff", "demo")
			.getForEntity("/engine-rest/engine", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<String> admin = this.http.withBasicAuth("admin", "demo")
			.getForEntity("/engine-rest/process-definition?key=strike-authorization", String.class);
		assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(admin.getBody()).contains("\"key\":\"strike-authorization\"");
	}

	@Test
	void camundaWebappsAreServed() {
		ResponseEntity<String> tasklist = this.http.getForEntity("/camunda/app/tasklist/default/", String.class);
		assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(tasklist.getBody()).contains("Tasklist");
	}

	@Test
	void onlyCamundaAdministratorsMaySignInToTheCamundaWebapps() {
		ResponseEntity<String> auditor = webappLogin("auditor");
		assertThat(auditor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(auditor.getBody()).contains("for camunda-admin users");
		assertThat(webappLogin("secretary").getBody()).contains("for camunda-admin users");
		ResponseEntity<String> admin = webappLogin("admin");
		assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(admin.getBody()).contains("\"userId\":\"admin\"");
	}

	private ResponseEntity<String> webappLogin(String user) {
		// the webapps' own CSRF protection: a token cookie from a page, echoed in a
		// header
		ResponseEntity<String> page = this.http.getForEntity("/camunda/app/cockpit/default/", String.class);
		String cookie = page.getHeaders()
			.getOrEmpty(org.springframework.http.HttpHeaders.SET_COOKIE)
			.stream()
			.filter((c) -> c.startsWith("XSRF-TOKEN="))
			.findFirst()
			.orElseThrow();
		String token = cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';'));
		org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
		headers.setContentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED);
		headers.add("X-XSRF-TOKEN", token);
		headers.add(org.springframework.http.HttpHeaders.COOKIE,
				page.getHeaders()
					.getOrEmpty(org.springframework.http.HttpHeaders.SET_COOKIE)
					.stream()
					.map((c) -> c.substring(0, c.indexOf(';')))
					.collect(java.util.stream.Collectors.joining("; ")));
		return this.http.postForEntity("/camunda/api/admin/auth/user/default/login/cockpit",
				new org.springframework.http.HttpEntity<>("username=" + user + "&password=demo", headers),
				String.class);
	}

	@Test
	void pagesNeedALoginAndShowTheStepsOfTheUsersGroups() {
		ResponseEntity<String> anonymous = this.http.getForEntity("/", String.class);
		assertThat(anonymous.getStatusCode().is3xxRedirection() || anonymous.getStatusCode() == HttpStatus.UNAUTHORIZED
				|| String.valueOf(anonymous.getBody()).contains("Sign in"))
			.as("anonymous users are sent to the login page")
			.isTrue();
		ResponseEntity<String> committee = this.http.withBasicAuth("committee", "demo").getForEntity("/", String.class);
		assertThat(committee.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(committee.getBody()).doesNotContain("Nothing is waiting").contains("Determine");
		ResponseEntity<String> secretary = this.http.withBasicAuth("secretary", "demo").getForEntity("/", String.class);
		assertThat(secretary.getBody()).contains("Nothing is waiting for your groups");
	}

}
