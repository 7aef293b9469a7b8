package org.guildhall.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditRecord;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.audit.CanonicalJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalogue of rule sets: every version Guildhall knows ({@code gh_rule_set_version}:
 * the shipped ones from {@code rulesets/<key>.json} + {@code .dmn} of the process-models
 * module, and those made in the rules studio), the version a new case pins (the highest
 * <em>approved</em> one), the cases that pinned each, and evaluation of a pinned
 * version's decisions.
 */
@Service
public class RuleSetCatalog {

	/** The decision points every rule-set version defines. */
	public static final List<String> DECISIONS = List.of("board-motion", "committee-determination", "member-vote",
			"ratification-vote", "final-decision", "window-policy");

	/** The top-level process whose instances pin rule sets (see CaseService). */
	static final String CASE_PROCESS = "strike-authorization";

	private static final Logger log = LoggerFactory.getLogger(RuleSetCatalog.class);

	/** Listed first everywhere: the seed case's rule set. */
	private static final String FIRST = "sag-2008";

	private final RepositoryService repository;

	private final DecisionService decisions;

	private final HistoryService history;

	private final RuleSetVersionStore store;

	private final Map<String, ShippedRuleSet> shipped;

	private final AuditTrail audit;

	private final TransactionTemplate transaction;

	public RuleSetCatalog(RepositoryService repository, DecisionService decisions, HistoryService history,
			AuditTrail audit, RuleSetVersionStore store, PlatformTransactionManager transactions) {
		this.repository = repository;
		this.decisions = decisions;
		this.history = history;
		this.audit = audit;
		this.store = store;
		this.transaction = new TransactionTemplate(transactions);
		this.shipped = loadShipped(new ObjectMapper());
	}

	/** The version tag of {@code key} at {@code version}: {@code <key>:<version>}. */
	public static String tag(String key, int version) {
		return key + ":" + version;
	}

	/**
	 * Stores and deploys every shipped rule-set version that is not stored yet, each in
	 * its own deployment, approved by {@code system}. A version deployed before the
	 * catalogue had its table keeps its deployment. Calls are serialised within the JVM:
	 * the demo's seeding calls it on its own thread during start-up, before the
	 * {@link ApplicationStartedEvent} does.
	 */
	@EventListener(ApplicationStartedEvent.class)
	public synchronized void deployShipped() {
		this.shipped.values().forEach((ruleSet) -> {
			try {
				this.transaction.executeWithoutResult((status) -> install(ruleSet));
			}
			catch (DuplicateKeyException ex) {
				// another node stored it at the same moment
				log.debug("Rule set {} was stored concurrently", ruleSet.ruleSet().tag());
			}
		});
	}

	/**
	 * Every rule set with an approved version, at the version a case started now pins;
	 * {@code sag-2008} first, then by key.
	 */
	public List<RuleSet> ruleSets() {
		List<RuleSet> all = new ArrayList<>();
		catalogue().forEach((key, versions) -> latestApproved(versions).ifPresent((v) -> all.add(v.ruleSet())));
		return all;
	}

	/** Every version of every rule set, pending ones included; {@code sag-2008} first. */
	public Map<String, List<RuleSetVersion>> catalogue() {
		Map<String, List<RuleSetVersion>> byKey = new TreeMap<>();
		this.store.all()
			.forEach((version) -> byKey.computeIfAbsent(version.key(), (k) -> new ArrayList<>()).add(version));
		Map<String, List<RuleSetVersion>> ordered = new LinkedHashMap<>();
		Optional.ofNullable(byKey.remove(FIRST)).ifPresent((versions) -> ordered.put(FIRST, versions));
		ordered.putAll(byKey);
		return ordered;
	}

	/** The version of {@code key} a case started now would pin, if any is approved. */
	public Optional<RuleSet> find(String key) {
		return this.store.latestApproved(key).map(RuleSetVersion::ruleSet);
	}

	/** The versions of {@code key}, oldest first; empty if there is no such rule set. */
	public List<RuleSetVersion> versions(String key) {
		return this.store.versions(key);
	}

	public Optional<RuleSetVersion> version(String key, int version) {
		return this.store.find(key, version);
	}

	/** The DMN XML deployed for {@code key} at {@code version}. */
	public Optional<String> dmn(String key, int version) {
		return Optional.ofNullable(this.store.dmn(key, version));
	}

	/**
	 * The rule-set version a case started now pins: the highest <em>approved</em> version
	 * of {@code key}. A version still pending approval is never pinned.
	 * @throws UnknownRuleSetException if there is no such rule set or none of its
	 * versions is approved
	 */
	public RuleSet current(String key) {
		List<RuleSetVersion> versions = this.store.versions(key);
		if (versions.isEmpty()) {
			throw new UnknownRuleSetException("unknown rule set '" + key + "'; known: " + catalogue().keySet());
		}
		return latestApproved(versions).map(RuleSetVersion::ruleSet)
			.orElseThrow(() -> new UnknownRuleSetException(
					"rule set '" + key + "' has no approved version yet: a second rules modeler must approve version "
							+ versions.get(versions.size() - 1).version() + " before cases can use it"));
	}

	/**
	 * The live cases that pinned a version of {@code key}, newest first (at most
	 * {@code limit}), from Camunda's history of {@code strike-authorization} instances.
	 */
	public List<PinnedCase> pinnedCases(String key, int limit) {
		List<HistoricProcessInstance> instances = this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(CASE_PROCESS)
			.withoutTenantId() // live cases: the sandbox's simulated ones pin versions
								// too
			.variableValueEquals("ruleSetKey", key)
			.orderByProcessInstanceStartTime()
			.desc()
			.listPage(0, limit);
		if (instances.isEmpty()) {
			return List.of();
		}
		Map<String, Map<String, Object>> variables = new HashMap<>();
		this.history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
			.variableNameIn("ruleSetVersion", "title")
			.disableCustomObjectDeserialization()
			.list()
			.forEach((variable) -> variables.computeIfAbsent(variable.getProcessInstanceId(), (id) -> new HashMap<>())
				.put(variable.getName(), variable.getValue()));
		return instances.stream().map((instance) -> {
			Map<String, Object> values = variables.getOrDefault(instance.getId(), Map.of());
			int version = (values.get("ruleSetVersion") instanceof Number number) ? number.intValue() : 0;
			Object title = values.get("title");
			return new PinnedCase(instance.getId(), instance.getBusinessKey(),
					(title != null) ? title.toString() : instance.getBusinessKey(), version, instance.getStartTime(),
					instance.getEndTime());
		}).toList();
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

	/**
	 * Deploys {@code xml} as version {@code version} of {@code key}, alone in its own
	 * deployment; answers the deployment id.
	 */
	String deploy(String key, int version, String xml, String source) {
		Deployment deployment = this.repository.createDeployment()
			.name("ruleset:" + tag(key, version))
			.source(source)
			.addString(key + ".dmn", xml)
			.deploy();
		return deployment.getId();
	}

	private static Optional<RuleSetVersion> latestApproved(List<RuleSetVersion> versions) {
		RuleSetVersion latest = null;
		for (RuleSetVersion version : versions) {
			if (version.approved() && (latest == null || version.version() > latest.version())) {
				latest = version;
			}
		}
		return Optional.ofNullable(latest);
	}

	private void install(ShippedRuleSet ruleSet) {
		RuleSet shippedSet = ruleSet.ruleSet();
		if (this.store.find(shippedSet.key(), shippedSet.version()).isPresent()) {
			return;
		}
		String tag = shippedSet.tag();
		String deploymentId = this.repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey("member-vote")
			.versionTag(tag)
			.list()
			.stream()
			.map(DecisionDefinition::getDeploymentId)
			.findFirst()
			.orElse(null);
		String sha256 = CanonicalJson.sha256(ruleSet.dmn());
		boolean deployedNow = deploymentId == null;
		if (deployedNow) {
			// a deployed version is never replaced: running cases are pinned to it
			deploymentId = deploy(shippedSet.key(), shippedSet.version(), ruleSet.dmn(), "guildhall-shipped-rule-sets");
		}
		java.time.Instant now = ClockUtil.getCurrentTime().toInstant();
		this.store.insert(new RuleSetVersion(shippedSet.key(), shippedSet.version(), shippedSet.name(),
				shippedSet.citation(), shippedSet.parameters(), RuleSetSource.SHIPPED, RuleSetState.APPROVED, sha256,
				AuditRecord.SYSTEM, now, AuditRecord.SYSTEM, now, deploymentId), ruleSet.dmn());
		if (deployedNow) {
			this.audit.record(AuditKind.RULE_SET_DEPLOYED, null, AuditRecord.SYSTEM, shippedSet.key(),
					Map.of("ruleSetTag", tag, "version", shippedSet.version(), "name", shippedSet.name(),
							"deploymentId", deploymentId, "source", "shipped", "dmnSha256", sha256));
			log.info("Deployed rule set {} ({})", tag, shippedSet.name());
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
		Map<String, ShippedRuleSet> ordered = new LinkedHashMap<>();
		Optional.ofNullable(loaded.remove(FIRST)).ifPresent((s) -> ordered.put(FIRST, s));
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
