package org.guildhall.web.api;

import org.guildhall.engine.postgres.PostgresInitializer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link StrikeCaseApiIT} — a case from start to strike through {@code /api} — with the
 * {@code postgres} profile on a real PostgreSQL whose schema Flyway creates.
 */
@ActiveProfiles({ "demo", "postgres" })
@ContextConfiguration(initializers = PostgresInitializer.class)
class StrikeCasePostgresIT extends StrikeCaseApiIT {

}
