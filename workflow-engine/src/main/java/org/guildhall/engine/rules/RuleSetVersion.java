package org.guildhall.engine.rules;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stored version of a rule set, with its approval.
 *
 * @param key the rule set's key
 * @param version the version, from 1
 * @param name a short human name
 * @param citation the bylaw or statute the rules come from
 * @param parameters the parameters as JSON (for an upload: key, name, citation and the
 * decisions' descriptions)
 * @param source where the DMN came from
 * @param state pending approval or approved
 * @param dmnSha256 the SHA-256 (hex) of the DMN XML deployed
 * @param createdBy the author ({@code system} for shipped versions)
 * @param createdAt when it was created
 * @param approvedBy who approved it, or null
 * @param approvedAt when, or null
 * @param deploymentId the Camunda deployment holding its decisions
 */
public record RuleSetVersion(String key, int version, String name, String citation, JsonNode parameters,
		RuleSetSource source, RuleSetState state, String dmnSha256, String createdBy, Instant createdAt,
		String approvedBy, Instant approvedAt, String deploymentId) {

	/** The version tag its decisions carry: {@code <key>:<version>}. */
	public String tag() {
		return RuleSetCatalog.tag(this.key, this.version);
	}

	public boolean approved() {
		return this.state == RuleSetState.APPROVED;
	}

	/** As the catalogue's older callers take it. */
	public RuleSet ruleSet() {
		return new RuleSet(this.key, this.version, this.name, this.citation, this.parameters);
	}

}
