package org.guildhall.engine.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camunda's history cleanup removes a finished case's {@code ACT_HI_*} rows once its
 * history time to live has passed; the audit trail keeps the case. Runs on a database of
 * its own, since cleanup removes the history of every finished case.
 */
@SpringBootTest(classes = EngineTestApplication.class,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-cleanup-test;DB_CLOSE_DELAY=-1")
class AuditCleanupIT {

	static final Actor STAFF = new Actor("staff", Set.of("guild-staff"));

	@Autowired
	CaseService cases;

	@Autowired
	HistoryService history;

	@Autowired
	ManagementService management;

	@Autowired
	IdentityService identity;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void theTrailOutlivesHistoryCleanup() {
		this.identity.setAuthentication("staff", List.of("guild-staff"));
		StartedCase started;
		try {
			started = this.cases
				.start(new NewCase("Cleaned-up case " + System.nanoTime(), null, null, null, null, "sag-2008"));
		}
		finally {
			this.identity.clearAuthentication();
		}
		this.cases.agreementReached(started.id(), STAFF);
		this.cases.withdraw(started.id(), "Superseded", STAFF);
		List<AuditEvent> before = this.trail.caseTrail(started.id());
		assertThat(historicRows(started.id())).isPositive();
		assertThat(this.history.createHistoricProcessInstanceQuery().processInstanceId(started.id()).count())
			.isEqualTo(1);

		// ten years and a day later (the processes' history time to live is P3650D)
		ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(3651))));
		for (int run = 0; run < 10 && historicRows(started.id()) > 0; run++) {
			Job cleanup = this.history.cleanUpHistoryAsync(true);
			this.management.executeJob(cleanup.getId());
		}

		assertThat(this.history.createHistoricProcessInstanceQuery().processInstanceId(started.id()).count())
			.as("Camunda's history of the case is gone")
			.isZero();
		assertThat(historicRows(started.id())).isZero();
		assertThat(this.trail.caseTrail(started.id())).as("the trail is not").isEqualTo(before);
		assertThat(this.trail.auditCase(started.id())).hasValueSatisfying((indexed) -> {
			assertThat(indexed.status()).isEqualTo("WITHDRAWN");
			assertThat(indexed.title()).startsWith("Cleaned-up case");
		});
		assertThat(this.trail.verify().ok()).isTrue();
	}

	private long historicRows(String caseId) {
		return this.jdbc.queryForObject("select count(*) from ACT_HI_ACTINST where ROOT_PROC_INST_ID_ = ?", Long.class,
				caseId)
				+ this.jdbc.queryForObject("select count(*) from ACT_HI_TASKINST where ROOT_PROC_INST_ID_ = ?",
						Long.class, caseId)
				+ this.jdbc.queryForObject("select count(*) from ACT_HI_PROCINST where ROOT_PROC_INST_ID_ = ?",
						Long.class, caseId);
	}

}
