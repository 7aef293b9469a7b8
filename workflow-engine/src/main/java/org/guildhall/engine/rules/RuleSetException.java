package org.guildhall.engine.rules;

/**
 * Base of the ways the rules studio refuses a request (creating, uploading, approving or
 * trying a rule-set version); each carries a message a person can act on.
 */
public abstract class RuleSetException extends RuntimeException {

	protected RuleSetException(String message) {
		super(message);
	}

	/**
	 * Parameters, an uploaded DMN or counts are invalid; {@link #field()} names the field
	 * at fault where there is one. Nothing was stored or deployed.
	 */
	public static class Invalid extends RuleSetException {

		private final String field;

		public Invalid(String field, String message) {
			super(message);
			this.field = field;
		}

		/** The field at fault, e.g. {@code memberVote.threshold}, or null. */
		public String field() {
			return this.field;
		}

	}

	/**
	 * The user may not do this: not a rules modeler, or the author of the version they
	 * try to approve.
	 */
	public static class Forbidden extends RuleSetException {

		public Forbidden(String message) {
			super(message);
		}

	}

	/** No such rule set or version (or none approved yet). */
	public static class NotFound extends RuleSetException {

		public NotFound(String message) {
			super(message);
		}

	}

	/**
	 * The version is approved already, or another version was created at the same time.
	 */
	public static class Conflict extends RuleSetException {

		public Conflict(String message) {
			super(message);
		}

	}

}
