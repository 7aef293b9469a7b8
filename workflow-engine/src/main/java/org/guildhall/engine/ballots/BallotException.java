package org.guildhall.engine.ballots;

/** Why the ballot box refused something; each carries a message a person can act on. */
public abstract class BallotException extends RuntimeException {

	protected BallotException(String message) {
		super(message);
	}

	/**
	 * The input is malformed (a roll row, a choice); {@link #line()} is the roll line or
	 * 0.
	 */
	public static class Invalid extends BallotException {

		private final int line;

		public Invalid(int line, String message) {
			super(message);
			this.line = line;
		}

		public int line() {
			return this.line;
		}

	}

	/** The credential is unknown for this vote. */
	public static class BadCredential extends BallotException {

		public BadCredential() {
			super("this credential is not valid for this vote");
		}

	}

	/** The member behind the credential has voted already. */
	public static class AlreadyVoted extends BallotException {

		public AlreadyVoted() {
			super("a ballot has already been cast with this credential");
		}

	}

	/**
	 * The action does not fit the vote's state (window not open, credentials issued
	 * already...).
	 */
	public static class WrongState extends BallotException {

		public WrongState(String message) {
			super(message);
		}

	}

	/** No such vote. */
	public static class NotFound extends BallotException {

		public NotFound(String voteId) {
			super("no vote with id " + voteId);
		}

	}

}
