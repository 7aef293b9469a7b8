package org.guildhall.engine.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Verifies the audit trail outside the application, from a JSONL export or straight from
 * the database, without Spring: {@code java -jar guildhall.jar verify-audit ...} (see
 * {@link #USAGE}).
 * <p>
 * An export is checked by what it holds. An export that starts at row 1 is checked as the
 * chain from its start; an export of consecutive rows that starts later as a slice of the
 * chain, from its first row's previous hash on. One case's export (every row of one case,
 * with gaps where other cases' rows were) is checked row by row: each row's hash is
 * recomputed and the rows must be in chain order, but the links between a case's rows run
 * through rows the export does not hold, so only the whole chain can vouch that none is
 * missing. An export cannot show rows cut off its end: compare its last hash with the
 * {@code lastHash} the application reports.
 * <p>
 * Exit status: 0 every row checks out, 1 a row is bad (named on standard output), 2 a
 * usage error or input that cannot be read.
 */
public final class AuditVerifierCli {

	/** The first argument of {@code java -jar guildhall.jar} that runs this verifier. */
	public static final String COMMAND = "verify-audit";

	/** Every row checks out. */
	public static final int OK = 0;

	/** A row is bad. */
	public static final int BROKEN = 1;

	/** Wrong arguments, or the input could not be read. */
	public static final int USAGE = 2;

	/** How to call it. */
	public static final String USAGE_TEXT = """
			Usage: java -jar guildhall.jar verify-audit --file <export.jsonl | ->
			       java -jar guildhall.jar verify-audit --url <jdbc-url> [--user <name>] [--password <password>]

			Recomputes the hash chain of Guildhall's audit trail and names the first bad row.
			  --file <path>   a JSONL export (GET /api/audit/export.jsonl, or a case's
			                  GET /api/cases/{id}/history.jsonl); - reads standard input
			  --url <jdbc>    the database itself (audit_event and audit_chain_head), e.g.
			                  jdbc:postgresql://host/guildhall or jdbc:h2:file:./data/guildhall
			  --user, --password  the database account (read access is enough)

			Prints "OK: <n> rows verified; last hash <h>" and exits 0, or
			"BROKEN at row <seq>: <problem>" and exits 1; exits 2 on a usage error or
			input that cannot be read.

			Example:
			  curl -s -u auditor:demo http://localhost:8080/api/audit/export.jsonl \\
			    | java -jar web-ui/target/guildhall.jar verify-audit --file -
			""";

	private AuditVerifierCli() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs the verifier; {@code --file -} reads {@link System#in}.
	 * @return the exit status: {@link #OK}, {@link #BROKEN} or {@link #USAGE}
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		return run(args, System.in, out, err);
	}

	/**
	 * Runs the verifier; {@code --file -} reads {@code in}.
	 * @return the exit status: {@link #OK}, {@link #BROKEN} or {@link #USAGE}
	 */
	public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
		Arguments arguments;
		try {
			arguments = Arguments.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("verify-audit: " + ex.getMessage());
			err.println();
			err.print(USAGE_TEXT);
			return USAGE;
		}
		if (arguments.help()) {
			out.print(USAGE_TEXT);
			return OK;
		}
		if (arguments.file() != null) {
			return verifyFile(arguments.file(), in, out, err);
		}
		return verifyDatabase(arguments, out, err);
	}

	private static int verifyFile(String file, InputStream in, PrintStream out, PrintStream err) {
		String name = "-".equals(file) ? "standard input" : file;
		try (BufferedReader reader = "-".equals(file)
				? new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
				: Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
			return verifyExport(reader, out);
		}
		catch (NoSuchFileException ex) {
			err.println("verify-audit: no such file: " + file);
			return USAGE;
		}
		catch (IOException | RuntimeException ex) {
			err.println("verify-audit: cannot read " + name + ": " + ex.getMessage());
			return USAGE;
		}
	}

	private static int verifyExport(BufferedReader reader, PrintStream out) throws IOException {
		AuditVerifier chain = null;
		RowByRow rows = new RowByRow();
		AuditEvent first = null;
		AuditEvent previous = null;
		boolean oneCase = true;
		boolean gaps = false;
		int lineNumber = 0;
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			lineNumber++;
			if (line.isBlank()) {
				continue;
			}
			AuditEvent event;
			try {
				event = row(CanonicalJson.tree(line));
			}
			catch (RuntimeException ex) {
				out.println("BROKEN at line " + lineNumber
						+ ((previous != null) ? " (after row " + previous.seq() + ")" : "")
						+ ": not a row of the audit trail: " + ex.getMessage());
				return BROKEN;
			}
			if (first == null) {
				first = event;
				chain = new AuditVerifier(event.seq() == 1);
				oneCase = event.caseId() != null;
			}
			else {
				oneCase = oneCase && Objects.equals(first.caseId(), event.caseId());
				gaps = gaps || event.seq() != previous.seq() + 1;
			}
			chain.accept(event);
			rows.accept(event);
			previous = event;
		}
		if (first == null) {
			out.println("BROKEN: the export holds no rows");
			return BROKEN;
		}
		if (oneCase && gaps) {
			Verification verdict = rows.finish();
			if (!report(verdict, out)) {
				return BROKEN;
			}
			out.println("One case's export (case " + first.caseId() + ", rows " + first.seq() + " to " + previous.seq()
					+ " of the chain): each row's hash was recomputed and the rows are in chain "
					+ "order, but the links between a case's rows run through other cases' rows, so they can only be "
					+ "checked against the whole chain (GET /api/audit/export.jsonl, or --url).");
			return OK;
		}
		Verification verdict = chain.finish();
		if (!report(verdict, out)) {
			return BROKEN;
		}
		if (first.seq() == 1) {
			out.println("The chain from row 1 to row " + previous.seq() + " links up. Rows cut off its end cannot "
					+ "show in an export: compare the last hash with the lastHash of GET /api/audit/verify.");
		}
		else {
			out.println("Rows " + first.seq() + " to " + previous.seq() + " link up as a slice of the chain, from "
					+ "row " + first.seq() + "'s previous hash " + first.prevHash() + " on.");
		}
		return OK;
	}

	private static int verifyDatabase(Arguments arguments, PrintStream out, PrintStream err) {
		try (Connection connection = DriverManager.getConnection(arguments.url(),
				(arguments.user() != null) ? arguments.user() : "",
				(arguments.password() != null) ? arguments.password() : "")) {
			connection.setReadOnly(true);
			connection.setAutoCommit(false);
			AuditVerifier verifier = new AuditVerifier();
			long last = scan(connection, 0, Long.MAX_VALUE, verifier);
			AuditTrail.ChainHead head = head(connection);
			if (head == null) {
				out.println("BROKEN at row 1: audit_chain_head has no row; the chain's end is unknown");
				return BROKEN;
			}
			if (head.lastSeq() > last) {
				// rows appended while the chain was read (see AuditTrail.verify)
				scan(connection, last, head.lastSeq(), verifier);
			}
			connection.rollback();
			if (!report(verifier.finish(head), out)) {
				return BROKEN;
			}
			out.println("The chain from row 1 to the chain head (row " + head.lastSeq() + ") links up.");
			return OK;
		}
		catch (SQLException ex) {
			err.println("verify-audit: cannot read the audit trail from " + arguments.url() + ": " + ex.getMessage());
			return USAGE;
		}
	}

	private static long scan(Connection connection, long after, long upTo, AuditVerifier verifier) throws SQLException {
		long last = after;
		try (PreparedStatement query = connection.prepareStatement(
				"select " + AuditTrail.COLUMNS + " from audit_event where seq > ? and seq <= ? order by seq")) {
			query.setFetchSize(1000);
			query.setLong(1, after);
			query.setLong(2, upTo);
			try (ResultSet rs = query.executeQuery()) {
				int row = 0;
				while (rs.next()) {
					AuditEvent event = AuditTrail.event(rs, row++);
					verifier.accept(event);
					last = event.seq();
				}
			}
		}
		return last;
	}

	private static AuditTrail.ChainHead head(Connection connection) throws SQLException {
		try (PreparedStatement query = connection
			.prepareStatement("select last_seq, last_hash from audit_chain_head where id = 1");
				ResultSet rs = query.executeQuery()) {
			return rs.next() ? new AuditTrail.ChainHead(rs.getLong(1), rs.getString(2)) : null;
		}
	}

	/** Prints the verdict's first line; answers whether it is good. */
	private static boolean report(Verification verdict, PrintStream out) {
		if (verdict.ok()) {
			out.println("OK: " + verdict.checked() + " rows verified; last hash " + verdict.lastHash());
			return true;
		}
		out.println("BROKEN at row " + verdict.firstBadSequence() + ": " + verdict.problem());
		return false;
	}

	/** A line of an export ({@link AuditEvent#toExport()}) as the row it stands for. */
	static AuditEvent row(JsonNode line) {
		if (!line.isObject()) {
			throw new IllegalArgumentException("a line must be a JSON object");
		}
		JsonNode seq = required(line, "seq");
		if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
			throw new IllegalArgumentException("seq must be a whole number, not " + seq);
		}
		Instant occurredAt;
		try {
			occurredAt = Instant.parse(text(line, "occurredAt", true));
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("occurredAt must be an ISO-8601 instant, not " + line.get("occurredAt"));
		}
		return new AuditEvent(seq.longValue(), occurredAt, text(line, "kind", true), text(line, "caseId", false),
				text(line, "actor", true), text(line, "subject", false), CanonicalJson.write(required(line, "data")),
				text(line, "prevHash", true), text(line, "hash", true));
	}

	private static JsonNode required(JsonNode line, String field) {
		JsonNode value = line.get(field);
		if (value == null) {
			throw new IllegalArgumentException("the field " + field + " is missing");
		}
		return value;
	}

	private static String text(JsonNode line, String field, boolean required) {
		JsonNode value = line.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new IllegalArgumentException("the field " + field + " is missing");
			}
			return null;
		}
		if (!value.isTextual()) {
			throw new IllegalArgumentException(field + " must be text, not " + value);
		}
		return value.textValue();
	}

	/**
	 * The check of rows that need not be consecutive (one case's export): each row's hash
	 * recomputed, sequence numbers increasing.
	 */
	private static final class RowByRow {

		private long checked;

		private AuditEvent last;

		private Verification failure;

		void accept(AuditEvent event) {
			if (this.failure != null) {
				return;
			}
			this.checked++;
			if (this.last != null && event.seq() <= this.last.seq()) {
				this.failure = Verification.bad(this.checked, event.seq(),
						"row " + event.seq() + " is out of order (it comes after row " + this.last.seq() + ")",
						hash(this.last));
				return;
			}
			String computed;
			try {
				computed = event.computeHash();
			}
			catch (RuntimeException ex) {
				this.failure = Verification.bad(this.checked, event.seq(),
						"row " + event.seq() + " cannot be read: " + ex.getMessage(), hash(this.last));
				return;
			}
			if (!computed.equals(event.hash())) {
				this.failure = Verification.bad(this.checked, event.seq(), "row " + event.seq()
						+ " was changed: its content hashes to " + computed + ", the row says " + event.hash(),
						hash(this.last));
				return;
			}
			this.last = event;
		}

		Verification finish() {
			return (this.failure != null) ? this.failure : Verification.good(this.checked, hash(this.last));
		}

		private static String hash(AuditEvent event) {
			return (event != null) ? event.hash() : null;
		}

	}

	/** The command line, parsed. */
	private record Arguments(String file, String url, String user, String password, boolean help) {

		static Arguments parse(String[] args) {
			String file = null;
			String url = null;
			String user = null;
			String password = null;
			boolean help = false;
			for (int i = 0; i < args.length; i++) {
				String option = args[i];
				switch (option) {
					case "--help", "-h" -> help = true;
					case "--file" -> file = value(args, ++i, option, file);
					case "--url" -> url = value(args, ++i, option, url);
					case "--user" -> user = value(args, ++i, option, user);
					case "--password" -> password = value(args, ++i, option, password);
					default -> throw new IllegalArgumentException("unknown argument '" + option + "'");
				}
			}
			if (help) {
				return new Arguments(null, null, null, null, true);
			}
			if ((file == null) == (url == null)) {
				throw new IllegalArgumentException("give either --file or --url");
			}
			if (file != null && (user != null || password != null)) {
				throw new IllegalArgumentException("--user and --password go with --url");
			}
			return new Arguments(file, url, user, password, false);
		}

		private static String value(String[] args, int index, String option, String earlier) {
			if (earlier != null) {
				throw new IllegalArgumentException(option + " is given twice");
			}
			// a password may start with "--"; a missing file or URL more likely means a
			// slip
			if (index >= args.length
					|| (!"--password".equals(option) && (args[index].isBlank() || args[index].startsWith("--")))) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return args[index];
		}

	}

}
