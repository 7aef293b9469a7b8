package org.guildhall.engine.ballots;

import java.time.Instant;

/**
 * A member vote run by the ballot box.
 *
 * @param id the vote id
 * @param caseId the case it belongs to
 * @param question the question on the ballot
 * @param windowStart when voting opens
 * @param windowEnd when voting closes
 * @param rollHash SHA-256 of the frozen roll (hex)
 * @param eligible members eligible to vote
 * @param state {@code PREPARED}, {@code OPEN} or {@code CLOSED}
 * @param credentialsIssued whether the credentials CSV was handed out
 */
public record Vote(String id, String caseId, String question, Instant windowStart, Instant windowEnd, String rollHash,
		int eligible, String state, boolean credentialsIssued) {

}
