package org.guildhall.engine.audit;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows changed, deleted, reordered or forged directly in the database are caught by the
 * verifier, which names the first bad sequence number. Each tampering happens in a
 * transaction that is rolled back after the verifier has looked, so the chain the other
 * tests share stays intact.
 */
@SpringBootTest(classes = EngineTestApplication.class)
public class AuditTamperIT {

	@Autowired
	AuditTrail trail;

	@Autowired
	CaseService cases;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	List<AuditEvent> events;

	@BeforeEach
	void aCaseWithATrail() {
		this.identity.setAuthentication("staff", List.of("guild-staff"));
		StartedCase started;
		try {
			started = this.cases
				.start(new NewCase("Tampered case " + System.nanoTime(), null, null, null, null, "sag-2008"));
		}
		finally {
			this.identity.clearAuthentication();
		}
		this.cases.agreementReached(started.id(), new Actor("staff", Set.of("guild-staff")));
		this.events = this.trail.caseTrail(started.id());
		assertThat(this.events).hasSizeGreaterThan(4);
	}

	@Test
	void anUntouchedChainVerifies() {
		Verification verification = this.trail.verify();
		assertThat(verification.ok()).as(verification.problem()).isTrue();
		assertThat(verification.checked()).isEqualTo(this.trail.head().lastSeq());
		assertThat(verification.lastHash()).isEqualTo(this.trail.head().lastHash());
	}

	@Test
	void aChangedRowIsNamed() {
		long seq = this.events.get(2).seq();
		Verification verification = tampered(
				(jdbc) -> jdbc.update("update audit_event set actor = 'mallory' where seq = ?", seq));
		assertThat(verification.ok()).isFalse();
		assertThat(verification.firstBadSequence()).isEqualTo(seq);
		assertThat(verification.problem()).contains("was changed");

		long other = this.events.get(1).seq();
		assertThat(tampered((jdbc) -> jdbc
			.update("update audit_event set data = replace(data, 'strike-authorization', 'x') where seq = ?", other))
			.firstBadSequence()).as("a change inside the details").isEqualTo(other);
	}

	@Test
	void aDeletedRowIsNamed() {
		long seq = this.events.get(3).seq();
		Verification verification = tampered((jdbc) -> jdbc.update("delete from audit_event where seq = ?", seq));
		assertThat(verification.firstBadSequence()).isEqualTo(seq);
		assertThat(verification.problem()).contains("missing");
	}

	@Test
	void reorderedRowsAreNamed() {
		long first = this.events.get(1).seq();
		long second = this.events.get(3).seq();
		Verification verification = tampered((jdbc) -> {
			jdbc.update("update audit_event set seq = ? where seq = ?", first + 1_000_000_000L, first);
			jdbc.update("update audit_event set seq = ? where seq = ?", first, second);
			jdbc.update("update audit_event set seq = ? where seq = ?", second, first + 1_000_000_000L);
		});
		assertThat(verification.firstBadSequence()).isEqualTo(first);
	}

	@Test
	void aForgedRowAppendedAtTheEndIsNamed() {
		AuditTrail.ChainHead head = this.trail.head();
		long forgedSeq = head.lastSeq() + 1;
		AuditEvent forged = new AuditEvent(forgedSeq, java.time.Instant.now(), AuditKind.STEP_COMPLETED.name(),
				this.events.get(0).caseId(), "mallory", "Task_DecideStrike",
				CanonicalJson.write(java.util.Map.of("values", java.util.Map.of("decision", "STRIKE"))),
				head.lastHash(), null);
		String hash = forged.computeHash();
		// a careful forger: right previous hash, right own hash; the chain head gives it
		// away
		Verification careful = tampered((jdbc) -> insert(jdbc, forged, hash));
		assertThat(careful.firstBadSequence()).isEqualTo(forgedSeq);
		assertThat(careful.problem()).contains("appended outside the trail");

		// a careless one who also moves the head but cannot produce the hash
		Verification careless = tampered((jdbc) -> {
			insert(jdbc, forged, "f".repeat(64));
			jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", forgedSeq,
					"f".repeat(64));
		});
		assertThat(careless.firstBadSequence()).isEqualTo(forgedSeq);
		assertThat(careless.problem()).contains("was changed");
	}

	@Test
	void nothingTamperedHereSurvivesTheRollback() {
		long seq = this.events.get(2).seq();
		tampered((jdbc) -> jdbc.update("delete from audit_event where seq = ?", seq));
		assertThat(this.trail.verify().ok()).isTrue();
	}

	private static void insert(JdbcTemplate jdbc, AuditEvent event, String hash) {
		jdbc.update("insert into audit_event (" + AuditTrail.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				event.seq(), java.time.OffsetDateTime.ofInstant(event.occurredAt(), java.time.ZoneOffset.UTC),
				event.kind(), event.caseId(), event.actor(), event.subject(), event.data(), event.prevHash(), hash);
	}

	/**
	 * What a tamperer must do first on this database (nothing on H2; on PostgreSQL,
	 * switch the append-only triggers off).
	 */
	protected void beforeTampering(JdbcTemplate jdbc) {
	}

	/** Tampers, verifies, and rolls the tampering back. */
	private Verification tampered(Consumer<JdbcTemplate> tampering) {
		return new TransactionTemplate(this.transactions).execute((status) -> {
			beforeTampering(this.jdbc);
			tampering.accept(this.jdbc);
			Verification verification = this.trail.verify();
			status.setRollbackOnly();
			return verification;
		});
	}

}
