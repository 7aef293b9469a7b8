package org.guildhall.engine.ballots;

/**
 * A roll as uploaded: its size and fingerprint.
 *
 * @param entries rows in the roll
 * @param eligible members in good standing (eligible to vote)
 * @param rollHash SHA-256 (hex) of the roll's canonical form: entries sorted by member
 * id, one line {@code memberId<TAB>name<TAB>true|false} each
 */
public record RollSummary(int entries, int eligible, String rollHash) {

}
