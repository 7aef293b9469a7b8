package org.guildhall.web.ballots;

import org.guildhall.engine.postgres.PostgresInitializer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link BallotApiIT} — a whole BALLOT_BOX vote through {@code /api} — with the
 * {@code postgres} profile on a real PostgreSQL whose schema Flyway creates.
 */
@ActiveProfiles({ "demo", "postgres" })
@ContextConfiguration(initializers = PostgresInitializer.class)
class BallotApiPostgresIT extends BallotApiIT {

}
