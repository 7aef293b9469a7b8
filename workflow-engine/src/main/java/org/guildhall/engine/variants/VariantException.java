package org.guildhall.engine.variants;

/**
 * Why the sandbox refused an upload, a scenario or a look-up; the message says what to
 * change. Nothing was deployed or started when one of these is thrown.
 */
public abstract class VariantException extends RuntimeException {

	protected VariantException(String message) {
		super(message);
	}

	/** An upload or a scenario is unusable; {@link #field()} names the part at fault. */
	public static class Invalid extends VariantException {

		private final String field;

		public Invalid(String field, String message) {
			super(message);
			this.field = field;
		}

		/**
		 * The part at fault ({@code file}, {@code name}, {@code steps.Task_X}...), or
		 * null.
		 */
		public String field() {
			return this.field;
		}

	}

	/** No such variant deployment, shipped variant or simulated case. */
	public static class NotFound extends VariantException {

		public NotFound(String message) {
			super(message);
		}

	}

	/** The user may not do this (only rules modelers deploy and run variants). */
	public static class Forbidden extends VariantException {

		public Forbidden(String message) {
			super(message);
		}

	}

}
