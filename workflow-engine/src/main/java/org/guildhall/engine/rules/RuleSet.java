package org.guildhall.engine.rules;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One version of a rule set as the catalogue knows it.
 *
 * @param key the rule set's key, e.g. {@code sag-2008}
 * @param version the version, from 1
 * @param name a short human name
 * @param citation the bylaw or statute the rules come from
 * @param parameters the rule-set parameters (thresholds, bases, window policy) as JSON
 */
public record RuleSet(String key, int version, String name, String citation, JsonNode parameters) {

	/** The version tag its decisions carry: {@code <key>:<version>}. */
	public String tag() {
		return RuleSetCatalog.tag(this.key, this.version);
	}

}
