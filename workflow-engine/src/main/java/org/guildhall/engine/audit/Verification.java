package org.guildhall.engine.audit;

/**
 * What the verifier found.
 *
 * @param ok whether every row checked out
 * @param checked how many rows were read
 * @param firstBadSequence the sequence number of the first bad row (or where a missing
 * row should be), null if ok
 * @param problem why that row is bad, null if ok
 * @param lastHash the hash of the last good row: keep it, and a later verification that
 * still contains it proves nothing before it changed
 */
public record Verification(boolean ok, long checked, Long firstBadSequence, String problem, String lastHash) {

	static Verification good(long checked, String lastHash) {
		return new Verification(true, checked, null, null, lastHash);
	}

	static Verification bad(long checked, long sequence, String problem, String lastHash) {
		return new Verification(false, checked, sequence, problem, lastHash);
	}

}
