package org.guildhall.engine.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code gh_rule_set_version} table: every version of every rule set. */
@Repository
class RuleSetVersionStore {

	private static final String COLUMNS = "rule_set_key, version, name, citation, parameters, source, state, "
			+ "dmn_sha256, created_by, created_at, approved_by, approved_at, deployment_id";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JdbcTemplate jdbc;

	private final RowMapper<RuleSetVersion> row = RuleSetVersionStore::version;

	RuleSetVersionStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Every version of every rule set, by key and version. */
	List<RuleSetVersion> all() {
		return this.jdbc.query("select " + COLUMNS + " from gh_rule_set_version order by rule_set_key, version",
				this.row);
	}

	/** The versions of {@code key}, oldest first. */
	List<RuleSetVersion> versions(String key) {
		return this.jdbc.query(
				"select " + COLUMNS + " from gh_rule_set_version where rule_set_key = ? order by version", this.row,
				key);
	}

	Optional<RuleSetVersion> find(String key, int version) {
		return this.jdbc
			.query("select " + COLUMNS + " from gh_rule_set_version where rule_set_key = ? and version = ?", this.row,
					key, version)
			.stream()
			.findFirst();
	}

	/** The highest approved version of {@code key}. */
	Optional<RuleSetVersion> latestApproved(String key) {
		return this.jdbc
			.query("select " + COLUMNS + " from gh_rule_set_version where rule_set_key = ? and state = 'APPROVED' "
					+ "order by version desc fetch first 1 rows only", this.row, key)
			.stream()
			.findFirst();
	}

	/** The next version number of {@code key}: 1 for a new rule set. */
	int nextVersion(String key) {
		Integer max = this.jdbc.queryForObject("select max(version) from gh_rule_set_version where rule_set_key = ?",
				Integer.class, key);
		return (max != null) ? max + 1 : 1;
	}

	String dmn(String key, int version) {
		return this.jdbc
			.query("select dmn_xml from gh_rule_set_version where rule_set_key = ? and version = ?",
					(rs, n) -> rs.getString(1), key, version)
			.stream()
			.findFirst()
			.orElse(null);
	}

	/**
	 * Stores a new version; a concurrent insert of the same key and version fails on the
	 * primary key.
	 */
	void insert(RuleSetVersion version, String dmnXml) {
		this.jdbc.update(
				"insert into gh_rule_set_version (" + COLUMNS
						+ ", dmn_xml) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				version.key(), version.version(), version.name(), version.citation(), write(version.parameters()),
				version.source().name(), version.state().name(), version.dmnSha256(), version.createdBy(),
				offset(version.createdAt()), version.approvedBy(),
				(version.approvedAt() != null) ? offset(version.approvedAt()) : null, version.deploymentId(), dmnXml);
	}

	/**
	 * Approves a pending version; answers false if it was not pending (any more) or
	 * {@code approver} is its author.
	 */
	boolean approve(String key, int version, String approver, Instant at) {
		return this.jdbc.update(
				"update gh_rule_set_version set state = 'APPROVED', approved_by = ?, approved_at = ? "
						+ "where rule_set_key = ? and version = ? and state = 'PENDING_APPROVAL' and created_by <> ?",
				approver, offset(at), key, version, approver) == 1;
	}

	private static RuleSetVersion version(ResultSet rs, int n) throws SQLException {
		return new RuleSetVersion(rs.getString("rule_set_key"), rs.getInt("version"), rs.getString("name"),
				rs.getString("citation"), read(rs.getString("parameters")),
				RuleSetSource.valueOf(rs.getString("source")), RuleSetState.valueOf(rs.getString("state")),
				rs.getString("dmn_sha256"), rs.getString("created_by"), instant(rs, "created_at"),
				rs.getString("approved_by"), instant(rs, "approved_at"), rs.getString("deployment_id"));
	}

	private static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("unreadable rule-set parameters in gh_rule_set_version", ex);
		}
	}

	private static String write(JsonNode json) {
		try {
			return JSON.writeValueAsString(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime offset(Instant instant) {
		return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
	}

}
