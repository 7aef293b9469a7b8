package org.guildhall.engine.tasks;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.guildhall.engine.CaseDriver;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.cases.TimelineEntry;
import org.guildhall.engine.identity.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Steps as staff work them: by group, with the model's form, refused with reasons that
 * name the field.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class StepServiceIT {

	static final Actor SECRETARY = new Actor("secretary", Set.of("board-secretary"));

	static final Actor SECRETARY2 = new Actor("secretary2", Set.of("board-secretary"));

	static final Actor STAFF = new Actor("staff", Set.of("guild-staff"));

	@Autowired
	StepService steps;

	@Autowired
	CaseService cases;

	@Autowired
	CaseDriver driver;

	@Autowired
	HistoryService history;

	StartedCase started;

	@BeforeEach
	void startCase() {
		this.started = this.driver.start("Step case " + System.nanoTime(), "sag-2008");
	}

	@Test
	void openStepsAreListedForTheirGroupsOnly() {
		assertThat(this.steps.open(this.started.businessKey(), Set.of("board-secretary"))).extracting(StepTask::stepKey)
			.containsExactly("Task_RecordBoardResolution");
		assertThat(this.steps.open(this.started.businessKey(), Set.of("guild-staff"))).isEmpty();
		StepTask step = this.steps.open(this.started.businessKey(), null).get(0);
		assertThat(step.caseId()).isEqualTo(this.started.id());
		assertThat(step.candidateGroups()).containsExactly("board-secretary");
		assertThat(step.due()).isNotNull();
		assertThat(step.overdue()).isFalse();
	}

	@Test
	void theFormIsTheModelsFormWithChoicesAndHelp() {
		StepForm form = this.steps.form(boardStep().id());
		assertThat(form.caseTitle()).startsWith("Step case");
		StepField resolution = field(form, "resolution");
		assertThat(resolution.type()).isEqualTo("enum");
		assertThat(resolution.required()).isTrue();
		assertThat(resolution.options()).extracting(StepField.Option::value)
			.containsExactly("SEEK_MEDIATION", "CALL_AUTHORIZATION_VOTE", "CONTINUE_BARGAINING", "ACCEPT_OFFER");
		StepField seats = field(form, "seats");
		assertThat(seats.type()).isEqualTo("long");
		assertThat(seats.min()).isEqualTo(1L);
		assertThat(seats.help()).isNotBlank();
	}

	@Test
	void completesWithTextValuesAsABrowserSendsThem() {
		this.steps.complete(boardStep().id(), SECRETARY, board("48", "14", "2", "64", "71"));
		assertThat(this.steps.open(this.started.businessKey(), null)).extracting(StepTask::stepKey)
			.containsExactly("Task_RecordBargainingSession");
		List<TimelineEntry> timeline = this.cases.find(this.started.id()).timeline();
		assertThat(timeline).singleElement().satisfies((entry) -> {
			assertThat(entry.actor()).isEqualTo("secretary");
			assertThat(entry.stepKey()).isEqualTo("Task_RecordBoardResolution");
			assertThat(entry.values()).containsEntry("resolution", "SEEK_MEDIATION").containsEntry("votesFor", 48L);
		});
	}

	@Test
	void refusalsNameTheFieldAndStoreNothing() {
		String id = boardStep().id();
		assertInvalid(id, board("many", "14", "2", "64", "71"), "votesFor", "must be a whole number");
		assertInvalid(id, board("48", "14", "2", "64", "0"), "seats", "at least 1");
		assertInvalid(id, board("48", "14", "2", "72", "71"), "membersPresent", "must not exceed seats (71)");
		Map<String, Object> unknown = board("48", "14", "2", "64", "71");
		unknown.put("strikeNow", "yes");
		assertInvalid(id, unknown, "strikeNow", "is not a field of step Task_RecordBoardResolution");
		Map<String, Object> missing = board("48", "14", "2", "64", "71");
		missing.remove("resolution");
		assertInvalid(id, missing, "resolution", "resolution is required");
		Map<String, Object> badDate = board("48", "14", "2", "64", "71");
		badDate.put("meetingDate", "19/10/2008");
		assertInvalid(id, badDate, "meetingDate", "ISO-8601");
		assertThat(boardStep().id()).isEqualTo(id);
		assertThat(this.cases.find(this.started.id()).timeline()).isEmpty();
	}

	@Test
	void onlyTheStepsGroupsMayActOnIt() {
		assertThatThrownBy(() -> this.steps.complete(boardStep().id(), STAFF, board("48", "14", "2", "64", "71")))
			.isInstanceOf(StepException.Forbidden.class)
			.hasMessageContaining("[board-secretary]");
		assertThatThrownBy(() -> this.steps.claim(boardStep().id(), STAFF)).isInstanceOf(StepException.Forbidden.class);
	}

	@Test
	void aClaimedStepBelongsToItsHolderAndACompletedOneIsNamed() {
		String id = boardStep().id();
		assertThat(this.steps.claim(id, SECRETARY).assignee()).isEqualTo("secretary");
		// still its groups' step, in the case's list as in everyone's, with its holder
		assertThat(this.steps.open(this.started.businessKey(), Set.of("board-secretary", "auditor"))).singleElement()
			.satisfies((step) -> {
				assertThat(step.id()).isEqualTo(id);
				assertThat(step.assignee()).isEqualTo("secretary");
				assertThat(step.caseKey()).isEqualTo(this.started.businessKey());
				assertThat(step.caseId()).isEqualTo(this.started.id());
			});
		assertThat(this.steps.open(null, Set.of("board-secretary"))).extracting(StepTask::id).contains(id);
		assertThat(this.steps.open(this.started.businessKey(), Set.of("guild-staff"))).isEmpty();
		assertThat(this.steps.open(this.started.businessKey(), Set.of())).isEmpty();
		assertThatThrownBy(() -> this.steps.complete(id, SECRETARY2, board("48", "14", "2", "64", "71")))
			.isInstanceOf(StepException.Conflict.class)
			.hasMessageContaining("held by secretary");
		this.steps.complete(id, SECRETARY, board("48", "14", "2", "64", "71"));
		assertThatThrownBy(() -> this.steps.complete(id, SECRETARY2, board("48", "14", "2", "64", "71")))
			.isInstanceOf(StepException.Conflict.class)
			.hasMessageContaining("already completed by secretary at");
		assertThatThrownBy(() -> this.steps.form("no-such-task")).isInstanceOf(StepException.NotFound.class);
	}

	@Test
	void aDelegatesRefusalComesBackAsAnInvalidField() {
		Map<String, Object> vote = board("50", "10", "0", "64", "71");
		vote.put("resolution", "CALL_AUTHORIZATION_VOTE");
		this.steps.complete(boardStep().id(), SECRETARY, vote);
		StepTask prepare = this.steps.open(this.started.businessKey(), null).get(0);
		assertThat(prepare.stepKey()).isEqualTo("Task_PrepareBallot");
		Actor officer = new Actor("officer", Set.of("election-officer"));
		assertInvalid(
				prepare.id(), officer, Map.of("question", "Strike?", "ballotMode", "BALLOT_BOX", "windowStart",
						"2009-01-01T00:00:00Z", "windowEnd", "2009-01-20T00:00:00Z"),
				"ballotMode", "no eligibility roll has been uploaded");
	}

	@Test
	void datesAreReadAsDaysDateTimesOrDateTimesWithAnOffset() {
		String id = boardStep().id();
		Map<String, Object> values = board("48", "14", "2", "64", "71");
		values.put("meetingDate", "19/10/2008");
		assertInvalid(id, values, "meetingDate", "must be an ISO-8601 date");
		values.put("meetingDate", "2008-10-19T18:30:00+25:00");
		assertInvalid(id, values, "meetingDate", "must be an ISO-8601 date");
		values.put("meetingDate", "2008-10-19T18:30:00-05:00");
		this.steps.complete(id, SECRETARY, values);
		assertThat(meetingDate(id)).isEqualTo(Date.from(Instant.parse("2008-10-19T23:30:00Z")));

		StartedCase second = this.driver.start("Step case " + System.nanoTime(), "sag-2008");
		String secondId = this.steps.open(second.businessKey(), null).get(0).id();
		values.put("meetingDate", "2008-10-19T18:30");
		this.steps.complete(secondId, SECRETARY, values);
		assertThat(meetingDate(secondId)).isEqualTo(Date.from(Instant.parse("2008-10-19T18:30:00Z")));
	}

	/** The meeting date the completed step {@code taskId} set in its process instance. */
	private Object meetingDate(String taskId) {
		String instance = this.history.createHistoricTaskInstanceQuery()
			.taskId(taskId)
			.singleResult()
			.getProcessInstanceId();
		return this.history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(instance)
			.variableName("meetingDate")
			.singleResult()
			.getValue();
	}

	private StepTask boardStep() {
		return this.steps.open(this.started.businessKey(), null)
			.stream()
			.filter((step) -> step.stepKey().equals("Task_RecordBoardResolution"))
			.findFirst()
			.orElseThrow();
	}

	private static StepField field(StepForm form, String id) {
		return form.fields().stream().filter((field) -> field.id().equals(id)).findFirst().orElseThrow();
	}

	private void assertInvalid(String taskId, Map<String, Object> values, String field, String message) {
		assertInvalid(taskId, SECRETARY, values, field, message);
	}

	private void assertInvalid(String taskId, Actor actor, Map<String, Object> values, String field, String message) {
		assertThatThrownBy(() -> this.steps.complete(taskId, actor, values)).isInstanceOf(StepException.Invalid.class)
			.hasMessageContaining(message)
			.satisfies((ex) -> assertThat(((StepException.Invalid) ex).field()).isEqualTo(field));
	}

	private static Map<String, Object> board(String votesFor, String votesAgainst, String abstentions, String present,
			String seats) {
		Map<String, Object> values = new HashMap<>(Map.of("resolution", "SEEK_MEDIATION", "votesFor", votesFor,
				"votesAgainst", votesAgainst, "abstentions", abstentions, "membersPresent", present, "seats", seats,
				"committeeMayCallVote", "true", "meetingDate", "2008-10-19", "minutes", "Seek a mediator."));
		return values;
	}

}
