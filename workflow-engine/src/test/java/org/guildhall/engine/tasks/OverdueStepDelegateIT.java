package org.guildhall.engine.tasks;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.guildhall.engine.CaseDriver;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.cases.StartedCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board step's escalation timer, fired by the engine clock, escalates the still-open
 * task.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class OverdueStepDelegateIT {

	@Autowired
	CaseDriver driver;

	@Autowired
	TaskService tasks;

	@Autowired
	ManagementService management;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void anOverdueBoardStepIsEscalatedAndStaysOpen() {
		StartedCase started = this.driver.start("Overdue case " + System.nanoTime(), "sag-2008");
		Task task = this.driver.task(started, "Task_RecordBoardResolution");
		assertThat(task.getPriority()).isEqualTo(50);
		assertThat(task.getDueDate()).isNotNull();

		Job timer = this.management.createJobQuery()
			.processInstanceId(task.getProcessInstanceId())
			.activityId("Event_BoardResolutionOverdue")
			.singleResult();
		assertThat(timer).isNotNull();
		ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plus(Duration.ofMinutes(1))));
		this.management.executeJob(timer.getId());

		Task escalated = this.driver.task(started, "Task_RecordBoardResolution");
		assertThat(escalated.getId()).isEqualTo(task.getId());
		assertThat(escalated.getPriority()).isEqualTo(OverdueStepDelegate.ESCALATED_PRIORITY);
		assertThat(this.tasks.getVariableLocal(task.getId(), "escalatedAt")).isNotNull();
	}

}
