package org.guildhall.web.audit;

import java.time.Instant;

import org.guildhall.engine.audit.AuditCase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCaseRowTest {

	@Test
	void aRowWordsItsStatusAndTimesAsTheLayoutDoes() {
		AuditCaseRow row = AuditCaseRow.of(new AuditCase("case-1", "tv-2008", "TV 2008", "def", "sag-2008", 1,
				"AUTHORIZATION_REJECTED", Instant.parse("2008-07-01T09:05:00Z"), "secretary", null, "sandbox"));
		assertThat(row.statusLabel()).isEqualTo("Authorization rejected");
		assertThat(row.statusClass()).isEqualTo("status-authorization_rejected");
		assertThat(row.started()).isEqualTo("1 Jul 2008 09:05 UTC");
		assertThat(row.ended()).isNull();
		assertThat(row.auditCase().sandbox()).isTrue();
		AuditCaseRow ended = AuditCaseRow.of(new AuditCase("case-2", "c-2009", "Commercials", "def", null, null,
				"SETTLED", Instant.parse("2009-01-31T23:59:00Z"), null, Instant.parse("2009-12-24T00:00:00Z")));
		assertThat(ended.statusLabel()).isEqualTo("Settled");
		assertThat(ended.ended()).isEqualTo("24 Dec 2009 00:00 UTC");
	}

}
