package org.guildhall.engine.audit;

import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The words of the auditor's search, as the index and a query both split them. */
class SearchWordsTest {

	@Test
	void lowerCaseWordsBetweenAnythingThatIsNotALetterOrDigit() {
		assertThat(SearchWords.of("sag-tv-2008")).containsExactly("sag", "tv", "2008");
		assertThat(SearchWords.of("SAG Commercials contracts 2009 (illustrative)")).containsExactly("sag",
				"commercials", "contracts", "2009", "illustrative");
		assertThat(SearchWords.of("Short of 75%: a_b\\c, d")).containsExactly("short", "of", "75", "a", "b", "c", "d");
		assertThat(SearchWords.of("Grève GÉNÉRALE, Straße 1ª")).containsExactly("grève", "générale", "straße", "1ª");
		assertThat(SearchWords.of("strike STRIKE Strike")).containsExactly("strike");
	}

	@Test
	void punctuationAloneHasNoWords() {
		assertThat(SearchWords.of("%_ -- !! \\ ")).isEmpty();
		assertThat(SearchWords.of("")).isEmpty();
		assertThat(SearchWords.of(null)).isEmpty();
	}

	@Test
	void longWordsAreCutTo64CharactersNeverInsideACharacter() {
		assertThat(SearchWords.of("x".repeat(100) + " y")).containsExactly("x".repeat(64), "y");
		String emoji = "\uD835\uDC00"; // MATHEMATICAL BOLD CAPITAL A, a letter of two
										// chars
		assertThat(SearchWords.of("a".repeat(63) + emoji + "b")).containsExactly("a".repeat(63));
		assertThat(SearchWords.of("a".repeat(62) + emoji + "b")).containsExactly("a".repeat(62) + emoji);
	}

	@Test
	void jsonEscapesAreReadAsTheCharactersTheyStandFor() {
		Set<String> words = new LinkedHashSet<>();
		SearchWords.addJson(CanonicalJson.write(java.util.Map.of("minutes", "Agreed:\nSTRIKE\t\"now\"\\then")), words);
		assertThat(words).containsExactly("minutes", "agreed", "strike", "now", "then");
		words.clear();
		SearchWords.addJson("{\"a\":\"caf\\u00e9\\u0001x\"}", words);
		assertThat(words).containsExactly("a", "café", "x");
	}

	@Test
	void engineIdsInEventsAreNotWords() {
		Set<String> words = new LinkedHashSet<>();
		SearchWords.addJson("{\"taskId\":\"e33d3cd1-e99b-11f1-922b-02fc00000001\",\"processDefinitionId\":"
				+ "\"strike-authorization:1:E33D3CD1-E99B-11F1-922B-02FC00000001\",\"meetingDate\":\"2008-10-19\"}",
				words);
		assertThat(words).containsExactly("taskid", "processdefinitionid", "strike", "authorization", "1",
				"meetingdate", "2008", "10", "19");
		// a title or a query keeps them: only the trail's data drops them
		assertThat(SearchWords.of("e33d3cd1-e99b-11f1-922b-02fc00000001")).contains("e33d3cd1");
	}

}
