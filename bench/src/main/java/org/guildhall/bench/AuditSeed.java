package org.guildhall.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditRecord;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.audit.CanonicalJson;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the audit trail with finished cases for the auditor's pages: each seeded case is
 * the trail of a real finished case (driven through the services by
 * {@link FullCaseMeasure}) recorded again through the real {@link AuditTrail} API under a
 * new case id, business key and title, earlier in time, so every row is chained and
 * hashed as the application does it and the case index ({@code audit_case}) is written by
 * the trail itself. Running 10,000 real cases would take minutes; their trails would have
 * the same shape.
 */
final class AuditSeed {

	private static final int CASES_PER_TRANSACTION = 50;

	private final Engine engine;

	AuditSeed(Engine engine) {
		this.engine = engine;
	}

	/**
	 * Records {@code count} copies of the real case {@code templateCaseId}'s trail;
	 * answers the number of events written.
	 */
	long seed(String templateCaseId, int count) {
		AuditTrail trail = this.engine.bean(AuditTrail.class);
		List<AuditEvent> template = trail.caseTrail(templateCaseId);
		if (template.isEmpty()) {
			throw new IllegalStateException("case " + templateCaseId + " has no trail");
		}
		AuditEvent started = template.stream()
			.filter((event) -> AuditKind.CASE_STARTED.name().equals(event.kind()))
			.findFirst()
			.orElseThrow();
		String businessKey = String.valueOf(started.details().get("businessKey"));
		String title = String.valueOf(started.details().get("title"));
		TransactionTemplate transaction = new TransactionTemplate(this.engine.bean(PlatformTransactionManager.class));
		long written = 0;
		for (int first = 1; first <= count; first += CASES_PER_TRANSACTION) {
			int last = Math.min(count, first + CASES_PER_TRANSACTION - 1);
			List<AuditRecord> records = new ArrayList<>();
			for (int i = first; i <= last; i++) {
				String caseId = String.format("seeded-%05d-%s", i, templateCaseId);
				String newKey = String.format("seeded-%05d-%s", i, businessKey);
				String newTitle = String.format("Seeded case %05d (%s)", i, title);
				// spread over the past: one case started every ten minutes
				Duration earlier = Duration.ofMinutes(10L * i);
				for (AuditEvent event : template) {
					String data = event.data()
						.replace(templateCaseId, caseId)
						.replace(businessKey, newKey)
						.replace(title, newTitle);
					@SuppressWarnings("unchecked")
					Map<String, ?> details = (Map<String, ?>) CanonicalJson.parse(data);
					records.add(new AuditRecord(event.occurredAt().minus(earlier), event.knownKind(), caseId,
							event.actor(), event.subject(), details));
				}
			}
			transaction.executeWithoutResult((status) -> records.forEach(trail::record));
			written += records.size();
		}
		return written;
	}

}
