package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.guildhall.engine.audit.SearchWords;

/**
 * Fills {@code audit_word} (V8) for the cases recorded before it existed: the words
 * ({@link SearchWords}) of each case's title and business key ({@code audit_case}) and of
 * the data of its events ({@code audit_event}). Cases are read a page at a time in
 * {@code case_id} order, with the events of that page's range of case ids, so neither the
 * trail nor the words are ever held in memory whole. Each case is handled once, with its
 * words made distinct in memory, so no pair is inserted twice. Plain JDBC on Flyway's
 * connection, portable SQL (H2 and PostgreSQL).
 */
public class V9__audit_words_backfill extends BaseJavaMigration {

	/** Cases read at a time. */
	static final int CASES = 200;

	/** Rows inserted by one batch. */
	static final int BATCH = 1000;

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		String page = "select case_id, title, business_key from audit_case %s order by case_id fetch first " + CASES
				+ " rows only";
		try (PreparedStatement firstCases = connection.prepareStatement(page.formatted(""));
				PreparedStatement cases = connection.prepareStatement(page.formatted("where case_id > ?"));
				PreparedStatement events = connection
					.prepareStatement("select case_id, data from audit_event where case_id >= ? and case_id <= ?");
				PreparedStatement insert = connection
					.prepareStatement("insert into audit_word (word, case_id) values (?, ?)")) {
			String after = null;
			while (true) {
				Map<String, Set<String>> words = casePage((after != null) ? cases : firstCases, after);
				if (words.isEmpty()) {
					return;
				}
				List<String> ids = new ArrayList<>(words.keySet());
				String first = ids.get(0);
				String last = ids.get(ids.size() - 1);
				events.setString(1, first);
				events.setString(2, last);
				try (ResultSet rows = events.executeQuery()) {
					while (rows.next()) {
						// the range may hold events of cases without an audit_case row:
						// the search never finds those
						Set<String> caseWords = words.get(rows.getString(1));
						if (caseWords != null) {
							SearchWords.addJson(rows.getString(2), caseWords);
						}
					}
				}
				insert(insert, words);
				if (ids.size() < CASES) {
					return;
				}
				after = last;
			}
		}
	}

	/** The next page of cases after {@code after}, in order, with their own words. */
	private static Map<String, Set<String>> casePage(PreparedStatement cases, String after) throws SQLException {
		Map<String, Set<String>> words = new LinkedHashMap<>();
		if (after != null) {
			cases.setString(1, after);
		}
		try (ResultSet rows = cases.executeQuery()) {
			while (rows.next()) {
				Set<String> caseWords = new HashSet<>();
				SearchWords.add(rows.getString(2), caseWords);
				SearchWords.add(rows.getString(3), caseWords);
				words.put(rows.getString(1), caseWords);
			}
		}
		return words;
	}

	private static void insert(PreparedStatement insert, Map<String, Set<String>> words) throws SQLException {
		int batched = 0;
		for (Map.Entry<String, Set<String>> entry : words.entrySet()) {
			for (String word : entry.getValue()) {
				insert.setString(1, word);
				insert.setString(2, entry.getKey());
				insert.addBatch();
				if (++batched == BATCH) {
					insert.executeBatch();
					batched = 0;
				}
			}
		}
		if (batched > 0) {
			insert.executeBatch();
		}
	}

}
