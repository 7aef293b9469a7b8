package org.guildhall.models.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;

/**
 * Deploys shipped rule sets the way Guildhall does at run time: each rule-set version in
 * its own deployment (every rule set defines the same decision keys), its decisions
 * tagged {@code <key>:<version>}.
 */
public final class RuleSets {

	/** The four rule sets shipped in {@code rulesets/}. */
	public static final String[] SHIPPED = { "sag-2008", "two-thirds", "majority-turnout-50",
			"majority-turnout-50-yes-40" };

	private RuleSets() {
	}

	/**
	 * Deploys the shipped file of {@code key} as version 1; returns the deployment id.
	 */
	public static String deploy(ProcessEngine engine, String key) {
		return deploy(engine, key, 1, null);
	}

	/**
	 * Deploys the shipped file of {@code key} re-tagged as {@code version}, with one
	 * textual replacement applied (null for none); tests use this to make a changed later
	 * version.
	 */
	public static String deploy(ProcessEngine engine, String key, int version, String[] replace) {
		String xml = read("rulesets/" + key + ".dmn").replace("camunda:versionTag=\"" + key + ":1\"",
				"camunda:versionTag=\"" + key + ":" + version + "\"");
		if (replace != null) {
			if (!xml.contains(replace[0])) {
				throw new IllegalArgumentException("rule set " + key + " does not contain " + replace[0]);
			}
			xml = xml.replace(replace[0], replace[1]);
		}
		RepositoryService repository = engine.getRepositoryService();
		return repository.createDeployment()
			.name("ruleset:" + key + ":" + version)
			.addInputStream(key + ".dmn", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
			.deploy()
			.getId();
	}

	/** Evaluates {@code decisionKey} of the rule-set version tagged {@code tag}. */
	public static DmnDecisionResultEntries evaluate(ProcessEngine engine, String tag, String decisionKey,
			Map<String, Object> variables) {
		DecisionDefinition definition = engine.getRepositoryService()
			.createDecisionDefinitionQuery()
			.decisionDefinitionKey(decisionKey)
			.versionTag(tag)
			.singleResult();
		if (definition == null) {
			throw new IllegalStateException("no decision " + decisionKey + " tagged " + tag);
		}
		DecisionService decisions = engine.getDecisionService();
		return decisions.evaluateDecisionById(definition.getId()).variables(variables).evaluate().getSingleResult();
	}

	public static String read(String resource) {
		try (InputStream in = RuleSets.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no resource " + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
