package org.guildhall.engine.postgres;

import org.springframework.test.context.ContextConfiguration;

/** {@link org.guildhall.engine.audit.AuditTrailIT} on a real PostgreSQL. */
@ContextConfiguration(initializers = PostgresInitializer.class)
class AuditTrailPostgresIT extends org.guildhall.engine.audit.AuditTrailIT {

}
