package org.guildhall.engine.tasks;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Escalates an overdue board or committee step (fired by the step's non-interrupting
 * boundary timer): raises the open task's priority to {@link #ESCALATED_PRIORITY} and
 * stamps it with the local variable {@code escalatedAt}, which the UI shows as "overdue".
 * The service task names the step in its input parameter {@code overdueStep}.
 */
@Component("overdueStepDelegate")
public class OverdueStepDelegate implements JavaDelegate {

	/** Priority of an escalated task; Camunda's default is 50. */
	public static final int ESCALATED_PRIORITY = 90;

	private static final Logger log = LoggerFactory.getLogger(OverdueStepDelegate.class);

	private final TaskService tasks;

	public OverdueStepDelegate(TaskService tasks) {
		this.tasks = tasks;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String step = (String) execution.getVariable("overdueStep");
		List<Task> open = this.tasks.createTaskQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(step)
			.list();
		for (Task task : open) {
			task.setPriority(Math.max(task.getPriority(), ESCALATED_PRIORITY));
			this.tasks.saveTask(task);
			this.tasks.setVariableLocal(task.getId(), "escalatedAt", ClockUtil.getCurrentTime());
			log.info("Step {} of case {} is overdue; escalated task {}", step, execution.getProcessBusinessKey(),
					task.getId());
		}
	}

}
