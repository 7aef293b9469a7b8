package org.guildhall.engine.tasks;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Thrown by a delegate or listener that refuses what a person submitted, with a message
 * for that person; the step is rolled back and stays open. {@link #field()} names the
 * field at fault.
 */
public class StepRefusedException extends ProcessEngineException {

	private final String field;

	public StepRefusedException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
