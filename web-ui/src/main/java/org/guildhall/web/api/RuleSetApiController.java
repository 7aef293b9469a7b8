package org.guildhall.web.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.guildhall.engine.rules.RuleSet;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.UnknownRuleSetException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The rule sets a case can pin, with their current versions and parameters. */
@RestController
@RequestMapping(path = "/api/rule-sets", produces = "application/json")
@Tag(name = "Rule sets", description = "The governance rules a case is decided by")
class RuleSetApiController {

	private final RuleSetCatalog catalog;

	RuleSetApiController(RuleSetCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping
	@Operation(summary = "Every rule set with its current version")
	List<RuleSetView> ruleSets() {
		return this.catalog.ruleSets().stream().map((ruleSet) -> RuleSetView.of(current(ruleSet))).toList();
	}

	@GetMapping("/{key}")
	@Operation(summary = "One rule set with its current version")
	RuleSetView ruleSet(@PathVariable String key) {
		RuleSet known = this.catalog.find(key)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no rule set '" + key + "'; known: "
					+ this.catalog.ruleSets().stream().map(RuleSet::key).toList()));
		return RuleSetView.of(current(known));
	}

	/** The version a case started now would pin; the shipped one if none is deployed. */
	private RuleSet current(RuleSet known) {
		try {
			return this.catalog.current(known.key());
		}
		catch (UnknownRuleSetException ex) {
			return known;
		}
	}

	/**
	 * A rule set as the API shows it.
	 *
	 * @param key its key, e.g. {@code sag-2008}
	 * @param name a short human name
	 * @param citation the bylaw or statute the rules come from
	 * @param version the version a case started now pins
	 * @param tag the version tag its decisions carry, {@code <key>:<version>}
	 * @param parameters thresholds, bases and window policy (DESIGN.md "Rule-set
	 * parameters")
	 */
	@Schema(name = "RuleSet")
	record RuleSetView(String key, String name, String citation, int version, String tag, JsonNode parameters) {

		static RuleSetView of(RuleSet ruleSet) {
			return new RuleSetView(ruleSet.key(), ruleSet.name(), ruleSet.citation(), ruleSet.version(), ruleSet.tag(),
					ruleSet.parameters());
		}

	}

}
