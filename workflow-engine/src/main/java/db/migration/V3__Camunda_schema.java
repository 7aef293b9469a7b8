package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates Camunda's tables from the SQL scripts Camunda ships in {@code camunda-engine}
 * ({@code org/camunda/bpm/engine/db/create/activiti.<db>.create.<part>.sql}), unless they
 * exist already. With this, production runs with
 * {@code camunda.bpm.database.schema-update=false}: Flyway owns the whole schema and runs
 * before the process engine starts (see
 * {@code ProcessEngineDatabaseInitializationDetector}). A database that Camunda created
 * itself (the demo's H2 files of earlier versions) is left alone.
 * <p>
 * Upgrading Camunda later means adding a migration that runs Camunda's shipped upgrade
 * script ({@code org/camunda/bpm/engine/db/upgrade/<db>_engine_<from>_to_<to>.sql}).
 */
public class V3__Camunda_schema extends BaseJavaMigration {

	/** In Camunda's own order of creation. */
	static final List<String> PARTS = List.of("engine", "history", "identity", "case.engine", "case.history",
			"decision.engine", "decision.history");

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		if (camundaTablesExist(connection)) {
			return;
		}
		String database = databaseType(connection.getMetaData().getDatabaseProductName());
		try (Statement statement = connection.createStatement()) {
			for (String part : PARTS) {
				for (String sql : statements(
						read("org/camunda/bpm/engine/db/create/activiti." + database + ".create." + part + ".sql"))) {
					statement.execute(sql);
				}
			}
		}
	}

	static boolean camundaTablesExist(Connection connection) throws SQLException {
		DatabaseMetaData metadata = connection.getMetaData();
		for (String name : List.of("ACT_GE_PROPERTY", "act_ge_property")) {
			try (ResultSet tables = metadata.getTables(connection.getCatalog(), connection.getSchema(), name,
					new String[] { "TABLE" })) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

	static String databaseType(String productName) {
		String product = productName.toLowerCase(Locale.ROOT);
		if (product.contains("postgres")) {
			return "postgres";
		}
		if (product.contains("h2")) {
			return "h2";
		}
		throw new IllegalStateException("Guildhall creates Camunda's schema on H2 and PostgreSQL only, not on "
				+ productName + "; create it with Camunda's scripts for that database and run again");
	}

	/**
	 * The statements of a script: split at semicolons ending a line, comments dropped.
	 */
	static List<String> statements(String script) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : script.split("\\R")) {
			String trimmed = line.trim();
			if (trimmed.isEmpty() || trimmed.startsWith("--")) {
				continue;
			}
			current.append(line).append('\n');
			if (trimmed.endsWith(";")) {
				String sql = current.toString().trim();
				statements.add(sql.substring(0, sql.length() - 1));
				current.setLength(0);
			}
		}
		if (!current.toString().isBlank()) {
			statements.add(current.toString().trim());
		}
		return statements;
	}

	private static String read(String resource) throws IOException {
		try (InputStream in = V3__Camunda_schema.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing from camunda-engine");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
