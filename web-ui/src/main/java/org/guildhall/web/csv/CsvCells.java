package org.guildhall.web.csv;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV cell writer of every CSV Guildhall exports (RFC 4180, UTF-8 by the caller).
 * A text cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return would be run as a formula by a spreadsheet (OWASP "CSV injection"), so
 * it is written with an apostrophe in front, which spreadsheets show as text. A cell that
 * already starts with an apostrophe gets one more, so the rule is reversible: <b>a reader
 * drops one leading apostrophe from every text cell that starts with one</b>
 * ({@link #original(String)}) and has the value as stored, e.g. to recompute an audit
 * row's hash. Numbers are written as they are: a number is never a formula.
 */
public final class CsvCells {

	/** The first characters that make a spreadsheet read a cell as a formula. */
	public static final String FORMULA_STARTS = "=+-@\t\r";

	private static final char ESCAPE = '\'';

	private CsvCells() {
	}

	/** {@code value} as a cell: neutralised if it is text that could start a formula. */
	public static String cell(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (value instanceof Number || text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		return (FORMULA_STARTS.indexOf(first) >= 0 || first == ESCAPE) ? ESCAPE + text : text;
	}

	/** The value a cell written by {@link #cell(Object)} stands for. */
	public static String original(String cell) {
		return (cell != null && !cell.isEmpty() && cell.charAt(0) == ESCAPE) ? cell.substring(1) : cell;
	}

	/**
	 * A printer of neutralised rows, with {@code header} first, writing to {@code out}.
	 */
	public static Printer printer(Appendable out, List<String> header) {
		try {
			return new Printer(new CSVPrinter(out,
					CSVFormat.RFC4180.builder()
						.setHeader(header.stream().map(CsvCells::cell).toArray(String[]::new))
						.get()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes rows whose every cell went through {@link CsvCells#cell(Object)}. */
	public static final class Printer implements Flushable {

		private final CSVPrinter printer;

		private Printer(CSVPrinter printer) {
			this.printer = printer;
		}

		/** One row; {@code null} is an empty cell. */
		public void printRecord(Object... values) {
			try {
				this.printer.printRecord(Arrays.stream(values).map(CsvCells::cell).toArray());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void flush() {
			try {
				this.printer.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
