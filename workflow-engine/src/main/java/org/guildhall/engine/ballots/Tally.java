package org.guildhall.engine.ballots;

/**
 * The counts of a closed vote.
 *
 * @param yes YES ballots
 * @param no NO ballots
 * @param abstain ABSTAIN ballots
 * @param spoiled spoiled ballots (always 0 for the electronic box)
 * @param eligible members eligible to vote
 */
public record Tally(long yes, long no, long abstain, long spoiled, long eligible) {

	/** Ballots returned. */
	public long cast() {
		return this.yes + this.no + this.abstain + this.spoiled;
	}

}
