package org.guildhall.web.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.guildhall.engine.cases.CaseDetails;
import org.guildhall.engine.cases.CaseStatus;
import org.guildhall.engine.cases.CaseSummary;
import org.guildhall.engine.cases.DecisionRecord;
import org.guildhall.engine.cases.TimelineEntry;
import org.guildhall.engine.tasks.StepTask;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Users and engine records for the API slice tests. */
final class ApiFixtures {

	static final Date STARTED = Date.from(Instant.parse("2008-07-01T09:00:00Z"));

	private ApiFixtures() {
	}

	/** A signed-in user with these groups as authorities. */
	static RequestPostProcessor as(String user, String... groups) {
		return SecurityMockMvcRequestPostProcessors.user(user)
			.authorities(List.of(groups).stream().map(SimpleGrantedAuthority::new).toList());
	}

	static Date day(int year, int month, int dayOfMonth) {
		return Date.from(LocalDate.of(year, month, dayOfMonth).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	static StepTask step(String id, String stepKey, String group, Date due) {
		return new StepTask(id, "case-1", "tv-2008", stepKey, "Step " + stepKey, List.of(group), null, STARTED, due,
				false);
	}

	static CaseSummary summary(CaseStatus status, StepTask... open) {
		return new CaseSummary("case-1", "tv-2008", "TV 2008", status, "sag-2008", 1, STARTED,
				(status == CaseStatus.ACTIVE) ? null : day(2008, 12, 1), List.of(open));
	}

	static CaseDetails details(CaseStatus status, StepTask... open) {
		DecisionRecord decision = new DecisionRecord("final-decision", "sag-2008:1", "CARRIED",
				"carried: 40 for, 20 against of 60 votes cast", Map.of("Votes cast (for + against)", 60L),
				day(2008, 12, 1));
		TimelineEntry entry = new TimelineEntry(day(2008, 12, 1), "Task_DecideStrike", "Decide on a strike",
				"secretary", Map.of("decision", "STRIKE", "strikeDate", day(2009, 1, 15), "votesFor", 40L));
		return new CaseDetails(summary(status, open), "TV/Theatrical", "AMPTP", day(2008, 6, 30), null,
				(status == CaseStatus.ACTIVE) ? null : decision, List.of(decision), List.of(entry), List.of());
	}

}
