package org.guildhall.web.security;

import org.guildhall.engine.postgres.PostgresInitializer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link HostileInputIT} — the whole bad-input corpus — with the {@code postgres} profile
 * on a real PostgreSQL, which refuses some text H2 stores (a NUL character).
 */
@ActiveProfiles({ "demo", "postgres" })
@ContextConfiguration(initializers = PostgresInitializer.class)
class HostileInputPostgresIT extends HostileInputIT {

}
