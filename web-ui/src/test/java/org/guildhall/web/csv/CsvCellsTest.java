package org.guildhall.web.csv;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Formula-looking text is neutralised reversibly; numbers and plain text are kept. */
class CsvCellsTest {

	static final String FORMULA = "=cmd|' /C calc'!A0";

	@Test
	void textThatCouldStartAFormulaGetsAnApostrophe() {
		for (String text : List.of(FORMULA, "+1", "-2+3", "@SUM(A1)", "\tx", "\rx")) {
			assertThat(CsvCells.cell(text)).as(text).isEqualTo("'" + text);
			assertThat(CsvCells.original(CsvCells.cell(text))).isEqualTo(text);
		}
	}

	@Test
	void anApostropheAtTheStartIsDoubledSoReadingBackIsExact() {
		assertThat(CsvCells.cell("'=1")).isEqualTo("''=1");
		assertThat(CsvCells.original("''=1")).isEqualTo("'=1");
		assertThat(CsvCells.original(CsvCells.cell("'plain"))).isEqualTo("'plain");
	}

	@Test
	void numbersPlainTextAndNothingAreKept() {
		assertThat(CsvCells.cell(-5)).isEqualTo("-5");
		assertThat(CsvCells.cell(3L)).isEqualTo("3");
		assertThat(CsvCells.cell("M0001")).isEqualTo("M0001");
		assertThat(CsvCells.cell("a=b")).isEqualTo("a=b");
		assertThat(CsvCells.cell(null)).isEmpty();
		assertThat(CsvCells.cell("")).isEmpty();
	}

	@Test
	void thePrinterNeutralisesEveryCellAndQuotesAsRfc4180() {
		StringBuilder out = new StringBuilder();
		CsvCells.Printer printer = CsvCells.printer(out, List.of("memberId", "name"));
		printer.printRecord("M1", FORMULA);
		printer.printRecord("M2", "Ann, \"Annie\"");
		printer.flush();
		assertThat(out.toString())
			.isEqualTo("memberId,name\r\nM1,'=cmd|' /C calc'!A0\r\nM2,\"Ann, \"\"Annie\"\"\"\r\n");
	}

}
