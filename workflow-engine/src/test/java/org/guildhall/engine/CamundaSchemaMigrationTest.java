package org.guildhall.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway creates Camunda's tables from Camunda's shipped scripts on an empty database,
 * and leaves a database alone whose Camunda tables exist already (demo files from
 * before).
 */
class CamundaSchemaMigrationTest {

	@Test
	void anEmptyDatabaseGetsCamundasSchemaAndGuildhallsTables() throws Exception {
		String url = "jdbc:h2:mem:schema-empty-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		flyway(url).migrate();
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement()) {
			assertThat(single(statement, "select VERSION_ from ACT_GE_SCHEMA_LOG where ID_ = '0'")).isEqualTo("7.24.0");
			assertThat(single(statement, "select count(*) from ACT_RU_EXECUTION")).isEqualTo("0");
			assertThat(single(statement, "select count(*) from ACT_HI_PROCINST")).isEqualTo("0");
			assertThat(single(statement, "select count(*) from ACT_ID_USER")).isEqualTo("0");
			assertThat(single(statement, "select count(*) from ACT_RE_DECISION_DEF")).isEqualTo("0");
			assertThat(single(statement, "select last_seq from audit_chain_head")).isEqualTo("0");
		}
		assertThat(flyway(url).migrate().migrationsExecuted).as("nothing left to do").isZero();
	}

	@Test
	void aDatabaseWhoseCamundaTablesExistIsLeftAlone() throws Exception {
		String url = "jdbc:h2:mem:schema-existing-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement()) {
			// as Camunda's own schema creation would have left it
			statement.execute("create table ACT_GE_PROPERTY (NAME_ varchar(64), VALUE_ varchar(300), REV_ integer, "
					+ "primary key (NAME_))");
			statement.execute("insert into ACT_GE_PROPERTY values ('schema.version', 'fox', 1)");
		}
		flyway(url).migrate();
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				ResultSet tables = connection.getMetaData().getTables(null, null, "ACT_RU_EXECUTION", null)) {
			assertThat(tables.next()).as("no Camunda script ran").isFalse();
		}
	}

	private static Flyway flyway(String url) {
		return Flyway.configure()
			.dataSource(url, "sa", "")
			.locations("classpath:db/migration")
			.table("gh_schema_history")
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load();
	}

	private static String single(Statement statement, String sql) throws Exception {
		try (ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

}
