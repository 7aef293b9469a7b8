package org.guildhall.engine.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.CaseDriver;
import org.guildhall.engine.EngineTestApplication;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.tasks.StepService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-line verifier on real exports of the trail and on the test database itself:
 * an untouched chain passes, one edited row fails naming it, a case's export is checked
 * row by row, and wrong arguments are usage errors.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class AuditVerifierCliIT {

	/** The test database (application.yaml), reachable by URL from this JVM. */
	static final String DATABASE = "jdbc:h2:mem:guildhall-engine-test";

	static final Actor STAFF = new Actor("staff", Set.of("guild-staff"));

	static final Actor SECRETARY = new Actor("secretary", Set.of("board-secretary"));

	@Autowired
	AuditTrail trail;

	@Autowired
	CaseDriver driver;

	@Autowired
	StepService steps;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path files;

	StartedCase started;

	@BeforeEach
	void twoCasesInterleaved() {
		this.started = startAsStaff("Verified from the command line " + System.nanoTime());
		StartedCase other = startAsStaff("Another case in between " + System.nanoTime());
		this.steps.complete(this.driver.task(this.started, "Task_RecordBoardResolution").getId(), SECRETARY,
				CaseDriver.motion(50, 10, 0, 64, 71, "resolution", "CALL_AUTHORIZATION_VOTE", "committeeMayCallVote",
						false, "meetingDate", "2008-10-19"));
		this.steps.complete(this.driver.task(other, "Task_RecordBoardResolution").getId(), SECRETARY,
				CaseDriver.motion(50, 10, 0, 64, 71, "resolution", "CALL_AUTHORIZATION_VOTE", "committeeMayCallVote",
						false, "meetingDate", "2008-10-20"));
	}

	@Test
	void anUntouchedExportOfTheWholeChainVerifies() throws IOException {
		List<String> lines = wholeChain();
		Result result = verify(write("chain.jsonl", lines));
		assertThat(result.status()).as(result.toString()).isEqualTo(AuditVerifierCli.OK);
		assertThat(result.out())
			.startsWith("OK: " + lines.size() + " rows verified; last hash "
					+ CanonicalJson.tree(lines.get(lines.size() - 1)).path("hash").asText())
			.contains("The chain from row 1 to row " + lines.size() + " links up");

		// the same from standard input, as curl pipes it
		Result piped = run(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
				"--file", "-");
		assertThat(piped.status()).as(piped.toString()).isEqualTo(AuditVerifierCli.OK);
		assertThat(piped.out()).startsWith("OK: " + lines.size() + " rows verified");
	}

	@Test
	void oneEditedRowBreaksTheExportAtThatRow() throws IOException {
		List<String> lines = wholeChain();
		int index = lines.size() - 3;
		ObjectNode edited = (ObjectNode) CanonicalJson.tree(lines.get(index));
		long seq = edited.path("seq").asLong();
		edited.put("actor", "someone-else");
		lines.set(index, CanonicalJson.write(edited));

		Result result = verify(write("edited.jsonl", lines));
		assertThat(result.status()).as(result.toString()).isEqualTo(AuditVerifierCli.BROKEN);
		assertThat(result.out()).startsWith("BROKEN at row " + seq + ": row " + seq + " was changed");

		// a row left out of a slice
		List<String> slice = new ArrayList<>(lines.subList(2, index));
		long missing = CanonicalJson.tree(slice.remove(3)).path("seq").asLong();
		Result gap = verify(write("gap.jsonl", slice));
		assertThat(gap.status()).as(gap.toString()).isEqualTo(AuditVerifierCli.BROKEN);
		assertThat(gap.out()).startsWith("BROKEN at row " + missing + ": row " + missing + " is missing");

		Result notJson = verify(write("garbage.jsonl", List.of(lines.get(0), "{\"seq\": 2, oops")));
		assertThat(notJson.status()).as(notJson.toString()).isEqualTo(AuditVerifierCli.BROKEN);
		assertThat(notJson.out()).startsWith("BROKEN at line 2 (after row 1): not a row of the audit trail");
	}

	@Test
	void aSliceOfTheChainIsCheckedFromItsFirstRow() throws IOException {
		List<String> lines = wholeChain();
		List<String> slice = lines.subList(3, lines.size());
		Result result = verify(write("slice.jsonl", slice));
		assertThat(result.status()).as(result.toString()).isEqualTo(AuditVerifierCli.OK);
		assertThat(result.out()).startsWith("OK: " + slice.size() + " rows verified")
			.contains("Rows 4 to " + lines.size() + " link up as a slice of the chain");
	}

	@Test
	void aCasesExportIsCheckedRowByRow() throws IOException {
		List<AuditEvent> events = this.trail.caseTrail(this.started.id());
		List<String> lines = events.stream().map((event) -> CanonicalJson.write(event.toExport())).toList();
		assertThat(events.get(events.size() - 1).seq() - events.get(0).seq() + 1).as("the other case's rows leave gaps")
			.isGreaterThan(events.size());

		Result result = verify(write("case.jsonl", lines));
		assertThat(result.status()).as(result.toString()).isEqualTo(AuditVerifierCli.OK);
		assertThat(result.out())
			.startsWith("OK: " + events.size() + " rows verified; last hash " + events.get(events.size() - 1).hash())
			.contains("One case's export (case " + this.started.id())
			.contains("can only be checked against the whole chain");

		List<String> edited = new ArrayList<>(lines);
		ObjectNode row = (ObjectNode) CanonicalJson.tree(edited.get(1));
		((ObjectNode) row.path("data")).put("smuggled", "in");
		edited.set(1, CanonicalJson.write(row));
		Result broken = verify(write("case-edited.jsonl", edited));
		assertThat(broken.status()).as(broken.toString()).isEqualTo(AuditVerifierCli.BROKEN);
		assertThat(broken.out())
			.startsWith("BROKEN at row " + events.get(1).seq() + ": row " + events.get(1).seq() + " was changed");

		List<String> swapped = new ArrayList<>(lines);
		swapped.set(1, lines.get(2));
		swapped.set(2, lines.get(1));
		Result reordered = verify(write("case-swapped.jsonl", swapped));
		assertThat(reordered.status()).as(reordered.toString()).isEqualTo(AuditVerifierCli.BROKEN);
		assertThat(reordered.out()).startsWith("BROKEN at row " + events.get(1).seq() + ": row " + events.get(1).seq()
				+ " is out of order (it comes after row " + events.get(2).seq() + ")");
	}

	@Test
	void theDatabaseVerifiesAndAChangedRowIsNamed() {
		Result result = run(null, "--url", DATABASE, "--user", "sa", "--password", "");
		assertThat(result.status()).as(result.toString()).isEqualTo(AuditVerifierCli.OK);
		long head = this.trail.head().lastSeq();
		assertThat(result.out()).startsWith("OK: " + head + " rows verified; last hash " + this.trail.head().lastHash())
			.contains("to the chain head (row " + head + ")");

		AuditEvent victim = this.trail.caseTrail(this.started.id()).get(1);
		this.jdbc.update("update audit_event set actor = 'mallory' where seq = ?", victim.seq());
		try {
			Result broken = run(null, "--url", DATABASE, "--user", "sa");
			assertThat(broken.status()).as(broken.toString()).isEqualTo(AuditVerifierCli.BROKEN);
			assertThat(broken.out())
				.startsWith("BROKEN at row " + victim.seq() + ": row " + victim.seq() + " was changed");
		}
		finally {
			this.jdbc.update("update audit_event set actor = ? where seq = ?", victim.actor(), victim.seq());
		}
		assertThat(this.trail.verify().ok()).isTrue();
	}

	@Test
	void wrongArgumentsAreUsageErrors() throws IOException {
		Path empty = write("empty.jsonl", List.of());
		for (String[] args : List.of(new String[0], new String[] { "--file" }, new String[] { "--files", "x" },
				new String[] { "--file", "a", "--url", DATABASE }, new String[] { "--file", "a", "--file", "b" },
				new String[] { "--file", this.files.resolve("absent.jsonl").toString() },
				new String[] { "--file", empty.toString(), "--user", "sa" },
				new String[] { "--url", "jdbc:nosuchdriver:x" })) {
			Result result = run(null, args);
			assertThat(result.status()).as(List.of(args) + " " + result).isEqualTo(AuditVerifierCli.USAGE);
			assertThat(result.err()).as(List.of(args) + " " + result).startsWith("verify-audit: ");
			assertThat(result.out()).isEmpty();
		}
		assertThat(run(null).err()).contains("Usage: java -jar guildhall.jar verify-audit --file");
		Result help = run(null, "--help");
		assertThat(help.status()).isEqualTo(AuditVerifierCli.OK);
		assertThat(help.out()).contains("--url <jdbc>");

		Result nothing = verify(empty);
		assertThat(nothing.status()).as(nothing.toString()).isEqualTo(AuditVerifierCli.BROKEN);
		assertThat(nothing.out()).startsWith("BROKEN: the export holds no rows");
	}

	private StartedCase startAsStaff(String title) {
		this.identity.setAuthentication(STAFF.userId(), List.copyOf(STAFF.groups()));
		try {
			return this.driver.start(title, "sag-2008");
		}
		finally {
			this.identity.clearAuthentication();
		}
	}

	/** The whole chain as the API exports it. */
	private List<String> wholeChain() {
		List<String> lines = new ArrayList<>();
		this.trail.forEach((event) -> lines.add(CanonicalJson.write(event.toExport())));
		assertThat(lines).hasSizeGreaterThan(10);
		return lines;
	}

	private Path write(String name, List<String> lines) throws IOException {
		Path file = this.files.resolve(name);
		Files.write(file, lines, StandardCharsets.UTF_8);
		return file;
	}

	private static Result verify(Path file) {
		return run(null, "--file", file.toString());
	}

	private static Result run(InputStream in, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = AuditVerifierCli.run(args, (in != null) ? in : InputStream.nullInputStream(),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Result(int status, String out, String err) {
	}

}
