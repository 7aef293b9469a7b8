package org.guildhall.engine.tasks;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Thrown by a delegate or listener that refuses what a person submitted, with a message
 * for that person; the step is rolled back and stays open. {@link #field()} names the
 * field at fault. A bad request, not an engine failure: Camunda logs it at DEBUG, not as
 * an ERROR, when it leaves the engine command, and its REST API answers it with 400.
 */
public class StepRefusedException extends BadUserRequestException {

	private final String field;

	public StepRefusedException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
