package org.guildhall.engine.ballots;

import java.time.Instant;

/**
 * How many have voted so far; never how.
 *
 * @param eligible members eligible to vote
 * @param cast ballots cast
 * @param at when counted
 */
public record Turnout(long eligible, long cast, Instant at) {

	/** Ballots cast as a percentage of eligible members, 0 when nobody is eligible. */
	public double percent() {
		return (this.eligible == 0) ? 0 : 100.0 * this.cast / this.eligible;
	}

}
