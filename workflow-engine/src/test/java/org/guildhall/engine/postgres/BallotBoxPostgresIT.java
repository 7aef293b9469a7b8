package org.guildhall.engine.postgres;

import org.springframework.test.context.ContextConfiguration;

/**
 * {@link org.guildhall.engine.ballots.BallotBoxIT} on a real PostgreSQL: a full vote from
 * roll to decision, 200 threads on the same credentials, secrecy of schema and logs.
 */
@ContextConfiguration(initializers = PostgresInitializer.class)
class BallotBoxPostgresIT extends org.guildhall.engine.ballots.BallotBoxIT {

}
