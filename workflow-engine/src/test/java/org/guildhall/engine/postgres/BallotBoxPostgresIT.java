package org.guildhall.engine.postgres;

import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.metrics.GuildhallMetrics;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link org.guildhall.engine.ballots.BallotBoxIT} on a real PostgreSQL: a full vote from
 * roll to decision, 200 threads on the same credentials, secrecy of schema and logs, a
 * ballot being cast when the box closes; and that last one across two nodes.
 */
@ContextConfiguration(initializers = PostgresInitializer.class)
class BallotBoxPostgresIT extends org.guildhall.engine.ballots.BallotBoxIT {

	@Autowired
	AuditTrail audit;

	@Autowired
	GuildhallMetrics metrics;

	/**
	 * The close runs on another node: a second {@link BallotBox} on the same database,
	 * which shares none of this one's in-memory locks, so only the vote's row locks keep
	 * the count from missing the ballot.
	 */
	@Test
	void aBallotBeingCastOnOneNodeWhenAnotherClosesTheBoxIsCounted() throws Exception {
		castWhileClosing(new BallotBox(this.jdbc, this.audit, this.transactions, this.metrics));
	}

	/** Or on the vote's row: a session of this database waits for a lock. */
	@Override
	protected boolean closeWaits(Thread closing) {
		return super.closeWaits(closing) || this.jdbc.queryForObject(
				"select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
				Integer.class) > 0;
	}

}
