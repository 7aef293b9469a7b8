package org.guildhall.web.demo;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.IdentityDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo profile on first start: the demo users, and the 2008 case replayed up to
 * the point where the negotiating committee must determine whether talks have failed.
 * Every step is completed through the step's form as the user who would do it, so
 * validation and the history apply as in real use. Later starts find the case (by
 * business key) and leave it alone.
 */
@Component
@Profile("demo")
@Order(10)
class DemoData implements ApplicationRunner {

	/** The demo case's title; its business key is made from it. */
	static final String CASE_TITLE = "SAG TV/Theatrical contract 2008";

	static final String CASE_KEY = "sag-tv-theatrical-contract-2008";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final IdentityDirectory directory;

	private final CaseService cases;

	private final HistoryService history;

	private final TaskService tasks;

	private final FormService forms;

	private final IdentityService identity;

	DemoData(IdentityDirectory directory, CaseService cases, HistoryService history, TaskService tasks,
			FormService forms, IdentityService identity) {
		this.directory = directory;
		this.cases = cases;
		this.history = history;
		this.tasks = tasks;
		this.forms = forms;
		this.identity = identity;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.directory.ensureGroups();
		for (DemoUser user : DemoUser.all()) {
			this.directory.ensureUser(user.id(), user.firstName(), user.lastName(), DemoUser.PASSWORD, user.group());
		}
		boolean seeded = this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(CaseService.PROCESS_KEY)
			.processInstanceBusinessKey(CASE_KEY)
			.count() > 0;
		if (!seeded) {
			seedCase();
		}
	}

	private void seedCase() {
		StartedCase started = as(DemoUser.STAFF,
				() -> this.cases.start(new NewCase(CASE_TITLE,
						"Producer-SAG Codified Basic Agreement and Television Agreement (TV/Theatrical)",
						"Alliance of Motion Picture and Television Producers (AMPTP)", LocalDate.of(2008, 6, 30),
						LocalDate.of(2008, 6, 30), "sag-2008")));
		complete(DemoUser.SECRETARY, started, "Task_RecordBoardResolution", Map.of("resolution", "SEEK_MEDIATION",
				"meetingDate", date(2008, 10, 19), "votesFor", 48L, "votesAgainst", 14L, "abstentions", 2L,
				"membersPresent", 64L, "seats", 71L, "committeeMayCallVote", true, "minutes",
				"The national board resolved to seek the assistance of a federal mediator instead of sending a "
						+ "strike authorization referendum to members now. Should the negotiating committee determine "
						+ "that talks have failed, it may call the strike authorization vote itself. "
						+ "(Vote counts are illustrative.)"));
		complete(DemoUser.STAFF, started, "Task_RecordBargainingSession", Map.of("sessionDate", date(2008, 11, 18),
				"mediatorPresent", true, "summary",
				"Two days of talks with the AMPTP under federal mediators. No movement on new-media terms, "
						+ "residuals or the term of the agreement; the mediators ended the session without a new date.",
				"sessionOutcome", "IMPASSE"));
		log.info("Seeded the demo case '{}' ({}), now waiting at Task_DetermineTalksFailed", CASE_TITLE,
				started.businessKey());
	}

	private void complete(DemoUser user, StartedCase started, String step, Map<String, Object> fields) {
		as(user, () -> {
			Task task = this.tasks.createTaskQuery()
				.processInstanceBusinessKey(started.businessKey())
				.taskDefinitionKey(step)
				.singleResult();
			if (task == null) {
				throw new IllegalStateException("demo case is not waiting at " + step);
			}
			this.tasks.claim(task.getId(), user.id());
			this.forms.submitTaskForm(task.getId(), fields);
			return task;
		});
	}

	private <T> T as(DemoUser user, java.util.function.Supplier<T> action) {
		this.identity.setAuthentication(user.id(), java.util.List.of(user.group().id()));
		try {
			return action.get();
		}
		finally {
			this.identity.clearAuthentication();
		}
	}

	private static Date date(int year, int month, int day) {
		return Date.from(LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}
