package org.guildhall.web.tasks;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.tasks.StepException;
import org.guildhall.engine.tasks.StepField;
import org.guildhall.engine.tasks.StepForm;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The step page with the application's security configuration and a mocked StepService.
 */
@WebMvcTest(controllers = TaskController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.guildhall\\.web\\.security\\.SecurityConfiguration"))
class TaskControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	StepService steps;

	@MockitoBean
	IdentityService identity;

	@BeforeEach
	void form() {
		given(this.steps.form("t-1")).willReturn(form(null));
	}

	static StepForm form(String assignee) {
		StepTask task = new StepTask("t-1", "case-1", "tv-2008", "Task_DetermineTalksFailed",
				"Determine whether talks have failed", List.of("negotiating-committee"), assignee, new Date(),
				new Date(System.currentTimeMillis() - 86_400_000L), false);
		return new StepForm(task, "TV 2008", List.of(
				new StepField("talksFailed", "Talks have failed", "boolean", false, List.of(), null, null, null,
						"Tick if the committee finds that talks have failed.", null),
				new StepField("outcome", "Outcome", "enum", true,
						List.of(new StepField.Option("A", "Option A"), new StepField.Option("B", "Option B")), null,
						null, null, null, "B"),
				new StepField("meetingDate", "Date the committee met", "date", false, List.of(), null, null, null, null,
						Date.from(Instant.parse("2008-11-20T00:00:00Z"))),
				new StepField("windowStart", "Voting opens", "date", true, List.of(), null, null, null, null, null),
				new StepField("seats", "Seats on the committee", "long", true, List.of(), 1L, 500L, null,
						"Total seats.", null),
				new StepField("reasons", "Reasons", "string", false, List.of(), null, null, 10000, null, null)));
	}

	@SuppressWarnings("unchecked")
	static List<StepFormView.Input> inputs(MvcResult result) {
		return (List<StepFormView.Input>) result.getModelAndView().getModel().get("inputs");
	}

	static RequestPostProcessor committee() {
		return SecurityMockMvcRequestPostProcessors.user("committee")
			.authorities(new SimpleGrantedAuthority("negotiating-committee"));
	}

	static RequestPostProcessor auditor() {
		return SecurityMockMvcRequestPostProcessors.user("auditor").authorities(new SimpleGrantedAuthority("auditor"));
	}

	@Test
	void rendersEachFieldWithTheControlItsTypeNeeds() throws Exception {
		this.mvc.perform(get("/tasks/t-1").with(committee()))
			.andExpect(status().isOk())
			.andExpect(view().name(TaskController.TASK_VIEW))
			.andExpect(model().attribute("mayAct", true))
			.andExpect((result) -> assertThat(inputs(result))
				.extracting(StepFormView.Input::id, StepFormView.Input::control)
				.containsExactly(tuple("talksFailed", "checkbox"), tuple("outcome", "radio"),
						tuple("meetingDate", "date"), tuple("windowStart", "datetime-local"), tuple("seats", "number"),
						tuple("reasons", "textarea")))
			.andExpect(content().string(allOf(
					// boolean: a hidden false before the checkbox, help tied by
					// aria-describedby
					containsString("<input type=\"hidden\" name=\"talksFailed\" value=\"false\">"),
					containsString("type=\"checkbox\" id=\"talksFailed\" name=\"talksFailed\" value=\"true\""),
					containsString("aria-describedby=\"talksFailed-help\""), containsString("id=\"talksFailed-help\""),
					// enum: radio buttons; the case's earlier value is shown, not filled
					// in
					containsString("type=\"radio\" id=\"outcome-1\" name=\"outcome\" value=\"B\">"),
					containsString("id=\"outcome-previous\">Last recorded in this case: <span>Option B</span>"),
					// dates, the voting window in UTC with a time, numbers with their
					// limits
					containsString("type=\"date\" id=\"meetingDate\" name=\"meetingDate\" value=\"\""),
					containsString("Last recorded in this case: <span>2008-11-20</span>"),
					containsString("type=\"datetime-local\" id=\"windowStart\""),
					containsString("min=\"1\" max=\"500\""),
					// long text with its limit
					containsString("maxlength=\"10000\""),
					// overdue: a badge with words, not colour alone
					containsString("Overdue"), containsString("Claim"))));
	}

	@Test
	void usersOutsideTheGroupsMayReadButNotAct() throws Exception {
		String html = this.mvc.perform(get("/tasks/t-1").with(auditor()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("mayAct", false))
			.andExpect(model().attribute("readOnly", true))
			.andExpect(content().string(allOf(containsString("you can read it but not act on it"),
					containsString("only <span>negotiating-committee</span> may complete this step"),
					not(containsString(">Claim<")), not(containsString("Complete the step")))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		// every field is shown, disabled; the only button left is "Sign out"
		for (String control : List.of("id=\"talksFailed\"", "id=\"outcome-0\"", "id=\"outcome-1\"",
				"id=\"meetingDate\"", "id=\"windowStart\"", "id=\"seats\"", "id=\"reasons\"")) {
			assertThat(tag(html, control)).as(control).contains("disabled=\"disabled\"");
		}
		assertThat(html.split("type=\"submit\"", -1)).hasSize(2);
		assertThat(html).contains(">Sign out<");
	}

	/** The start tag of the element with {@code attribute}. */
	static String tag(String html, String attribute) {
		int at = html.indexOf(attribute);
		assertThat(at).as(attribute).isPositive();
		return html.substring(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
	}

	@Test
	void aStepHeldBySomeoneElseIsReadOnlyToTheRestOfItsGroup() throws Exception {
		given(this.steps.form("t-1")).willReturn(form("someone-else"));
		this.mvc.perform(get("/tasks/t-1").with(committee()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("mayAct", true))
			.andExpect(model().attribute("readOnly", true))
			.andExpect(content().string(allOf(containsString("someone-else</span> holds this step"),
					not(containsString("Complete the step")), containsString("disabled"))));
	}

	@Test
	void membersOfTheGroupGetAnEditableFormWithItsButtons() throws Exception {
		this.mvc.perform(get("/tasks/t-1").with(committee()))
			.andExpect(model().attribute("readOnly", false))
			.andExpect(content().string(allOf(containsString(">Claim<"), containsString("Complete the step"),
					not(containsString("disabled")), not(containsString("you can read it but not act on it")))));
	}

	@Test
	@SuppressWarnings("unchecked")
	void completingSendsTheFieldsAndGoesToTheCase() throws Exception {
		this.mvc
			.perform(post("/tasks/t-1/complete").with(committee())
				.with(csrf())
				.param("talksFailed", "false", "true")
				.param("outcome", "A")
				.param("meetingDate", "2008-11-21")
				.param("windowStart", "2008-12-01T18:00")
				.param("seats", "71")
				.param("reasons", "")
				.param("unrelated", "x"))
			.andExpect(redirectedUrl("/cases/case-1"))
			.andExpect(flash().attribute("message", containsString("Step completed")));
		ArgumentCaptor<Map<String, Object>> values = ArgumentCaptor.forClass(Map.class);
		verify(this.steps).complete(eq("t-1"), eq(new Actor("committee", Set.of("negotiating-committee"))),
				values.capture());
		assertThat(values.getValue()).containsOnly(Map.entry("talksFailed", "true"), Map.entry("outcome", "A"),
				Map.entry("meetingDate", "2008-11-21"), Map.entry("windowStart", "2008-12-01T18:00"),
				Map.entry("seats", "71"), Map.entry("reasons", ""));
	}

	@Test
	@SuppressWarnings("unchecked")
	void anUncheckedBoxIsAnExplicitFalse() throws Exception {
		this.mvc
			.perform(post("/tasks/t-1/complete").with(committee())
				.with(csrf())
				.param("talksFailed", "false")
				.param("outcome", "A"))
			.andExpect(redirectedUrl("/cases/case-1"));
		ArgumentCaptor<Map<String, Object>> values = ArgumentCaptor.forClass(Map.class);
		verify(this.steps).complete(eq("t-1"), any(), values.capture());
		assertThat(values.getValue()).containsEntry("talksFailed", "false");
	}

	@Test
	void anInvalidFieldComesBackWithItsMessageAndTheValuesKept() throws Exception {
		willThrow(new StepException.Invalid("seats", "membersPresent (80) must not exceed seats (71)"))
			.given(this.steps)
			.complete(eq("t-1"), any(), anyMap());
		this.mvc
			.perform(post("/tasks/t-1/complete").with(committee())
				.with(csrf())
				.param("talksFailed", "false", "true")
				.param("outcome", "A")
				.param("seats", "71")
				.param("reasons", "No movement on residuals"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(view().name(TaskController.TASK_VIEW))
			.andExpect(model().attribute("formError", nullValue()))
			.andExpect(content().string(allOf(containsString("id=\"seats-error\""),
					containsString("membersPresent (80) must not exceed \u201cSeats on the committee\u201d (71)"),
					containsString("aria-describedby=\"seats-help seats-error\""),
					containsString("aria-invalid=\"true\""), containsString("No movement on residuals</textarea>"),
					containsString("value=\"A\" checked=\"checked\""),
					containsString("aria-describedby=\"talksFailed-help\" checked=\"checked\""))));
	}

	@Test
	void aRefusalWithoutAFieldIsShownAboveTheForm() throws Exception {
		willThrow(new StepException.Invalid(null, "the ballot box is not built yet")).given(this.steps)
			.complete(eq("t-1"), any(), anyMap());
		this.mvc.perform(post("/tasks/t-1/complete").with(committee()).with(csrf()).param("outcome", "A"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(model().attribute("formError", "the ballot box is not built yet"));
	}

	@Test
	void someoneOutsideTheGroupsIsToldWhy() throws Exception {
		willThrow(new StepException.Forbidden("step Task_DetermineTalksFailed is for [negotiating-committee]"))
			.given(this.steps)
			.complete(eq("t-1"), any(), anyMap());
		this.mvc.perform(post("/tasks/t-1/complete").with(auditor()).with(csrf()).param("outcome", "A"))
			.andExpect(status().isForbidden())
			.andExpect(view().name(TaskController.TASK_VIEW))
			.andExpect(model().attribute("formError", containsString("is for [negotiating-committee]")));
	}

	@Test
	void aStepCompletedMeanwhileNamesWhoAndWhen() throws Exception {
		willThrow(new StepException.Conflict(
				"step Task_DetermineTalksFailed was already completed by secretary at 2008-11-20T10:00:00Z"))
			.given(this.steps)
			.complete(eq("t-1"), any(), anyMap());
		this.mvc.perform(post("/tasks/t-1/complete").with(committee()).with(csrf()).param("outcome", "A"))
			.andExpect(status().isConflict())
			.andExpect(view().name(TaskController.UNAVAILABLE_VIEW))
			.andExpect(model().attribute("caseId", "case-1"))
			.andExpect(content().string(
					allOf(containsString("This step was already completed by secretary on 20 Nov 2008 at 10:00 UTC."),
							containsString("/cases/case-1"))));
	}

	@Test
	void openingACompletedStepSaysWhoDidIt() throws Exception {
		given(this.steps.form("t-2")).willThrow(new StepException.Conflict(
				"step Task_DetermineTalksFailed was already completed by committee at 2008-11-20T10:00:00Z"));
		this.mvc.perform(get("/tasks/t-2").with(committee()))
			.andExpect(status().isConflict())
			.andExpect(view().name(TaskController.UNAVAILABLE_VIEW))
			.andExpect(content().string(containsString("completed by committee on 20 Nov 2008 at 10:00 UTC")));
	}

	@Test
	void anUnknownStepIsAFriendlyNotFound() throws Exception {
		given(this.steps.form("nope")).willThrow(new StepException.NotFound("nope"));
		this.mvc.perform(get("/tasks/nope").with(committee()))
			.andExpect(status().isNotFound())
			.andExpect(view().name(TaskController.ERROR_VIEW))
			.andExpect(
					content().string(allOf(containsString("no step with that id"), not(containsString("Exception")))));
	}

	@Test
	void claimAndReleaseGoBackToTheStep() throws Exception {
		this.mvc.perform(post("/tasks/t-1/claim").with(committee()).with(csrf()))
			.andExpect(redirectedUrl("/tasks/t-1"))
			.andExpect(flash().attribute("message", containsString("You hold this step")));
		verify(this.steps).claim(eq("t-1"), any());
		this.mvc.perform(post("/tasks/t-1/unclaim").with(committee()).with(csrf()))
			.andExpect(redirectedUrl("/tasks/t-1"))
			.andExpect(flash().attribute("message", containsString("released")));
		verify(this.steps).unclaim(eq("t-1"), any());
	}

	@Test
	void aRefusedClaimSaysWhy() throws Exception {
		given(this.steps.claim(eq("t-1"), any()))
			.willThrow(new StepException.Conflict("step Task_DetermineTalksFailed is held by someone"));
		this.mvc.perform(post("/tasks/t-1/claim").with(committee()).with(csrf()))
			.andExpect(redirectedUrl("/tasks/t-1"))
			.andExpect(flash().attribute("error", containsString("held by someone")));
	}

	@Test
	void theHolderSeesReleaseAndOthersSeeWhoHoldsIt() throws Exception {
		given(this.steps.form("t-1")).willReturn(form("committee"));
		this.mvc.perform(get("/tasks/t-1").with(committee()))
			.andExpect(model().attribute("heldByMe", true))
			.andExpect(content().string(containsString("Release")));
		given(this.steps.form("t-1")).willReturn(form("other"));
		this.mvc.perform(get("/tasks/t-1").with(committee()))
			.andExpect(model().attribute("heldByOther", true))
			.andExpect(content().string(containsString("must complete or release it")));
	}

	@Test
	void actionsNeedTheCsrfToken() throws Exception {
		this.mvc.perform(post("/tasks/t-1/complete").with(committee()).param("outcome", "A"))
			.andExpect(status().isForbidden());
		verify(this.steps, never()).complete(any(), any(), anyMap());
	}

	@Test
	void otherConflictsAreShownAsTheyAre() {
		assertThat(TaskController.conflict("step X is held by secretary; they must complete or release it first"))
			.isEqualTo("step X is held by secretary; they must complete or release it first");
	}

}
