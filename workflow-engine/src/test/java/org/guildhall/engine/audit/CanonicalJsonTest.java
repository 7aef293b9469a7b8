package org.guildhall.engine.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

	@Test
	void keysAreSortedAtEveryLevelWithoutWhitespace() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("zeta", 1);
		inner.put("alpha", List.of(true, "x", Map.of("b", 2, "a", 1)));
		Map<String, Object> outer = new LinkedHashMap<>();
		outer.put("kind", "STEP_COMPLETED");
		outer.put("data", inner);
		outer.put("actor", null);
		assertThat(CanonicalJson.write(outer))
			.isEqualTo("{\"actor\":null,\"data\":{\"alpha\":[true,\"x\",{\"a\":1,\"b\":2}],\"zeta\":1},"
					+ "\"kind\":\"STEP_COMPLETED\"}");
	}

	@Test
	void stringsAreEscapedAsPythonJsonDumpsEscapesThem() {
		// json.dumps("Té\"\\\n\t\u0001/", ensure_ascii=False) ==
		// '"Té\\"\\\\\\n\\t\\u0001/"'
		assertThat(CanonicalJson.write("Té\"\\\n\t\u0001/")).isEqualTo("\"Té\\\"\\\\\\n\\t\\u0001/\"");
	}

	@Test
	void numbersAreWholeOrTextAndDatesAreUtcMilliseconds() {
		assertThat(CanonicalJson.write(Map.of("a", 42, "b", 7.0, "c", 76.3, "d", new BigDecimal("1E+3"))))
			.isEqualTo("{\"a\":42,\"b\":7,\"c\":\"76.3\",\"d\":1000}");
		assertThat(CanonicalJson.write(Date.from(Instant.parse("2008-10-19T14:00:00Z"))))
			.isEqualTo("\"2008-10-19T14:00:00.000Z\"");
		assertThat(CanonicalJson.timestamp(Instant.parse("2008-10-19T14:00:00.123456Z")))
			.isEqualTo("2008-10-19T14:00:00.123Z");
		assertThat(CanonicalJson.timestamp(Instant.parse("2008-10-19T14:00:00.1Z")))
			.isEqualTo("2008-10-19T14:00:00.100Z");
		assertThat(CanonicalJson.write(LocalDate.of(2009, 1, 15))).isEqualTo("\"2009-01-15\"");
	}

	@Test
	void parsingAndWritingAgainGivesTheSameText() {
		String canonical = CanonicalJson.write(Map.of("values", Map.of("yes", 751, "certified", true, "note", "ok")));
		assertThat(CanonicalJson.write(CanonicalJson.parse(canonical))).isEqualTo(canonical);
		assertThat(CanonicalJson.write(CanonicalJson.tree("{ \"b\" : 1 , \"a\" : [ ] }")))
			.isEqualTo("{\"a\":[],\"b\":1}");
		assertThatThrownBy(() -> CanonicalJson.parse("{not json")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void hashesAreLowerCaseHexSha256OfUtf8() {
		// printf 'abc' | sha256sum
		assertThat(CanonicalJson.sha256("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
