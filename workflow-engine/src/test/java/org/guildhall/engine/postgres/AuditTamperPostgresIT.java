package org.guildhall.engine.postgres;

import org.guildhall.engine.audit.AuditTamperIT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AuditTamperIT} on a real PostgreSQL, where triggers refuse changes to the trail:
 * the tamperer here is a superuser who switches them off, and the chain still shows what
 * they did.
 */
@ContextConfiguration(initializers = PostgresInitializer.class)
class AuditTamperPostgresIT extends AuditTamperIT {

	@Autowired
	JdbcTemplate postgres;

	@Override
	protected void beforeTampering(JdbcTemplate jdbc) {
		jdbc.execute("set local session_replication_role = replica");
	}

	@Test
	void theTrailRefusesUpdatesDeletesAndTruncation() {
		assertThatThrownBy(() -> this.postgres.update("update audit_event set actor = 'mallory' where seq = 1"))
			.rootCause()
			.hasMessageContaining("audit_event is append-only: UPDATE refused");
		assertThatThrownBy(() -> this.postgres.update("delete from audit_event where seq = 1")).rootCause()
			.hasMessageContaining("audit_event is append-only: DELETE refused");
		assertThatThrownBy(() -> this.postgres.execute("truncate audit_event")).rootCause()
			.hasMessageContaining("audit_event is append-only: TRUNCATE refused");
	}

}
