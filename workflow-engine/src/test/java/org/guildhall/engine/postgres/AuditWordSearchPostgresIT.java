package org.guildhall.engine.postgres;

import org.springframework.test.context.ContextConfiguration;

/** {@link org.guildhall.engine.audit.AuditWordSearchIT} on a real PostgreSQL. */
@ContextConfiguration(initializers = PostgresInitializer.class)
class AuditWordSearchPostgresIT extends org.guildhall.engine.audit.AuditWordSearchIT {

}
