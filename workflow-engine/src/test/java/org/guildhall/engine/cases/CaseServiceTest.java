package org.guildhall.engine.cases;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CaseServiceTest {

	@ParameterizedTest(name = "''{0}'' -> {1}")
	@CsvSource({ "'SAG TV/Theatrical contract 2008', sag-tv-theatrical-contract-2008", "'  Équipe!  ', equipe",
			"'***', case", "'Commercials Contract — 2009', commercials-contract-2009" })
	void businessKeysAreSlugsOfTitles(String title, String expected) {
		assertThat(CaseService.slug(title)).isEqualTo(expected);
	}

}
