package org.guildhall.engine;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;

import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives a case step by step through the step forms, as the UI does. */
@Component
public class CaseDriver {

	private final CaseService cases;

	private final TaskService tasks;

	private final FormService forms;

	public CaseDriver(CaseService cases, TaskService tasks, FormService forms) {
		this.cases = cases;
		this.tasks = tasks;
		this.forms = forms;
	}

	public StartedCase start(String title, String ruleSet) {
		return this.cases.start(new NewCase(title, "Test contract", "Test employer", LocalDate.of(2008, 6, 30),
				LocalDate.of(2008, 6, 30), ruleSet));
	}

	/** The single open task of the case at {@code step}; fails if there is none. */
	public Task task(StartedCase started, String step) {
		Task task = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(started.businessKey())
			.taskDefinitionKey(step)
			.singleResult();
		assertThat(task).as("open task " + step + " of " + started.businessKey()).isNotNull();
		return task;
	}

	public void submit(StartedCase started, String step, Map<String, Object> fields) {
		this.forms.submitTaskForm(task(started, step).getId(), fields);
	}

	/** A board-like vote's counts plus {@code extra} fields. */
	public static Map<String, Object> motion(long votesFor, long votesAgainst, long abstentions, long present,
			long seats, Object... extra) {
		Map<String, Object> fields = new HashMap<>(Map.of("votesFor", votesFor, "votesAgainst", votesAgainst,
				"abstentions", abstentions, "membersPresent", present, "seats", seats));
		for (int i = 0; i < extra.length; i += 2) {
			fields.put((String) extra[i], extra[i + 1]);
		}
		return fields;
	}

	public static Date date(int year, int month, int day) {
		return Date.from(LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}
