package org.guildhall.web.cases;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.guildhall.engine.cases.CaseStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What the case page makes of a case's details. */
class CasePageTest {

	@Test
	void theTimelineMergesStepsAndDecisionsInOrder() {
		assertThat(CasePage.timeline(CaseControllerTest.details(CaseStatus.ACTIVE)))
			.extracting(CasePage.TimelineRow::kind, CasePage.TimelineRow::title)
			.containsExactly(tuple("step", "Record the board's resolution"),
					tuple("decision", "Board motion evaluated"), tuple("step", "Record a bargaining session"));
	}

	@Test
	void decisiveValuesInWords() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("minutes", "not shown");
		values.put("talksFailed", true);
		values.put("windowStart", Date.from(Instant.parse("2008-12-01T18:00:00Z")));
		values.put("strikeDate", Date.from(Instant.parse("2009-01-15T00:00:00Z")));
		values.put("decision", "CONTINUE_NEGOTIATING");
		values.put("yes", 751L);
		values.put("no", 249L);
		values.put("eligible", 1200L);
		assertThat(CasePage.decisiveValues(values)).containsExactly(new CasePage.Value("Talks failed", "yes"),
				new CasePage.Value("Voting opens", "1 Dec 2008 18:00 UTC"),
				new CasePage.Value("Decision", "Continue negotiating"),
				new CasePage.Value("Strike date", "15 Jan 2009"),
				new CasePage.Value("Ballots", "751 yes, 249 no; 1200 eligible"));
	}

	@Test
	void diagramsAreTheWholeCaseAndTheRunningStage() {
		assertThat(CasePage.diagrams(CaseControllerTest.details(CaseStatus.ACTIVE)))
			.extracting(CasePage.Diagram::processKey)
			.containsExactly("strike-authorization", "committee-determination");
		assertThat(CasePage.diagrams(CaseControllerTest.details(CaseStatus.SETTLED)))
			.extracting(CasePage.Diagram::processKey)
			.containsExactly("strike-authorization");
	}

}
