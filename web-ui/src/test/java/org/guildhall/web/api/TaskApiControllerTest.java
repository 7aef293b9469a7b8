package org.guildhall.web.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.guildhall.engine.cases.CaseNotFoundException;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseStatus;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.tasks.StepException;
import org.guildhall.engine.tasks.StepField;
import org.guildhall.engine.tasks.StepForm;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.guildhall.web.api.ApiFixtures.as;
import static org.guildhall.web.api.ApiFixtures.day;
import static org.guildhall.web.api.ApiFixtures.details;
import static org.guildhall.web.api.ApiFixtures.step;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ApiSliceTest(TaskApiController.class)
class TaskApiControllerTest {

	static final Actor SECRETARY = new Actor("secretary", Set.of("board-secretary"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	StepService steps;

	@MockitoBean
	CaseService cases;

	StepTask board = step("t1", "Task_RecordBoardResolution", "board-secretary", null);

	@BeforeEach
	void openStep() {
		given(this.steps.form("t1"))
			.willReturn(new StepForm(this.board, "TV 2008", List.of(
					new StepField("resolution", "Resolution", "enum", true,
							List.of(new StepField.Option("SEEK_MEDIATION", "Seek mediation"),
									new StepField.Option("CALL_AUTHORIZATION_VOTE",
											"Call a strike authorization vote")),
							null, null, null, "What the board resolved", null),
					new StepField("seats", "Seats", "long", true, List.of(), 1L, null, null, null, 71L),
					new StepField("meetingDate", "Meeting date", "date", false, List.of(), null, null, null, null,
							day(2008, 10, 19)))));
	}

	@Test
	void listsTheOpenStepsOfACaseByItsId() throws Exception {
		given(this.cases.find("case-1")).willReturn(details(CaseStatus.ACTIVE, this.board));
		given(this.steps.open("tv-2008", null)).willReturn(List.of(this.board));
		this.mvc.perform(get("/api/tasks").param("caseId", "case-1").with(as("auditor", "auditor")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value("t1"))
			.andExpect(jsonPath("$[0].caseId").value("case-1"))
			.andExpect(jsonPath("$[0].stepKey").value("Task_RecordBoardResolution"))
			.andExpect(jsonPath("$[0].candidateGroups[0]").value("board-secretary"))
			.andExpect(jsonPath("$[0].assignee").doesNotExist())
			.andExpect(jsonPath("$[0].overdue").value(false));
	}

	@Test
	void stepsOfAnUnknownCaseAreNotFound() throws Exception {
		given(this.cases.find("nope")).willThrow(new CaseNotFoundException("nope"));
		this.mvc.perform(get("/api/tasks").param("caseId", "nope").with(as("auditor", "auditor")))
			.andExpect(status().isNotFound());
	}

	@Test
	void showsTheFormWithTypesConstraintsAndValues() throws Exception {
		this.mvc.perform(get("/api/tasks/t1/form").with(as("secretary", "board-secretary")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.task.stepKey").value("Task_RecordBoardResolution"))
			.andExpect(jsonPath("$.caseTitle").value("TV 2008"))
			.andExpect(jsonPath("$.fields[0].id").value("resolution"))
			.andExpect(jsonPath("$.fields[0].type").value("enum"))
			.andExpect(jsonPath("$.fields[0].required").value(true))
			.andExpect(jsonPath("$.fields[0].options[1].value").value("CALL_AUTHORIZATION_VOTE"))
			.andExpect(jsonPath("$.fields[0].help").value("What the board resolved"))
			.andExpect(jsonPath("$.fields[1].min").value(1))
			.andExpect(jsonPath("$.fields[1].value").value(71))
			.andExpect(jsonPath("$.fields[2].value").value("2008-10-19T00:00:00Z"));
	}

	@Test
	void completingAnswersWhereTheCaseWentNext() throws Exception {
		given(this.cases.find("case-1"))
			.willReturn(details(CaseStatus.ACTIVE, step("t2", "Task_PrepareBallot", "election-officer", null)));
		this.mvc
			.perform(post("/api/tasks/t1/complete").with(as("secretary", "board-secretary"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"resolution":"CALL_AUTHORIZATION_VOTE","votesFor":48,"committeeMayCallVote":false,
						 "meetingDate":"2008-10-19"}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.caseId").value("case-1"))
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.activeSteps[0].stepKey").value("Task_PrepareBallot"));
		verify(this.steps).complete("t1", SECRETARY, Map.of("resolution", "CALL_AUTHORIZATION_VOTE", "votesFor", 48,
				"committeeMayCallVote", false, "meetingDate", "2008-10-19"));
	}

	@Test
	void anInvalidValueIsABadRequestNamingTheField() throws Exception {
		willThrow(new StepException.Invalid("votesFor", "votesFor must be at least 0, not -1")).given(this.steps)
			.complete(eq("t1"), any(), anyMap());
		this.mvc
			.perform(post("/api/tasks/t1/complete").with(as("secretary", "board-secretary"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"votesFor\":-1}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("votesFor"))
			.andExpect(jsonPath("$.detail").value("votesFor must be at least 0, not -1"));
	}

	@Test
	void aBodyThatIsNoJsonObjectIsABadRequest() throws Exception {
		this.mvc
			.perform(post("/api/tasks/t1/complete").with(as("secretary", "board-secretary"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("[1, 2]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("the body must be a JSON object"));
		verify(this.steps, never()).complete(anyString(), any(), anyMap());
	}

	@Test
	void aUserOutsideTheStepsGroupsIsForbidden() throws Exception {
		willThrow(new StepException.Forbidden(
				"step Task_RecordBoardResolution is for [board-secretary]; staff is in [guild-staff]"))
			.given(this.steps)
			.complete(eq("t1"), any(), anyMap());
		this.mvc
			.perform(post("/api/tasks/t1/complete").with(as("staff", "guild-staff"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value(containsString("is for [board-secretary]")));
	}

	@Test
	void aCompletedStepIsAConflictNamingWhoCompletedIt() throws Exception {
		given(this.steps.form("t1")).willThrow(new StepException.Conflict(
				"step Task_RecordBoardResolution was already completed by secretary at 2008-10-19T18:00:00Z"));
		this.mvc
			.perform(post("/api/tasks/t1/complete").with(as("secretary", "board-secretary"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("already completed by secretary")));
	}

	@Test
	void anUnknownStepIsNotFound() throws Exception {
		given(this.steps.form("t404")).willThrow(new StepException.NotFound("t404"));
		this.mvc.perform(get("/api/tasks/t404/form").with(as("secretary", "board-secretary")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("no step with id t404"));
	}

	@Test
	void claimingAndReleasing() throws Exception {
		given(this.steps.claim("t1", SECRETARY)).willReturn(new StepTask("t1", "case-1", "tv-2008",
				"Task_RecordBoardResolution", "Record", List.of("board-secretary"), "secretary", null, null, false));
		this.mvc.perform(post("/api/tasks/t1/claim").with(as("secretary", "board-secretary")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.assignee").value("secretary"));
		this.mvc.perform(post("/api/tasks/t1/unclaim").with(as("secretary", "board-secretary")))
			.andExpect(status().isNoContent());
		verify(this.steps).unclaim("t1", SECRETARY);
	}

	@Test
	void anUnexpectedFailureShowsAReferenceButNoInternals() throws Exception {
		given(this.steps.open(null, null)).willThrow(new IllegalStateException("secret database detail"));
		this.mvc.perform(get("/api/tasks").with(as("auditor", "auditor")))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.reference").exists())
			.andExpect(jsonPath("$.detail").value(containsString("quote reference")))
			.andExpect(content().string(not(containsString("secret database detail"))));
	}

}
