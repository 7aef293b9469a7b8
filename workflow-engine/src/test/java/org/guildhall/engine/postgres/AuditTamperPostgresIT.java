package org.guildhall.engine.postgres;

import org.springframework.test.context.ContextConfiguration;

/** {@link org.guildhall.engine.audit.AuditTamperIT} on a real PostgreSQL. */
@ContextConfiguration(initializers = PostgresInitializer.class)
class AuditTamperPostgresIT extends org.guildhall.engine.audit.AuditTamperIT {

}
