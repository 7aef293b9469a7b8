package org.guildhall.engine.audit;

/**
 * Recomputes the chain row by row and stops at the first bad one: a row whose hash is not
 * the SHA-256 of its content (changed), whose sequence number is not the next one
 * (deleted, reordered or inserted), or whose previous hash is not its predecessor's hash
 * (reordered or forged). Finally the chain must end where {@code audit_chain_head} says
 * it ends (rows cut off or appended at the end).
 * <p>
 * Feed it rows in sequence order with {@link #accept(AuditEvent)}, then call
 * {@link #finish(AuditTrail.ChainHead)} (a whole chain) or {@link #finish()} (an export
 * that may start anywhere).
 */
public class AuditVerifier {

	private final boolean fromGenesis;

	private long checked;

	private long expectedSeq;

	private String previousHash;

	private Verification failure;

	/** A verifier for a whole chain, which must start at sequence 1. */
	public AuditVerifier() {
		this(true);
	}

	/**
	 * @param fromGenesis false to verify a slice of the chain (a full export filtered
	 * later): the first row is taken as it is and the rest must follow it
	 */
	public AuditVerifier(boolean fromGenesis) {
		this.fromGenesis = fromGenesis;
		this.expectedSeq = 1;
		this.previousHash = CanonicalJson.GENESIS;
	}

	/** Checks the next row; ignored once a bad row was found. */
	public void accept(AuditEvent event) {
		if (this.failure != null) {
			return;
		}
		if (this.checked == 0 && !this.fromGenesis) {
			this.expectedSeq = event.seq();
			this.previousHash = event.prevHash();
		}
		this.checked++;
		if (event.seq() != this.expectedSeq) {
			fail(Math.min(event.seq(), this.expectedSeq),
					(event.seq() > this.expectedSeq)
							? "row " + this.expectedSeq + " is missing (the next row is " + event.seq() + ")"
							: "row " + event.seq() + " is out of order (expected " + this.expectedSeq + ")");
			return;
		}
		String computed;
		try {
			computed = event.computeHash();
		}
		catch (RuntimeException ex) {
			fail(event.seq(), "row " + event.seq() + " cannot be read: " + ex.getMessage());
			return;
		}
		if (!computed.equals(event.hash())) {
			fail(event.seq(), "row " + event.seq() + " was changed: its content hashes to " + computed
					+ ", the row says " + event.hash());
			return;
		}
		if (!this.previousHash.equals(event.prevHash())) {
			fail(event.seq(),
					"row " + event.seq() + " does not follow row " + (event.seq() - 1) + ": its previous hash is "
							+ event.prevHash() + ", row " + (event.seq() - 1) + " hashes to " + this.previousHash);
			return;
		}
		this.previousHash = event.hash();
		this.expectedSeq++;
	}

	/** The verdict on a slice of the chain (an export). */
	public Verification finish() {
		return (this.failure != null) ? this.failure
				: Verification.good(this.checked, (this.checked > 0) ? this.previousHash : null);
	}

	/** The verdict on the whole chain, which must end at {@code head}. */
	public Verification finish(AuditTrail.ChainHead head) {
		if (this.failure != null) {
			return this.failure;
		}
		long last = this.expectedSeq - 1;
		if (head.lastSeq() > last) {
			return Verification.bad(
					this.checked, last + 1, "row " + (last + 1) + " is missing: the chain head says "
							+ "the trail ends at row " + head.lastSeq() + " but the last row is " + last,
					this.previousHash);
		}
		if (head.lastSeq() < last) {
			return Verification.bad(this.checked, head.lastSeq() + 1, "row " + (head.lastSeq() + 1)
					+ " was appended outside the trail: the chain head says the trail ends at row " + head.lastSeq(),
					this.previousHash);
		}
		if (!head.lastHash().equals(this.previousHash)) {
			return Verification.bad(this.checked, Math.max(last, 1),
					"the chain head's hash " + head.lastHash() + " is not the last row's hash " + this.previousHash,
					this.previousHash);
		}
		return Verification.good(this.checked, this.previousHash);
	}

	private void fail(long sequence, String problem) {
		this.failure = Verification.bad(this.checked, sequence, problem, this.previousHash);
	}

}
