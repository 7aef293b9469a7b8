package org.guildhall.engine.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier on chains built in memory; AuditTamperIT does the same in the database.
 */
class AuditVerifierTest {

	@Test
	void anUntouchedChainIsOk() {
		List<AuditEvent> chain = chain(5);
		Verification verification = verify(chain, head(chain));
		assertThat(verification.ok()).isTrue();
		assertThat(verification.checked()).isEqualTo(5);
		assertThat(verification.firstBadSequence()).isNull();
		assertThat(verification.lastHash()).isEqualTo(chain.get(4).hash());
	}

	@Test
	void aChangedRowIsNamed() {
		List<AuditEvent> chain = chain(5);
		AuditEvent row = chain.get(2);
		chain.set(2, new AuditEvent(row.seq(), row.occurredAt(), row.kind(), row.caseId(), "mallory", row.subject(),
				row.data(), row.prevHash(), row.hash()));
		Verification verification = verify(chain, head(chain));
		assertThat(verification.ok()).isFalse();
		assertThat(verification.firstBadSequence()).isEqualTo(3);
		assertThat(verification.problem()).contains("row 3 was changed");
	}

	@Test
	void aRowRehashedAfterAChangeBreaksTheNextLink() {
		List<AuditEvent> chain = chain(5);
		AuditEvent row = chain.get(1);
		AuditEvent forged = new AuditEvent(row.seq(), row.occurredAt(), row.kind(), row.caseId(), "mallory",
				row.subject(), row.data(), row.prevHash(), null);
		chain.set(1, new AuditEvent(row.seq(), row.occurredAt(), row.kind(), row.caseId(), "mallory", row.subject(),
				row.data(), row.prevHash(), forged.computeHash()));
		Verification verification = verify(chain, head(chain));
		assertThat(verification.firstBadSequence()).isEqualTo(3);
		assertThat(verification.problem()).contains("does not follow row 2");
	}

	@Test
	void deletedReorderedAndCutOffRowsAreNamed() {
		List<AuditEvent> deleted = chain(5);
		deleted.remove(1);
		assertThat(verify(deleted, head(chain(5))).firstBadSequence()).isEqualTo(2);

		List<AuditEvent> reordered = chain(5);
		reordered.add(1, reordered.remove(3));
		assertThat(verify(reordered, head(chain(5))).firstBadSequence()).isEqualTo(2);

		List<AuditEvent> cut = chain(5);
		AuditTrail.ChainHead head = head(cut);
		cut.remove(4);
		Verification verification = verify(cut, head);
		assertThat(verification.firstBadSequence()).isEqualTo(5);
		assertThat(verification.problem()).contains("missing");
	}

	@Test
	void aSliceIsCheckedFromItsFirstRow() {
		List<AuditEvent> chain = chain(6);
		AuditVerifier slice = new AuditVerifier(false);
		chain.subList(2, 6).forEach(slice::accept);
		assertThat(slice.finish().ok()).isTrue();
		assertThat(slice.finish().checked()).isEqualTo(4);

		AuditVerifier gap = new AuditVerifier(false);
		List.of(chain.get(2), chain.get(4)).forEach(gap::accept);
		assertThat(gap.finish().firstBadSequence()).isEqualTo(4);
	}

	static Verification verify(List<AuditEvent> chain, AuditTrail.ChainHead head) {
		AuditVerifier verifier = new AuditVerifier();
		chain.forEach(verifier::accept);
		return verifier.finish(head);
	}

	static AuditTrail.ChainHead head(List<AuditEvent> chain) {
		AuditEvent last = chain.get(chain.size() - 1);
		return new AuditTrail.ChainHead(last.seq(), last.hash());
	}

	static List<AuditEvent> chain(int length) {
		List<AuditEvent> chain = new ArrayList<>();
		String previous = CanonicalJson.GENESIS;
		for (int seq = 1; seq <= length; seq++) {
			AuditEvent unhashed = new AuditEvent(seq, Instant.parse("2008-10-19T14:00:00Z").plusSeconds(seq),
					AuditKind.STEP_COMPLETED.name(), "case-1", "secretary", "Task_RecordBoardResolution",
					CanonicalJson.write(java.util.Map.of("values", java.util.Map.of("votesFor", 40 + seq))), previous,
					null);
			AuditEvent hashed = new AuditEvent(seq, unhashed.occurredAt(), unhashed.kind(), unhashed.caseId(),
					unhashed.actor(), unhashed.subject(), unhashed.data(), previous, unhashed.computeHash());
			chain.add(hashed);
			previous = hashed.hash();
		}
		return chain;
	}

}
