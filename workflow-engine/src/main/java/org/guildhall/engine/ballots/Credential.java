package org.guildhall.engine.ballots;

/**
 * A member's one-time voting credential, as handed to the mailing vendor.
 *
 * @param memberId the member
 * @param token the credential (groups of four characters joined by hyphens)
 */
public record Credential(String memberId, String token) {

}
