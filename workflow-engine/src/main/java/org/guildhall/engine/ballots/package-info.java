/**
 * The ballot box, kept out of the process engine: the engine only sees "prepare", "open",
 * "close and tally" and a turnout report. The box itself arrives with the member-vote
 * issue; until then the BALLOT_BOX mode refuses clearly and CERTIFIED_TALLY is the way to
 * decide a member vote.
 */
package org.guildhall.engine.ballots;
