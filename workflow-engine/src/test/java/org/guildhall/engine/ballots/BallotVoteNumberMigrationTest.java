package org.guildhall.engine.ballots;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.guildhall.engine.MigrationTests;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code V10__ballot_vote_number}: ballots cast before the ballot table referred to its
 * vote by number (written here with plain SQL into a schema migrated up to V9) keep their
 * vote and choice once the database is migrated, votes prepared afterwards get numbers of
 * their own, and a ballot cannot name a vote that does not exist.
 */
public class BallotVoteNumberMigrationTest {

	/** The database to migrate: a fresh one for each call. */
	protected DataSource freshDatabase() {
		return new DriverManagerDataSource("jdbc:h2:mem:vote-number-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa",
				"");
	}

	/** Flyway's locations for that database. */
	protected String[] locations() {
		return new String[] { "classpath:db/migration" };
	}

	@Test
	void ballotsCastBeforeTheMigrationKeepTheirVoteAndChoice() {
		DataSource database = freshDatabase();
		flyway(database, "9").migrate();
		JdbcTemplate jdbc = new JdbcTemplate(database);
		Map<String, int[]> votes = Map.of("vote-a", new int[] { 3, 1, 0 }, "vote-b", new int[] { 0, 2, 1 }, "vote-c",
				new int[] { 5, 0, 2 });
		List<Object[]> ballots = new ArrayList<>();
		votes.forEach((vote, counts) -> {
			insertVote(jdbc, vote);
			String[] choices = { "YES", "NO", "ABSTAIN" };
			for (int c = 0; c < 3; c++) {
				for (int i = 0; i < counts[c]; i++) {
					String id = vote + "-" + choices[c] + "-" + i;
					ballots.add(new Object[] { id, vote, choices[c], "%064d".formatted(ballots.size()) });
				}
			}
		});
		jdbc.batchUpdate("insert into gh_ballot (id, vote_id, choice, receipt_hash) values (?, ?, ?, ?)", ballots);

		flyway(database, null).migrate();

		votes.forEach((vote, counts) -> {
			assertThat(count(jdbc, vote, "YES")).as(vote + " yes").isEqualTo(counts[0]);
			assertThat(count(jdbc, vote, "NO")).as(vote + " no").isEqualTo(counts[1]);
			assertThat(count(jdbc, vote, "ABSTAIN")).as(vote + " abstain").isEqualTo(counts[2]);
		});
		assertThat(jdbc.queryForObject("select count(distinct vote_no) from gh_vote", Integer.class)).isEqualTo(3);
		assertThat(jdbc.queryForObject("select count(*) from gh_ballot", Integer.class)).isEqualTo(ballots.size());
		assertThat(jdbc.queryForList("select column_name from information_schema.columns "
				+ "where lower(table_name) = 'gh_ballot' and lower(column_name) = 'vote_id'"))
			.as("the vote's id is no longer repeated in every ballot")
			.isEmpty();

		// a vote prepared after the migration gets a number no earlier vote has
		insertVote(jdbc, "vote-d");
		Integer number = jdbc.queryForObject("select vote_no from gh_vote where id = 'vote-d'", Integer.class);
		assertThat(jdbc.queryForList("select vote_no from gh_vote where id <> 'vote-d'", Integer.class))
			.doesNotContain(number);
		assertThatThrownBy(() -> jdbc.update(
				"insert into gh_ballot (id, vote_no, choice, receipt_hash) " + "values ('orphan', ?, 'YES', ?)",
				number + 1000, "f".repeat(64)))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	private static void insertVote(JdbcTemplate jdbc, String vote) {
		Timestamp start = Timestamp.from(Instant.parse("2008-07-01T00:00:00Z"));
		Timestamp end = Timestamp.from(Instant.parse("2008-08-15T00:00:00Z"));
		jdbc.update(
				"insert into gh_vote (id, case_id, process_instance_id, question, window_start, window_end, "
						+ "roll_hash, eligible, state) values (?, ?, ?, 'Strike?', ?, ?, ?, 10, 'OPEN')",
				vote, "case-" + vote, "pi-" + vote, start, end, "0".repeat(64));
	}

	private static int count(JdbcTemplate jdbc, String vote, String choice) {
		Integer found = jdbc.queryForObject("select count(*) from gh_ballot b join gh_vote v on v.vote_no = b.vote_no "
				+ "where v.id = ? and b.choice = ?", Integer.class, vote, choice);
		return (found != null) ? found : -1;
	}

	private Flyway flyway(DataSource database, String target) {
		return MigrationTests.flyway(database, locations(), target);
	}

}
