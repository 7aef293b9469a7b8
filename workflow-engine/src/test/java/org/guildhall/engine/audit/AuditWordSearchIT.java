package org.guildhall.engine.audit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.guildhall.engine.EngineTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's search by words ({@code audit_word}): every word of the query must be the
 * start of a word of the case's title, business key or events, in any case.
 */
@SpringBootTest(classes = EngineTestApplication.class)
public class AuditWordSearchIT {

	@Autowired
	AuditTrail trail;

	@Autowired
	PlatformTransactionManager transactions;

	/** A word no other test writes. */
	String tag;

	String caseA;

	String caseB;

	@BeforeEach
	void recordTwoCases() {
		// not "t" + ...: once System.nanoTime() wrote "v..." in base 36 (a machine up for
		// a day), the business key's word "tv" was the start of case B's tag as well
		this.tag = "x" + Long.toString(System.nanoTime(), 36);
		this.caseA = "words-a-" + this.tag;
		this.caseB = "words-b-" + this.tag;
		// case A in one transaction (one append), case B event by event
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			started(this.caseA, "Grève générale " + this.tag, "sag-tv-2008-" + this.tag);
			event(this.caseA, "Task_RecordBoardResolution",
					Map.of("values", Map.of("resolution", "CALL_AUTHORIZATION_VOTE", "minutes",
							"Agreed to call a STRIKE\nalpha" + this.tag + " if talks fail")));
		});
		event(this.caseA, "Task_RecordBargainingSession",
				Map.of("values", Map.of("summary", "beta" + this.tag + " offered 100% of the raise")));
		started(this.caseB, "Quiet case " + this.tag, "quiet-" + this.tag);
		event(this.caseB, "Task_RecordBargainingSession",
				Map.of("values", Map.of("summary", "gamma" + this.tag + " tentative agreement")));
		// the same words again: nothing new to index, and no duplicate either
		event(this.caseB, "Task_RecordBargainingSession",
				Map.of("values", Map.of("summary", "gamma" + this.tag + " tentative agreement")));
	}

	@Test
	void aWordOfOneEventFindsItsCaseAndNoOther() {
		assertThat(search("gamma" + this.tag)).containsExactly(this.caseB);
		// after a line break in the event's text
		assertThat(search("alpha" + this.tag)).containsExactly(this.caseA);
		// title and business key words
		assertThat(search(this.tag)).containsExactly(this.caseB, this.caseA);
		assertThat(search("quiet " + this.tag)).containsExactly(this.caseB);
		assertThat(search("sag-tv-2008-" + this.tag)).containsExactly(this.caseA);
	}

	@Test
	void everyWordIsTheStartOfAWordOfTheCase() {
		assertThat(search(this.tag + " strik")).containsExactly(this.caseA);
		assertThat(search("alph" + this.tag.substring(0, 0) + " " + this.tag + " gr")).containsExactly(this.caseA);
		// "rike" is inside "strike", not its start
		assertThat(search(this.tag + " rike")).isEmpty();
	}

	@Test
	void allWordsMustAppearInTheSameCaseInAnyOfItsEvents() {
		assertThat(search("alpha" + this.tag + " beta" + this.tag)).containsExactly(this.caseA);
		assertThat(search("alpha" + this.tag + " gamma" + this.tag)).isEmpty();
	}

	@Test
	void caseDoesNotMatter() {
		assertThat(search("ALPHA" + this.tag.toUpperCase(Locale.ROOT) + " Strike")).containsExactly(this.caseA);
		assertThat(search("GRÈVE " + this.tag.toUpperCase(Locale.ROOT))).containsExactly(this.caseA);
	}

	@Test
	void aTextWithoutLettersOrDigitsFindsNothing() {
		assertThat(search("%")).isEmpty();
		assertThat(search("_")).isEmpty();
		assertThat(search(" -- !! ")).isEmpty();
		// while no text at all is no filter
		assertThat(this.trail.cases(new AuditCaseQuery(null, null, null, null, "  ", 1000))).isNotEmpty();
	}

	@Test
	void percentAndUnderscoreAreNoWildcards() {
		// as LIKE patterns these would match "gamma<tag>"; as words they are "gam" and
		// "a<tag>"
		assertThat(search("gam_a" + this.tag)).isEmpty();
		assertThat(search("gam%a" + this.tag)).isEmpty();
		assertThat(search("%" + this.tag.substring(1))).isEmpty();
		// "100%" is the word 100
		assertThat(search("100% " + this.tag)).containsExactly(this.caseA);
	}

	@Test
	void theOtherFiltersStillApply() {
		assertThat(this.trail.cases(new AuditCaseQuery("ACTIVE", null, null, null, this.tag, 10)))
			.extracting(AuditCase::caseId)
			.containsExactly(this.caseB, this.caseA);
		assertThat(this.trail.cases(new AuditCaseQuery("SETTLED", null, null, null, this.tag, 10))).isEmpty();
		assertThat(this.trail.cases(new AuditCaseQuery(null, null, null, null, this.tag, 1)))
			.extracting(AuditCase::caseId)
			.containsExactly(this.caseB);
	}

	private List<String> search(String text) {
		return this.trail.cases(new AuditCaseQuery(null, null, null, null, text, 1000))
			.stream()
			.map(AuditCase::caseId)
			.toList();
	}

	private void started(String caseId, String title, String businessKey) {
		this.trail.record(new AuditRecord(Instant.now(), AuditKind.CASE_STARTED, caseId, "staff",
				"strike-authorization", Map.of("title", title, "businessKey", businessKey, "ruleSetKey", "sag-2008")));
	}

	private void event(String caseId, String subject, Map<String, ?> data) {
		this.trail.record(new AuditRecord(Instant.now(), AuditKind.STEP_COMPLETED, caseId, "secretary", subject, data));
	}

}
