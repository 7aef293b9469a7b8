package org.guildhall.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.ballots.Tally;

/**
 * {@link BallotBox#closeAndTally(String)} of a vote with {@code n} ballots cast (160,000:
 * the guild of the seed case; 1,300,000: the largest union in view), against the
 * baseline: the bare {@code select choice, count(*) ... group by choice} on the same
 * table, given the vote's number. The set-up writes the vote and its ballots in SQL and
 * is not timed; before each timed step the vote is reopened and the ballot table touched
 * (so the database cannot answer from a cached result).
 */
final class TallyMeasure implements Measure {

	private static final int CHUNK = 100_000;

	private final Engine engine;

	private final int runs;

	private final int ballots;

	private final double targetMillis;

	TallyMeasure(Engine engine, int runs, int ballots, double targetMillis) {
		this.engine = engine;
		this.runs = runs;
		this.ballots = ballots;
		this.targetMillis = targetMillis;
	}

	@Override
	public String name() {
		return "tally of " + this.ballots + " ballots";
	}

	@Override
	public List<Figure> run() throws Exception {
		DataSource dataSource = this.engine.bean(DataSource.class);
		BallotBox box = this.engine.bean(BallotBox.class);
		String voteId = UUID.randomUUID().toString();
		long expectedYes;
		long filling = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			expectedYes = fill(connection, voteId, this.ballots);
		}
		System.out.printf("  set-up: %,d ballots written in %.1f s%n", this.ballots,
				(System.nanoTime() - filling) / 1e9);
		double[] tally = new double[this.runs];
		double[] bare = new double[this.runs];
		// one untimed round of each warms the code paths
		reopen(dataSource, voteId);
		box.closeAndTally(voteId);
		bareCount(dataSource, voteId);
		for (int run = 0; run < this.runs; run++) {
			reopen(dataSource, voteId);
			long start = System.nanoTime();
			Tally result = box.closeAndTally(voteId);
			tally[run] = Stats.millis(System.nanoTime() - start);
			if (result.yes() != expectedYes || result.yes() + result.no() + result.abstain() != this.ballots) {
				throw new IllegalStateException("wrong tally " + result + " of " + this.ballots + " ballots");
			}
			reopen(dataSource, voteId);
			start = System.nanoTime();
			long yes = bareCount(dataSource, voteId);
			bare[run] = Stats.millis(System.nanoTime() - start);
			if (yes != expectedYes) {
				throw new IllegalStateException("the bare count found " + yes + " yes, not " + expectedYes);
			}
		}
		return List.of(Figure.atMost(String.format("close + tally, %,d ballots", this.ballots), Stats.median(tally),
				"ms", this.runs, "bare group-by count", Stats.median(bare), this.targetMillis));
	}

	/**
	 * Writes a vote with a roll of {@code n} members who all voted: 60% yes, 35% no, 5%
	 * abstain. Answers the number of yes ballots.
	 */
	private static long fill(Connection connection, String voteId, int n) throws SQLException {
		Instant now = Instant.now();
		try (PreparedStatement vote = connection.prepareStatement(
				"insert into gh_vote (id, case_id, process_instance_id, question, window_start, window_end, roll_hash, "
						+ "eligible, state, credentials_issued_at, credentials_issued_by) "
						+ "values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, 'officer')")) {
			vote.setString(1, voteId);
			vote.setString(2, "bench-tally-" + voteId);
			vote.setString(3, "bench-tally-" + voteId);
			vote.setString(4, "Benchmark tally");
			vote.setTimestamp(5, Timestamp.from(now.minusSeconds(86_400)));
			vote.setTimestamp(6, Timestamp.from(now.plusSeconds(86_400)));
			vote.setString(7, "0".repeat(64));
			vote.setInt(8, n);
			vote.setTimestamp(9, Timestamp.from(now.minusSeconds(86_400)));
			vote.executeUpdate();
		}
		// H2's system_range makes the rows inside the database, and keys that grow with x
		// keep every index insert at the end of its b-tree. (Real ballot ids and receipts
		// are random; the tally reads only the (vote_no, choice) index, which does not
		// hold them.) The roll, credentials and voter marks are left out: closing reads
		// none of them.
		String prefix = voteId.replace("-", "");
		for (int from = 1; from <= n; from += CHUNK) {
			try (PreparedStatement insert = connection.prepareStatement(
					"insert into gh_ballot (id, vote_no, choice, receipt_hash) select substr(?, 1, 24) || lpad(x, 12, '0'), "
							+ "(select vote_no from gh_vote where id = ?), case when mod(x, 20) < 12 then 'YES' when mod(x, 20) < 19 then 'NO' else 'ABSTAIN' end, "
							+ "? || lpad(x, 32, '0') from system_range(?, ?)")) {
				insert.setString(1, prefix);
				insert.setString(2, voteId);
				insert.setString(3, prefix);
				insert.setInt(4, from);
				insert.setInt(5, Math.min(n, from + CHUNK - 1));
				insert.executeUpdate();
			}
		}
		long yes = 0;
		for (int x = 1; x <= n; x++) {
			if (x % 20 < 12) {
				yes++;
			}
		}
		return yes;
	}

	private static void reopen(DataSource dataSource, String voteId) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement reopen = connection.prepareStatement("update gh_vote set state = 'OPEN', "
						+ "yes_count = null, no_count = null, abstain_count = null, spoiled_count = null where id = ?");
				// H2 answers a repeated query from its last result while the tables it
				// reads are unchanged: a write to gh_ballot makes every count a real one
				PreparedStatement touch = connection.prepareStatement(
						"update gh_ballot set choice = choice where id = substr(?, 1, 24) || lpad(1, 12, '0')")) {
			reopen.setString(1, voteId);
			reopen.executeUpdate();
			touch.setString(1, voteId.replace("-", ""));
			if (touch.executeUpdate() != 1) {
				throw new IllegalStateException("no ballot to touch");
			}
		}
	}

	private static long bareCount(DataSource dataSource, String voteId) throws SQLException {
		long yes = 0;
		try (Connection connection = dataSource.getConnection();
				PreparedStatement count = connection
					.prepareStatement("select choice, count(*) from gh_ballot where vote_no = ? group by choice");
				PreparedStatement number = connection.prepareStatement("select vote_no from gh_vote where id = ?")) {
			number.setString(1, voteId);
			try (ResultSet rows = number.executeQuery()) {
				rows.next();
				count.setInt(1, rows.getInt(1));
			}
			try (ResultSet rows = count.executeQuery()) {
				while (rows.next()) {
					if ("YES".equals(rows.getString(1))) {
						yes = rows.getLong(2);
					}
				}
			}
		}
		return yes;
	}

}
