package org.guildhall.engine.ballots;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditRecord;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.metrics.GuildhallMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The secret ballot box. It knows who may vote (the frozen roll), who has voted (a voter
 * mark per member) and how the ballots went (anonymous ballot rows), and it never stores
 * or logs anything that links a member to a choice. Credentials are random one-time
 * tokens kept only as SHA-256 hashes; the election officer receives them once. Time comes
 * from the engine clock, so tests can move it.
 */
@Service
public class BallotBox {

	/** Largest roll accepted (the largest union in view has 1.3 million members). */
	public static final int MAX_ROLL_ENTRIES = 2_000_000;

	static final List<String> ROLL_HEADER = List.of("memberId", "name", "goodStanding");

	/**
	 * Characters a roll name may not start with: a spreadsheet would read the cell as a
	 * formula (OWASP "CSV injection").
	 */
	private static final String FORMULA_STARTS = "=+-@\t\r";

	private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

	/** The longest credential worth looking up (issued ones have 24 characters). */
	static final int MAX_CREDENTIAL_LENGTH = 64;

	private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final char[] BASE32 = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

	private static final Logger log = LoggerFactory.getLogger(BallotBox.class);

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final SecureRandom random = new SecureRandom();

	private final AuditTrail audit;

	/** A savepoint inside the caller's transaction (or a transaction of its own). */
	private final TransactionTemplate savepoint;

	private final GuildhallMetrics metrics;

	/** Closes wait for the casts in flight on this node (see {@link BoxLocks}). */
	private final BoxLocks locks = new BoxLocks();

	/**
	 * How a cast reads its vote: on PostgreSQL {@code FOR KEY SHARE}, which a close's
	 * {@code FOR UPDATE} on another node waits for; H2 has no shared row lock and runs a
	 * single node, where {@link #locks} suffices.
	 */
	private final String castingRead;

	public BallotBox(JdbcTemplate jdbc, AuditTrail audit, PlatformTransactionManager transactions,
			GuildhallMetrics metrics) {
		this.metrics = metrics;
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
		this.audit = audit;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		String database = jdbc
			.execute((ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName());
		this.castingRead = "PostgreSQL".equals(database) ? " for key share" : "";
	}

	/**
	 * Parses a roll ({@code text/csv}, UTF-8, header {@code memberId,name,goodStanding})
	 * and keeps it as the roll of the case's next member vote, replacing an earlier
	 * upload. A bad row is reported with its line number and nothing is stored.
	 * @throws BallotException.Invalid if the roll is malformed
	 */
	@Transactional
	public RollSummary uploadRoll(String caseId, InputStream csv, Actor actor) {
		Map<String, RollRow> rows = parseRoll(csv);
		RollSummary summary = summarise(rows);
		this.jdbc.update("delete from gh_roll_upload_entry where case_id = ?", caseId);
		this.jdbc.update("delete from gh_roll_upload where case_id = ?", caseId);
		this.jdbc.update(
				"insert into gh_roll_upload (case_id, roll_hash, eligible, entries, uploaded_at, uploaded_by) values (?, ?, ?, ?, ?, ?)",
				caseId, summary.rollHash(), summary.eligible(), summary.entries(), now(), actor.userId());
		List<Object[]> batch = new ArrayList<>(rows.size());
		rows.values()
			.forEach((row) -> batch.add(new Object[] { caseId, row.memberId(), row.name(), row.goodStanding() }));
		this.jdbc.batchUpdate(
				"insert into gh_roll_upload_entry (case_id, member_id, name, good_standing) values (?, ?, ?, ?)",
				batch);
		log.info("Roll uploaded for case {}: {} entries, {} eligible, hash {}", caseId, summary.entries(),
				summary.eligible(), summary.rollHash());
		this.audit.record(AuditKind.ROLL_UPLOADED, caseId, actor.userId(), null,
				Map.of("rollHash", summary.rollHash(), "entries", summary.entries(), "eligible", summary.eligible()));
		return summary;
	}

	/** The roll uploaded for the case's next vote, if any. */
	public Optional<RollSummary> pendingRoll(String caseId) {
		return this.jdbc
			.query("select entries, eligible, roll_hash from gh_roll_upload where case_id = ?",
					(rs, n) -> new RollSummary(rs.getInt(1), rs.getInt(2), rs.getString(3)), caseId)
			.stream()
			.findFirst();
	}

	/**
	 * Prepares a vote for a member-vote process instance: freezes the case's uploaded
	 * roll into it. Running it again for the same process instance returns the same vote.
	 * @throws BallotException.WrongState if no roll was uploaded for the case
	 */
	@Transactional
	public Vote prepare(String caseId, String processInstanceId, String question, Instant windowStart,
			Instant windowEnd) {
		Optional<Vote> existing = this.jdbc
			.query("select id from gh_vote where process_instance_id = ?", (rs, n) -> rs.getString(1),
					processInstanceId)
			.stream()
			.findFirst()
			.map(this::find);
		if (existing.isPresent()) {
			return existing.get();
		}
		RollSummary roll = pendingRoll(caseId).orElseThrow(() -> new BallotException.WrongState(
				"no eligibility roll has been uploaded for this case: upload it (CSV memberId,name,goodStanding) "
						+ "before preparing a BALLOT_BOX vote"));
		String id = UUID.randomUUID().toString();
		this.jdbc.update(
				"insert into gh_vote (id, case_id, process_instance_id, question, window_start, window_end, "
						+ "roll_hash, eligible, state) values (?, ?, ?, ?, ?, ?, ?, ?, 'PREPARED')",
				id, caseId, processInstanceId, question, Timestamp.from(windowStart), Timestamp.from(windowEnd),
				roll.rollHash(), roll.eligible());
		this.jdbc.update(
				"insert into gh_roll_entry (vote_id, member_id, name, eligible) "
						+ "select ?, member_id, name, good_standing from gh_roll_upload_entry where case_id = ?",
				id, caseId);
		this.jdbc.update("delete from gh_roll_upload_entry where case_id = ?", caseId);
		this.jdbc.update("delete from gh_roll_upload where case_id = ?", caseId);
		log.info("Vote {} prepared for case {} with roll {} ({} eligible)", id, caseId, roll.rollHash(),
				roll.eligible());
		this.audit.record(AuditKind.BALLOT_PREPARED, caseId, actor(), id,
				Map.of("voteId", id, "processInstanceId", processInstanceId, "rollHash", roll.rollHash(), "eligible",
						roll.eligible(), "question", question, "windowStart", windowStart, "windowEnd", windowEnd));
		return find(id);
	}

	/**
	 * Issues one credential per eligible member, once. The tokens are returned to be
	 * handed to the mailing vendor and are never stored; only their hashes are.
	 * @throws BallotException.WrongState if they were issued already or the vote has
	 * closed
	 */
	@Transactional
	public List<Credential> issueCredentials(String voteId, Actor actor) {
		Vote vote = find(voteId);
		if ("CLOSED".equals(vote.state())) {
			throw new BallotException.WrongState("the vote has closed; no credentials can be issued");
		}
		int claimed = this.jdbc.update("update gh_vote set credentials_issued_at = ?, credentials_issued_by = ? "
				+ "where id = ? and credentials_issued_at is null", now(), actor.userId(), voteId);
		if (claimed == 0) {
			Map<String, Object> issued = this.jdbc
				.queryForMap("select credentials_issued_at, credentials_issued_by from gh_vote where id = ?", voteId);
			throw new BallotException.WrongState(
					"the credentials of this vote were issued already, at " + issued.get("credentials_issued_at")
							+ " to " + issued.get("credentials_issued_by") + "; they are never issued twice");
		}
		List<String> members = this.jdbc.queryForList(
				"select member_id from gh_roll_entry where vote_id = ? and eligible = true order by member_id",
				String.class, voteId);
		List<Credential> credentials = new ArrayList<>(members.size());
		List<Object[]> batch = new ArrayList<>(members.size());
		for (String member : members) {
			String token = token(20);
			credentials.add(new Credential(member, token));
			batch.add(new Object[] { voteId, member, sha256(normalize(token)) });
		}
		this.jdbc.batchUpdate("insert into gh_credential (vote_id, member_id, token_hash) values (?, ?, ?)", batch);
		log.info("Issued {} credentials for vote {} to {}", credentials.size(), voteId, actor.userId());
		this.audit.record(AuditKind.CREDENTIALS_DOWNLOADED, vote.caseId(), actor.userId(), voteId,
				Map.of("voteId", voteId, "credentials", credentials.size()));
		return credentials;
	}

	/** Opens the box (the process's window-open timer calls this). */
	@Transactional
	public void open(String voteId) {
		int opened = this.jdbc.update("update gh_vote set state = 'OPEN' where id = ? and state = 'PREPARED'", voteId);
		sample(voteId);
		log.info("Vote {} opened", voteId);
		if (opened == 1) {
			Vote vote = find(voteId);
			this.audit.record(AuditKind.BALLOT_BOX_OPENED, vote.caseId(), actor(), voteId, Map.of("voteId", voteId,
					"eligible", vote.eligible(), "windowStart", vote.windowStart(), "windowEnd", vote.windowEnd()));
		}
	}

	/**
	 * Casts a ballot in one transaction: the credential must belong to the vote, the
	 * window must be open, and the member must not have voted; then a voter mark and an
	 * anonymous ballot are written.
	 * @return the receipt code, which lets the member check later that their ballot is
	 * counted
	 */
	@Transactional
	public String cast(String voteId, String credential, String choice) {
		if (credential == null || credential.isBlank()) {
			throw new BallotException.Invalid(0, "credential is required: the one-time code from the voting letter");
		}
		if (credential.length() > MAX_CREDENTIAL_LENGTH) {
			throw new BallotException.Invalid(0, "credential is " + credential.length()
					+ " characters long; a credential has 24 (e.g. ABCD-EFGH-JKLM-NPQR-STUV)");
		}
		String normalizedChoice = (choice != null) ? choice.trim().toUpperCase(Locale.ROOT) : "";
		if (!List.of("YES", "NO", "ABSTAIN").contains(normalizedChoice)) {
			throw new BallotException.Invalid(0, "choice must be YES, NO or ABSTAIN");
		}
		// until this transaction ends, a close waits for this cast (and a close under way
		// makes it wait, then find the box closed)
		this.locks.holdForCasting(voteId);
		VoteRow row = read(voteId, this.castingRead);
		Vote vote = row.vote();
		Instant now = ClockUtil.getCurrentTime().toInstant();
		// Plain JDBC on the transaction's connection: a framework that logs statement
		// parameters at
		// TRACE level would otherwise write the member id and the choice side by side.
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			String member = memberOf(connection, voteId, sha256(normalize(credential)));
			if (member == null) {
				this.metrics.ballotRefused("bad-credential");
				throw new BallotException.BadCredential();
			}
			if (!"OPEN".equals(vote.state()) || now.isBefore(vote.windowStart()) || !now.isBefore(vote.windowEnd())) {
				this.metrics.ballotRefused("window-not-open");
				throw new BallotException.WrongState(
						"voting is not open: the window runs from " + vote.windowStart() + " to " + vote.windowEnd());
			}
			try (PreparedStatement mark = connection
				.prepareStatement("insert into gh_voter_mark (vote_id, member_id) values (?, ?)")) {
				mark.setString(1, voteId);
				mark.setString(2, member);
				mark.executeUpdate();
			}
			catch (SQLException ex) {
				if (isUniqueViolation(ex)) {
					this.metrics.ballotRefused("already-voted");
					throw new BallotException.AlreadyVoted();
				}
				throw ex;
			}
			String receipt = token(16);
			// the ballot refers to its vote by the vote's number (V10: a compact tally
			// index)
			try (PreparedStatement ballot = connection
				.prepareStatement("insert into gh_ballot (id, vote_no, choice, receipt_hash) values (?, ?, ?, ?)")) {
				ballot.setString(1, UUID.randomUUID().toString());
				ballot.setInt(2, row.number());
				ballot.setString(3, normalizedChoice);
				ballot.setString(4, sha256(normalize(receipt)));
				ballot.executeUpdate();
			}
			this.metrics.ballotCast();
			return receipt;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the ballot could not be stored; nothing was recorded", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private static String memberOf(Connection connection, String voteId, String tokenHash) throws SQLException {
		try (PreparedStatement query = connection
			.prepareStatement("select member_id from gh_credential where vote_id = ? and token_hash = ?")) {
			query.setString(1, voteId);
			query.setString(2, tokenHash);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	/**
	 * SQLSTATE class 23 (integrity constraint violation), unique/primary key: 23505 in H2
	 * and PostgreSQL.
	 */
	private static boolean isUniqueViolation(SQLException ex) {
		return "23505".equals(ex.getSQLState());
	}

	/**
	 * Whether a ballot with this receipt is in the vote's count (says nothing about its
	 * choice).
	 */
	public boolean isCounted(String voteId, String receipt) {
		Integer found = this.jdbc
			.queryForObject(
					"select count(*) from gh_ballot b join gh_vote v on v.vote_no = b.vote_no "
							+ "where v.id = ? and b.receipt_hash = ?",
					Integer.class, voteId, sha256(normalize(receipt)));
		return found != null && found > 0;
	}

	/** Eligible members and ballots cast so far; never choices. */
	public Turnout turnout(String voteId) {
		Vote vote = find(voteId);
		Long cast = this.jdbc.queryForObject("select count(*) from gh_voter_mark where vote_id = ?", Long.class,
				voteId);
		return new Turnout(vote.eligible(), (cast != null) ? cast : 0, ClockUtil.getCurrentTime().toInstant());
	}

	/**
	 * Turnout samples taken so far (at opening, each weekly report, closing), oldest
	 * first.
	 */
	public List<Turnout> turnoutHistory(String voteId) {
		Vote vote = find(voteId);
		return this.jdbc.query(
				"select sampled_at, cast_count from gh_turnout_sample where vote_id = ? order by sampled_at",
				(rs, n) -> new Turnout(vote.eligible(), rs.getLong(2), rs.getTimestamp(1).toInstant()), voteId);
	}

	/** Records the current turnout as a sample for the chart. */
	@Transactional
	public Turnout sample(String voteId) {
		return sample(voteId, turnout(voteId));
	}

	private Turnout sample(String voteId, Turnout turnout) {
		try {
			// one sample per instant is enough. Under a savepoint: on PostgreSQL a failed
			// statement aborts the whole transaction (here: the job that takes the
			// sample)
			this.savepoint.executeWithoutResult((status) -> this.jdbc.update(
					"insert into gh_turnout_sample (vote_id, sampled_at, cast_count) select ?, ?, ? "
							+ "where not exists (select 1 from gh_turnout_sample where vote_id = ? and sampled_at = ?)",
					voteId, Timestamp.from(turnout.at()), turnout.cast(), voteId, Timestamp.from(turnout.at())));
		}
		catch (DuplicateKeyException ex) {
			// two jobs sampled the same vote in the same instant: the other one's sample
			// stands
		}
		return turnout;
	}

	/** Closes the box and counts it; closing a closed box returns its stored tally. */
	@Transactional
	public Tally closeAndTally(String voteId) {
		// the casts in flight end first and are counted; later ones find the box closed
		this.locks.holdForClosing(voteId);
		VoteRow row = read(voteId, " for update");
		Vote vote = row.vote();
		if (!"CLOSED".equals(vote.state())) {
			Map<String, Long> counts = new TreeMap<>();
			// one pass over the vote's range of the (vote_no, choice) index
			this.jdbc.query("select choice, count(*) from gh_ballot where vote_no = ? group by choice", (rs) -> {
				counts.put(rs.getString(1), rs.getLong(2));
			}, row.number());
			// the closing sample is the ballots just counted: a cast writes one voter
			// mark and one ballot in one transaction, so counting the marks as well
			// (a second pass over an index as large) would give the same number
			long cast = counts.values().stream().mapToLong(Long::longValue).sum();
			sample(voteId, new Turnout(vote.eligible(), cast, ClockUtil.getCurrentTime().toInstant()));
			this.jdbc.update(
					"update gh_vote set state = 'CLOSED', yes_count = ?, no_count = ?, abstain_count = ?, "
							+ "spoiled_count = 0 where id = ?",
					counts.getOrDefault("YES", 0L), counts.getOrDefault("NO", 0L), counts.getOrDefault("ABSTAIN", 0L),
					voteId);
			log.info("Vote {} closed and tallied", voteId);
			this.audit.record(AuditKind.BALLOT_BOX_CLOSED, vote.caseId(), actor(), voteId,
					Map.of("voteId", voteId, "windowEnd", vote.windowEnd()));
			Tally tally = result(voteId).orElseThrow();
			this.audit.record(AuditKind.BALLOT_TALLIED, vote.caseId(), actor(), voteId,
					Map.of("voteId", voteId, "yes", tally.yes(), "no", tally.no(), "abstain", tally.abstain(),
							"spoiled", tally.spoiled(), "eligible", tally.eligible(), "cast",
							tally.yes() + tally.no() + tally.abstain() + tally.spoiled()));
		}
		return result(voteId).orElseThrow();
	}

	/** The tally of a closed vote; empty while it is open. */
	public Optional<Tally> result(String voteId) {
		return this.jdbc
			.query("select yes_count, no_count, abstain_count, spoiled_count, eligible from gh_vote "
					+ "where id = ? and state = 'CLOSED'",
					(rs, n) -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
					voteId)
			.stream()
			.findFirst();
	}

	/**
	 * @throws BallotException.NotFound if there is no such vote
	 */
	public Vote find(String voteId) {
		return read(voteId, "").vote();
	}

	/**
	 * The vote and its number (what its ballots refer to), read with {@code lock} (a
	 * locking clause, or nothing).
	 */
	private VoteRow read(String voteId, String lock) {
		return this.jdbc
			.query("select id, case_id, question, window_start, window_end, roll_hash, eligible, state, "
					+ "credentials_issued_at, vote_no from gh_vote where id = ?" + lock,
					(rs, n) -> new VoteRow(new Vote(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6),
							rs.getInt(7), rs.getString(8), rs.getTimestamp(9) != null), rs.getInt(10)),
					voteId)
			.stream()
			.findFirst()
			.orElseThrow(() -> new BallotException.NotFound(voteId));
	}

	/** The member-vote process instance that runs {@code voteId}. */
	public String processInstanceOf(String voteId) {
		return this.jdbc
			.query("select process_instance_id from gh_vote where id = ?", (rs, n) -> rs.getString(1), voteId)
			.stream()
			.findFirst()
			.orElseThrow(() -> new BallotException.NotFound(voteId));
	}

	/** The case's most recent vote, if it has one. */
	public Optional<Vote> latestVote(String caseId) {
		return this.jdbc
			.query("select id from gh_vote where case_id = ? order by window_start desc", (rs, n) -> rs.getString(1),
					caseId)
			.stream()
			.findFirst()
			.map(this::find);
	}

	private static Map<String, RollRow> parseRoll(InputStream csv) {
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		Map<String, RollRow> rows = new LinkedHashMap<>();
		Map<String, Long> firstLine = new LinkedHashMap<>();
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
		try (Reader reader = withoutByteOrderMark(new InputStreamReader(csv, utf8));
				CSVParser parser = CSVParser.parse(reader, format)) {
			List<String> header = parser.getHeaderNames();
			if (!ROLL_HEADER.equals(header)) {
				throw new BallotException.Invalid(1,
						"line 1: the header must be exactly memberId,name,goodStanding, not "
								+ String.join(",", header));
			}
			for (CSVRecord record : parser) {
				long line = record.getRecordNumber() + 1;
				if (rows.size() >= MAX_ROLL_ENTRIES) {
					throw new BallotException.Invalid((int) line,
							"the roll has more than " + MAX_ROLL_ENTRIES + " entries");
				}
				if (record.size() != 3) {
					throw new BallotException.Invalid((int) line, "line " + line
							+ ": expected 3 values (memberId,name,goodStanding), found " + record.size());
				}
				String memberId = record.get(0);
				if (!MEMBER_ID.matcher(memberId).matches()) {
					throw new BallotException.Invalid((int) line, "line " + line + ": member id '" + memberId
							+ "' must be 1-64 letters, digits, '.', '_' or '-'");
				}
				String name = record.get(1);
				if (name.isEmpty() || name.length() > 200) {
					throw new BallotException.Invalid((int) line, "line " + line + ": name must be 1-200 characters");
				}
				if (CONTROL.matcher(name).find()) {
					throw new BallotException.Invalid((int) line,
							"line " + line + ": name must not contain control characters (line breaks, tabs, NUL)");
				}
				if (FORMULA_STARTS.indexOf(name.charAt(0)) >= 0) {
					throw new BallotException.Invalid((int) line, "line " + line + ": name must not start with "
							+ name.charAt(0) + " (a spreadsheet would read it as a formula)");
				}
				Boolean standing = switch (record.get(2).toLowerCase(Locale.ROOT)) {
					case "true", "yes", "1" -> true;
					case "false", "no", "0" -> false;
					default -> null;
				};
				if (standing == null) {
					throw new BallotException.Invalid((int) line,
							"line " + line + ": goodStanding must be true or false, not '" + record.get(2) + "'");
				}
				if (rows.containsKey(memberId)) {
					throw new BallotException.Invalid((int) line, "line " + line + ": member id '" + memberId
							+ "' appears twice (first on line " + firstLine.get(memberId) + ")");
				}
				rows.put(memberId, new RollRow(memberId, name, standing));
				firstLine.put(memberId, line);
			}
		}
		catch (CharacterCodingException ex) {
			throw new BallotException.Invalid(0, "the roll is not valid UTF-8 text");
		}
		catch (IOException | IllegalStateException | IllegalArgumentException | UncheckedIOException ex) {
			Throwable cause = (ex.getCause() instanceof CharacterCodingException) ? ex.getCause() : ex;
			if (cause instanceof CharacterCodingException) {
				throw new BallotException.Invalid(0, "the roll is not valid UTF-8 text");
			}
			Throwable reason = (ex instanceof UncheckedIOException && ex.getCause() != null) ? ex.getCause() : ex;
			throw new BallotException.Invalid(0, "the roll is not readable CSV: " + reason.getMessage());
		}
		if (rows.isEmpty()) {
			throw new BallotException.Invalid(2, "the roll has no members");
		}
		return rows;
	}

	/**
	 * The text without a leading byte order mark, which spreadsheets write in front of
	 * "CSV UTF-8" files.
	 */
	private static Reader withoutByteOrderMark(Reader reader) throws IOException {
		PushbackReader text = new PushbackReader(reader, 1);
		int first = text.read();
		if (first != -1 && first != '\uFEFF') {
			text.unread(first);
		}
		return text;
	}

	private static RollSummary summarise(Map<String, RollRow> rows) {
		MessageDigest digest = digest();
		int eligible = 0;
		for (RollRow row : new TreeMap<>(rows).values()) {
			digest.update((row.memberId() + "\t" + row.name() + "\t" + row.goodStanding() + "\n")
				.getBytes(StandardCharsets.UTF_8));
			if (row.goodStanding()) {
				eligible++;
			}
		}
		return new RollSummary(rows.size(), eligible, HexFormat.of().formatHex(digest.digest()));
	}

	private String token(int characters) {
		StringBuilder token = new StringBuilder();
		for (int i = 0; i < characters; i++) {
			if (i > 0 && i % 4 == 0) {
				token.append('-');
			}
			token.append(BASE32[this.random.nextInt(BASE32.length)]);
		}
		return token.toString();
	}

	private static String normalize(String token) {
		return token.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
	}

	static String sha256(String text) {
		return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Timestamp now() {
		return new Timestamp(ClockUtil.getCurrentTime().getTime());
	}

	private record RollRow(String memberId, String name, boolean goodStanding) {
	}

	private static String actor() {
		return AuditRecord.currentActor();
	}

	/** A vote with its number, {@code gh_vote.vote_no} (V10: a compact tally index). */
	private record VoteRow(Vote vote, int number) {
	}

}
