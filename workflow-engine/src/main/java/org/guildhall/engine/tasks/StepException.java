package org.guildhall.engine.tasks;

/**
 * Base of the ways a step action is refused; each carries a message a person can act on.
 */
public abstract class StepException extends RuntimeException {

	protected StepException(String message) {
		super(message);
	}

	/** No open step has that id (and none ever had). */
	public static class NotFound extends StepException {

		public NotFound(String taskId) {
			super("no step with id " + taskId);
		}

	}

	/** The user is not in any of the step's candidate groups. */
	public static class Forbidden extends StepException {

		public Forbidden(String message) {
			super(message);
		}

	}

	/** The step was completed already, or someone else holds it. */
	public static class Conflict extends StepException {

		public Conflict(String message) {
			super(message);
		}

	}

	/** A submitted value is invalid; {@link #field()} names the field. */
	public static class Invalid extends StepException {

		private final String field;

		public Invalid(String field, String message) {
			super(message);
			this.field = field;
		}

		public String field() {
			return this.field;
		}

	}

}
