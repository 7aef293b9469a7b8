package org.guildhall.engine.postgres;

import org.springframework.test.context.ContextConfiguration;

/**
 * {@link org.guildhall.engine.rules.RuleSetStudioIT} on a real PostgreSQL: the rule-set
 * table, its checks and the two-person approval.
 */
@ContextConfiguration(initializers = PostgresInitializer.class)
class RuleSetStudioPostgresIT extends org.guildhall.engine.rules.RuleSetStudioIT {

}
