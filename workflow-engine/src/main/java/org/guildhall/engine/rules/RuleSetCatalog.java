package org.guildhall.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditRecord;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.audit.CanonicalJson;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

/**
 * The catalogue of rule sets: the shipped ones (from {@code rulesets/<key>.json} +
 * {@code .dmn} of the process-models module), their deployment, the version a new case
 * pins, and evaluation of a pinned version's decisions.
 */
@Service
public class RuleSetCatalog {

	/** The decision points every rule-set version defines. */
	public static final List<String> DECISIONS = List.of("board-motion", "committee-determination", "member-vote",
			"ratification-vote", "final-decision", "window-policy");

	private static final Logger log = LoggerFactory.getLogger(RuleSetCatalog.class);

	private final RepositoryService repository;

	private final DecisionService decisions;

	private final Map<String, ShippedRuleSet> shipped;

	private final AuditTrail audit;

	public RuleSetCatalog(RepositoryService repository, DecisionService decisions, AuditTrail audit) {
		this.repository = repository;
		this.decisions = decisions;
		this.audit = audit;
		this.shipped = loadShipped(new ObjectMapper());
	}

	/** The version tag of {@code key} at {@code version}: {@code <key>:<version>}. */
	public static String tag(String key, int version) {
		return key + ":" + version;
	}

	/**
	 * Deploys every shipped rule-set version that is not deployed yet, each in its own
	 * deployment.
	 */
	@EventListener(ApplicationStartedEvent.class)
	public void deployShipped() {
		this.shipped.values().forEach(this::deploy);
	}

	/** Every shipped rule set (version 1 as shipped), {@code sag-2008} first. */
	public List<RuleSet> ruleSets() {
		List<RuleSet> all = new ArrayList<>();
		this.shipped.values().forEach((s) -> all.add(s.ruleSet()));
		return all;
	}

	public Optional<RuleSet> find(String key) {
		return Optional.ofNullable(this.shipped.get(key)).map(ShippedRuleSet::ruleSet);
	}

	/**
	 * The rule-set version a case started now pins: the highest deployed version of
	 * {@code key}.
	 * @throws UnknownRuleSetException if no version of {@code key} is deployed
	 */
	public RuleSet current(String key) {
		RuleSet known = find(key).orElseThrow(
				() -> new UnknownRuleSetException("unknown rule set '" + key + "'; known: " + this.shipped.keySet()));
		int version = this.repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey("member-vote")
			.versionTagLike(key + ":%")
			.list()
			.stream()
			.map((definition) -> versionOf(definition.getVersionTag(), key))
			.max(Comparator.naturalOrder())
			.orElseThrow(() -> new UnknownRuleSetException("rule set '" + key + "' is not deployed"));
		return new RuleSet(known.key(), version, known.name(), known.citation(), known.parameters());
	}

	/**
	 * Evaluates {@code decision} of the rule-set version tagged {@code ruleSetTag}.
	 * @param variables the decision's inputs, e.g. {@code yes}, {@code no} ... for
	 * {@code member-vote}
	 * @throws UnknownRuleSetException if no such decision carries that tag
	 */
	public Decision evaluate(String ruleSetTag, String decision, Map<String, Object> variables) {
		DecisionDefinition definition = this.repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey(decision)
			.versionTag(ruleSetTag)
			.singleResult();
		if (definition == null) {
			throw new UnknownRuleSetException("no decision '" + decision + "' in rule set " + ruleSetTag);
		}
		DmnDecisionResultEntries result = this.decisions.evaluateDecisionById(definition.getId())
			.variables(variables)
			.evaluate()
			.getSingleResult();
		Map<String, Object> outputs = new LinkedHashMap<>(result.getEntryMap());
		return new Decision(ruleSetTag, decision, (String) outputs.get("outcome"), (String) outputs.get("explanation"),
				outputs);
	}

	private void deploy(ShippedRuleSet ruleSet) {
		String tag = ruleSet.ruleSet().tag();
		long deployed = this.repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey("member-vote")
			.versionTag(tag)
			.count();
		if (deployed > 0) {
			// a deployed version is never replaced: running cases are pinned to it
			return;
		}
		Deployment deployment = this.repository.createDeployment()
			.name("ruleset:" + tag)
			.source("guildhall-shipped-rule-sets")
			.addString(ruleSet.ruleSet().key() + ".dmn", ruleSet.dmn())
			.deploy();
		this.audit.record(AuditKind.RULE_SET_DEPLOYED, null, AuditRecord.SYSTEM, ruleSet.ruleSet().key(),
				Map.of("ruleSetTag", tag, "version", ruleSet.ruleSet().version(), "name", ruleSet.ruleSet().name(),
						"deploymentId", deployment.getId(), "source", "shipped", "dmnSha256",
						CanonicalJson.sha256(ruleSet.dmn())));
		log.info("Deployed rule set {} ({})", tag, ruleSet.ruleSet().name());
	}

	private static int versionOf(String versionTag, String key) {
		try {
			return Integer.parseInt(versionTag.substring(key.length() + 1));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static Map<String, ShippedRuleSet> loadShipped(ObjectMapper objectMapper) {
		Map<String, ShippedRuleSet> loaded = new TreeMap<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:rulesets/*.json")) {
				JsonNode json = objectMapper.readTree(resource.getInputStream());
				String key = json.path("key").asText();
				RuleSet ruleSet = new RuleSet(key, json.path("version").asInt(1), json.path("name").asText(),
						json.path("citation").asText(), json);
				loaded.put(key, new ShippedRuleSet(ruleSet, read(resource.createRelative(key + ".dmn"))));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the shipped rule sets", ex);
		}
		// by key, but the seed case's rule set first: users expect it at the top of every
		// list
		Map<String, ShippedRuleSet> ordered = new LinkedHashMap<>();
		Optional.ofNullable(loaded.remove("sag-2008")).ifPresent((s) -> ordered.put("sag-2008", s));
		ordered.putAll(loaded);
		return ordered;
	}

	private static String read(Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private record ShippedRuleSet(RuleSet ruleSet, String dmn) {
	}

}
