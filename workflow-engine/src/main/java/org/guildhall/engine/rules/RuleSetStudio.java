package org.guildhall.engine.rules;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.guildhall.engine.audit.AuditKind;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.audit.CanonicalJson;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.identity.GuildGroup;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules studio: rules modelers create rule-set versions (from parameters, or by
 * uploading a DMN made in Camunda Modeler), a second rules modeler approves them, and
 * anyone may try a version's decisions on counts by hand.
 * <p>
 * A new version is checked, deployed in its own deployment (decisions tagged
 * {@code <key>:<version>}) and stored as {@link RuleSetState#PENDING_APPROVAL} in one
 * transaction: a refused one leaves nothing behind. New live cases pin only approved
 * versions ({@link RuleSetCatalog#current(String)}). Proposals and approvals are audited
 * with the DMN's SHA-256.
 */
@Service
public class RuleSetStudio {

	/** The counts a member vote (strike authorization or ratification) is decided on. */
	public static final List<String> MEMBER_VOTE_INPUTS = List.of("yes", "no", "abstain", "spoiled", "eligible");

	/**
	 * The counts a board motion, committee determination or final decision is decided on.
	 */
	public static final List<String> MOTION_INPUTS = List.of("votesFor", "votesAgainst", "abstentions",
			"membersPresent", "seats");

	/** The voting window policy's input: the window's length in days. */
	public static final List<String> WINDOW_INPUTS = List.of("windowDays");

	private final RuleSetCatalog catalog;

	private final RuleSetVersionStore store;

	private final AuditTrail audit;

	private final DmnEngine dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

	/** Parsed decisions by version tag; a deployed version never changes. */
	private final Map<String, Map<String, DmnDecision>> parsed = new ConcurrentHashMap<>();

	public RuleSetStudio(RuleSetCatalog catalog, RuleSetVersionStore store, AuditTrail audit) {
		this.catalog = catalog;
		this.store = store;
		this.audit = audit;
	}

	/**
	 * Creates the next version of a rule set (version 1 of a new one) from parameters
	 * JSON (DESIGN.md "Rule-set parameters"): generates its DMN, deploys it and stores it
	 * pending approval.
	 * @throws RuleSetException.Forbidden if {@code author} is not a rules modeler
	 * @throws RuleSetException.Invalid if a parameter is invalid
	 */
	@Transactional
	public RuleSetVersion create(JsonNode json, Actor author) {
		requireModeler(author, "create rule sets");
		RuleSetParameters parameters = RuleSetParameters.parse(json);
		List<RuleSetVersion> existing = this.store.versions(parameters.key());
		parameters = parameters.named(nameOrPrevious(parameters.name(), existing),
				citationOrPrevious(parameters.citation(), existing));
		int version = this.store.nextVersion(parameters.key());
		String xml = DmnGenerator.generateXml(parameters, version);
		DmnChecks.probe(dmnEngine(), xml);
		return store(parameters.key(), version, parameters.name(), parameters.citation(), parameters.toJson(version),
				RuleSetSource.PARAMETERS, xml, author, Map.of());
	}

	/**
	 * Creates the next version of a rule set (version 1 of a new one) from a DMN file
	 * made in Camunda Modeler: parsed, checked and tried before anything is deployed.
	 * Every decision is tagged {@code <key>:<version>} (a tag in the file is replaced).
	 * @throws RuleSetException.Forbidden if {@code author} is not a rules modeler
	 * @throws RuleSetException.Invalid if the file or a field is unusable
	 */
	@Transactional
	public RuleSetVersion upload(String key, String name, String citation, String fileName, byte[] dmn, Actor author) {
		requireModeler(author, "upload rule sets");
		if (key == null || key.isBlank()) {
			throw new RuleSetException.Invalid("key", "key is required, e.g. \"sixty-percent\"");
		}
		if (!RuleSetParameters.KEY.matcher(key).matches()) {
			throw new RuleSetException.Invalid("key", "key \"" + key
					+ "\" must be 2 to 63 characters: lower-case letters, digits and hyphens, starting with a letter or digit");
		}
		List<RuleSetVersion> existing = this.store.versions(key);
		String finalName = nameOrPrevious(trim(name, "name", 200), existing);
		String finalCitation = citationOrPrevious(trim(citation, "citation", 2000), existing);
		DmnModelInstance model = DmnChecks.parseUpload(dmn);
		int version = this.store.nextVersion(key);
		DmnChecks.tag(model, RuleSetCatalog.tag(key, version));
		String xml = Dmn.convertToString(model);
		DmnChecks.probe(dmnEngine(), xml);
		ObjectNode parameters = JsonNodeFactory.instance.objectNode();
		parameters.put("key", key);
		parameters.put("version", version);
		parameters.put("name", finalName);
		parameters.put("citation", finalCitation);
		parameters.put("source", RuleSetSource.UPLOAD.name());
		ObjectNode descriptions = parameters.putObject("decisions");
		for (Decision decision : model.getModelElementsByType(Decision.class)) {
			if (RuleSetCatalog.DECISIONS.contains(decision.getId())) {
				descriptions.put(decision.getId(), (decision.getDescription() != null)
						? decision.getDescription().getTextContent().trim() : decision.getName());
			}
		}
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("uploadSha256", sha256(dmn));
		extra.put("fileName", (fileName != null) ? fileName : "");
		return store(key, version, finalName, finalCitation, parameters, RuleSetSource.UPLOAD, xml, author, extra);
	}

	/**
	 * Approves a pending version: from now on new live cases pin it (or a later approved
	 * one).
	 * @throws RuleSetException.Forbidden if {@code approver} is not a rules modeler or
	 * created the version
	 * @throws RuleSetException.NotFound if there is no such version
	 * @throws RuleSetException.Conflict if it is approved already
	 */
	@Transactional
	public RuleSetVersion approve(String key, int version, Actor approver) {
		requireModeler(approver, "approve rule sets");
		String tag = RuleSetCatalog.tag(key, version);
		RuleSetVersion pending = this.store.find(key, version).orElseThrow(() -> notFound(key, version));
		if (pending.approved()) {
			throw new RuleSetException.Conflict(
					tag + " was approved already, by " + pending.approvedBy() + " at " + pending.approvedAt());
		}
		if (pending.createdBy().equals(approver.userId())) {
			throw new RuleSetException.Forbidden("you created " + tag
					+ "; a second rules modeler must approve it (separation of duties: nobody approves their own rules)");
		}
		Instant now = ClockUtil.getCurrentTime().toInstant();
		if (!this.store.approve(key, version, approver.userId(), now)) {
			throw new RuleSetException.Conflict(tag + " changed while you approved it; reload and try again");
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("ruleSetTag", tag);
		data.put("version", version);
		data.put("author", pending.createdBy());
		data.put("dmnSha256", pending.dmnSha256());
		data.put("deploymentId", pending.deploymentId());
		this.audit.record(AuditKind.RULE_SET_APPROVED, null, approver.userId(), key, data);
		return this.store.find(key, version).orElseThrow();
	}

	/**
	 * Tries {@code decision} of a rule-set version on counts given by hand. Nothing is
	 * recorded: no history, no audit event.
	 * @param version the version, or null for the latest approved
	 * @param inputs the decision's counts ({@link #MEMBER_VOTE_INPUTS},
	 * {@link #MOTION_INPUTS} or {@link #WINDOW_INPUTS})
	 * @throws RuleSetException.NotFound for an unknown rule set or version
	 * @throws RuleSetException.Invalid for an unknown decision or invalid counts
	 */
	public Evaluation evaluate(String key, Integer version, String decision, Map<String, ?> inputs) {
		List<RuleSetVersion> versions = this.store.versions(key);
		if (versions.isEmpty()) {
			throw new RuleSetException.NotFound(
					"no rule set '" + key + "'; known: " + this.catalog.catalogue().keySet());
		}
		RuleSetVersion chosen;
		if (version != null) {
			chosen = versions.stream()
				.filter((v) -> v.version() == version)
				.findFirst()
				.orElseThrow(() -> notFound(key, version));
		}
		else {
			chosen = versions.stream()
				.filter(RuleSetVersion::approved)
				.reduce((a, b) -> b)
				.orElseThrow(() -> new RuleSetException.NotFound(
						"rule set '" + key + "' has no approved version yet; give \"version\" to try a pending one"));
		}
		if (decision == null || !RuleSetCatalog.DECISIONS.contains(decision)) {
			throw new RuleSetException.Invalid("decision",
					"decision must be one of " + RuleSetCatalog.DECISIONS + ", not " + quoted(decision));
		}
		Map<String, Object> variables = EvaluationInputs.validate(decision, inputs);
		DmnDecision dmn = decisions(chosen).get(decision);
		DmnDecisionResultEntries result = dmnEngine().evaluateDecision(dmn, variables).getSingleResult();
		if (result == null) {
			throw new RuleSetException.Invalid(null,
					"no rule of " + decision + " in " + chosen.tag() + " matches these counts");
		}
		return new Evaluation(key, chosen.version(), chosen.state(), decision,
				String.valueOf((Object) result.getEntry("outcome")),
				String.valueOf((Object) result.getEntry("explanation")));
	}

	/**
	 * Evaluates {@code decision} of {@code version} on the standalone DMN engine, with
	 * variables already checked by the caller. Nothing is recorded: no Camunda history,
	 * no audit event (what-if replays and sweeps of uploaded versions use this).
	 * @param variables the decision's inputs, counts as {@link Long}, {@code windowDays}
	 * as {@link Double}
	 * @return the outcome and explanation, or null when no rule matches
	 */
	public org.guildhall.engine.rules.Decision evaluateQuietly(RuleSetVersion version, String decision,
			Map<String, Object> variables) {
		DmnDecision dmn = decisions(version).get(decision);
		if (dmn == null) {
			throw new RuleSetException.Invalid("decision", version.tag() + " has no decision '" + decision + "'");
		}
		DmnDecisionResultEntries result = dmnEngine().evaluateDecision(dmn, variables).getSingleResult();
		if (result == null) {
			return null;
		}
		Map<String, Object> outputs = new LinkedHashMap<>(result.getEntryMap());
		return new org.guildhall.engine.rules.Decision(version.tag(), decision, String.valueOf(outputs.get("outcome")),
				String.valueOf(outputs.get("explanation")), outputs);
	}

	/**
	 * Checks counts for {@code decision} as {@link #evaluate} does (whole numbers, none
	 * negative, ballots no more than eligible ...).
	 * @throws RuleSetException.Invalid naming the field at fault
	 */
	public static Map<String, Object> checkedInputs(String decision, Map<String, ?> inputs) {
		return EvaluationInputs.validate(decision, inputs);
	}

	private RuleSetVersion store(String key, int version, String name, String citation, JsonNode parameters,
			RuleSetSource source, String xml, Actor author, Map<String, Object> extra) {
		String sha256 = CanonicalJson.sha256(xml);
		String deploymentId;
		try {
			deploymentId = this.catalog.deploy(key, version, xml, "guildhall-rules-studio");
		}
		catch (ProcessEngineException ex) {
			throw new RuleSetException.Invalid("file", "Camunda refused the DMN: " + DmnChecks.reason(ex));
		}
		RuleSetVersion created = new RuleSetVersion(key, version, name, citation, parameters, source,
				RuleSetState.PENDING_APPROVAL, sha256, author.userId(), ClockUtil.getCurrentTime().toInstant(), null,
				null, deploymentId);
		try {
			this.store.insert(created, xml);
		}
		catch (DuplicateKeyException ex) {
			throw new RuleSetException.Conflict("another version of '" + key
					+ "' was created at the same moment; try again to create version " + (version + 1));
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("ruleSetTag", RuleSetCatalog.tag(key, version));
		data.put("version", version);
		data.put("name", name);
		data.put("source", source.name());
		data.put("state", RuleSetState.PENDING_APPROVAL.name());
		data.put("deploymentId", deploymentId);
		data.put("dmnSha256", sha256);
		data.putAll(extra);
		this.audit.record(AuditKind.RULE_SET_PROPOSED, null, author.userId(), key, data);
		return created;
	}

	private Map<String, DmnDecision> decisions(RuleSetVersion version) {
		return this.parsed.computeIfAbsent(version.tag(), (tag) -> {
			String xml = this.store.dmn(version.key(), version.version());
			Map<String, DmnDecision> byKey = new LinkedHashMap<>();
			dmnEngine().parseDecisions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
				.forEach((decision) -> byKey.put(decision.getKey(), decision));
			return byKey;
		});
	}

	/**
	 * A DMN engine of its own, with Camunda's default configuration (the same FEEL engine
	 * the process engine uses): the process engine's one parses only inside its commands,
	 * and evaluating through the process engine would write history and audit events.
	 */
	private DmnEngine dmnEngine() {
		return this.dmnEngine;
	}

	private static void requireModeler(Actor actor, String what) {
		if (actor == null || !actor.isIn(GuildGroup.RULES_MODELER)) {
			throw new RuleSetException.Forbidden("only members of [" + GuildGroup.RULES_MODELER.id() + "] may " + what
					+ "; " + ((actor != null) ? actor.userId() + " is in " + actor.groups().stream().sorted().toList()
							: "you are not signed in"));
		}
	}

	private static String nameOrPrevious(String name, List<RuleSetVersion> existing) {
		if (name != null) {
			return name;
		}
		if (existing.isEmpty()) {
			throw new RuleSetException.Invalid("name",
					"name is required for a new rule set, e.g. \"60% of votes cast\"");
		}
		return existing.get(existing.size() - 1).name();
	}

	private static String citationOrPrevious(String citation, List<RuleSetVersion> existing) {
		if (citation != null) {
			return citation;
		}
		if (existing.isEmpty()) {
			throw new RuleSetException.Invalid("citation",
					"citation is required for a new rule set: the bylaw or statute the rules come from");
		}
		return existing.get(existing.size() - 1).citation();
	}

	private static String trim(String value, String field, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.length() > max) {
			throw new RuleSetException.Invalid(field, field + " must be at most " + max + " characters");
		}
		RuleSetParameters.requirePlainText(field, trimmed);
		return trimmed;
	}

	private static RuleSetException.NotFound notFound(String key, int version) {
		return new RuleSetException.NotFound("rule set '" + key + "' has no version " + version);
	}

	private static String quoted(String value) {
		return (value == null) ? "nothing" : "'" + value + "'";
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
