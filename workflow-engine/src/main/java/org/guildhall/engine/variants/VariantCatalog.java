package org.guildhall.engine.variants;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.identity.GuildGroup;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetStudio;

import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox's variants: checks and deploys an uploaded or shipped variant in tenant
 * {@link Sandbox#TENANT}, lists and finds variant deployments, reads their BPMN.
 * <p>
 * A variant deployment holds the variant's BPMN (resource {@code <process key>.bpmn}), a
 * copy of the current live BPMN of every other Guildhall process (call activities bind by
 * deployment, so the variant and the processes it calls resolve inside it) and a
 * {@code variant.json} describing it (name, author, file). Rule sets stay shared,
 * tenant-less deployments: Camunda looks a tenant's decisions up in that tenant unless
 * {@code camunda:decisionRefTenantId} says otherwise, so every business rule task in the
 * deployment gets {@code camunda:decisionRefTenantId="${null}"} (uploads may not set it).
 */
@Service
public class VariantCatalog {

	/** The resource in each variant deployment that describes it. */
	static final String DESCRIPTOR = "variant.json";

	private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RepositoryService repository;

	private final IdentityService identity;

	private final ApplicationContext context;

	private final RuleSetCatalog ruleSets;

	private final RuleSetStudio studio;

	public VariantCatalog(RepositoryService repository, IdentityService identity, ApplicationContext context,
			RuleSetCatalog ruleSets, RuleSetStudio studio) {
		this.repository = repository;
		this.identity = identity;
		this.context = context;
		this.ruleSets = ruleSets;
		this.studio = studio;
	}

	/**
	 * Checks {@code bpmn} and deploys it as variant {@code name} in the sandbox. Nothing
	 * is deployed when it is refused.
	 * @throws VariantException.Forbidden if {@code actor} is not a rules modeler
	 * @throws VariantException.Invalid saying what is wrong with the name or the file
	 */
	@Transactional
	public Variant upload(String name, String fileName, byte[] bpmn, Actor actor) {
		return deploy(name, fileName, bpmn, actor, false);
	}

	/**
	 * Deploys shipped variant {@code name} in the sandbox; creates its rule set as a
	 * pending version first if it ships one and the rule set does not exist yet.
	 * @throws VariantException.NotFound if no variant of that name is shipped
	 */
	@Transactional
	public Variant deployShipped(String name, Actor actor) {
		ShippedVariant shipped = shippedVariant(name)
			.orElseThrow(() -> new VariantException.NotFound("no variant named '" + name + "' is shipped"));
		requireModeler(actor);
		if (shipped.ruleSetParameters() != null && this.ruleSets.versions(shipped.ruleSet()).isEmpty()) {
			this.studio.create(readJson("variants/" + name + "/" + shipped.ruleSetParameters()), actor);
		}
		return deploy(name, shipped.file(), read("variants/" + name + "/" + shipped.file()), actor, true);
	}

	private Variant deploy(String name, String fileName, byte[] bpmn, Actor actor, boolean shipped) {
		requireModeler(actor);
		if (name == null || !NAME.matcher(name.trim()).matches()) {
			throw new VariantException.Invalid("name",
					"name must be 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit, "
							+ "e.g. members-decide");
		}
		VariantChecks.Checked checked = VariantChecks.check(bpmn, this.context::containsBean);
		DeploymentBuilder deployment = this.repository.createDeployment()
			.name("variant:" + name.trim())
			.tenantId(Sandbox.TENANT)
			.source("guildhall-sandbox");
		deployment.addString(checked.processId() + ".bpmn", sharedDecisions(checked.model()));
		for (String key : Sandbox.PROCESSES) {
			if (!key.equals(checked.processId())) {
				deployment.addString(key + ".bpmn", sharedDecisions(liveModel(key)));
			}
		}
		ObjectNode descriptor = JSON.createObjectNode()
			.put("name", name.trim())
			.put("processKey", checked.processId())
			.put("processName", checked.processName())
			.put("fileName", (fileName != null && !fileName.isBlank()) ? fileName : checked.processId() + ".bpmn")
			.put("shipped", shipped)
			.put("deployedBy", actor.userId());
		deployment.addString(DESCRIPTOR, descriptor.toString());
		Authentication previous = this.identity.getCurrentAuthentication();
		this.identity.setAuthentication(actor.userId(), List.copyOf(actor.groups()), List.of(Sandbox.TENANT));
		try {
			return toVariant(deployment.deploy());
		}
		catch (ProcessEngineException ex) {
			throw new VariantException.Invalid("file", "Camunda's engine refused the model: " + ex.getMessage());
		}
		finally {
			if (previous != null) {
				this.identity.setAuthentication(previous);
			}
			else {
				this.identity.clearAuthentication();
			}
		}
	}

	/** The variant deployments, newest first. */
	public List<Variant> list() {
		return this.repository.createDeploymentQuery()
			.tenantIdIn(Sandbox.TENANT)
			.orderByDeploymentTime()
			.desc()
			.list()
			.stream()
			.filter((deployment) -> deployment.getName() != null && deployment.getName().startsWith("variant:"))
			.map(this::toVariant)
			.toList();
	}

	/**
	 * The variant deployment {@code id}.
	 * @throws VariantException.NotFound if there is none in the sandbox
	 */
	public Variant find(String id) {
		Deployment deployment = this.repository.createDeploymentQuery()
			.deploymentId(id)
			.tenantIdIn(Sandbox.TENANT)
			.singleResult();
		if (deployment == null || deployment.getName() == null || !deployment.getName().startsWith("variant:")) {
			throw new VariantException.NotFound("no variant deployment " + id + " in the sandbox");
		}
		return toVariant(deployment);
	}

	/** The BPMN of the variant's own process (as deployed). */
	public byte[] bpmn(String id) {
		Variant variant = find(id);
		try (InputStream in = this.repository.getProcessModel(variant.variantDefinitionId())) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The variants shipped in {@code process-models}, by name. */
	public List<ShippedVariant> shipped() {
		List<ShippedVariant> found = new ArrayList<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:variants/*/variant.json")) {
				try (InputStream in = resource.getInputStream()) {
					JsonNode json = JSON.readTree(in);
					found.add(new ShippedVariant(json.path("name").asText(), json.path("title").asText(),
							json.path("description").asText(), json.path("file").asText(),
							json.path("ruleSet").asText(null), json.path("ruleSetParameters").asText(null),
							json.path("scenario")));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		found.sort(Comparator.comparing(ShippedVariant::name));
		return found;
	}

	/** The shipped variant {@code name}, if any. */
	public Optional<ShippedVariant> shippedVariant(String name) {
		return shipped().stream().filter((variant) -> variant.name().equals(name)).findFirst();
	}

	private Variant toVariant(Deployment deployment) {
		JsonNode descriptor;
		try (InputStream in = this.repository.getResourceAsStream(deployment.getId(), DESCRIPTOR)) {
			descriptor = JSON.readTree(in);
		}
		catch (IOException | ProcessEngineException ex) {
			descriptor = JSON.createObjectNode();
		}
		String processKey = descriptor.path("processKey").asText(Sandbox.CASE_PROCESS);
		Map<String, ProcessDefinition> definitions = new LinkedHashMap<>();
		this.repository.createProcessDefinitionQuery()
			.deploymentId(deployment.getId())
			.list()
			.forEach((definition) -> definitions.put(definition.getKey(), definition));
		ProcessDefinition top = definitions.get(Sandbox.CASE_PROCESS);
		ProcessDefinition own = definitions.get(processKey);
		String name = descriptor.path("name").asText(deployment.getName().substring("variant:".length()));
		return new Variant(deployment.getId(), name, processKey,
				(own != null && own.getName() != null) ? own.getName() : processKey,
				descriptor.path("fileName").asText(processKey + ".bpmn"), descriptor.path("shipped").asBoolean(false),
				(deployment.getDeploymentTime() != null) ? deployment.getDeploymentTime().toInstant() : Instant.now(),
				descriptor.path("deployedBy").asText(null), (top != null) ? top.getId() : null,
				(own != null) ? own.getId() : null);
	}

	/** The current live (tenant-less) BPMN of {@code key}. */
	private BpmnModelInstance liveModel(String key) {
		ProcessDefinition live = this.repository.createProcessDefinitionQuery()
			.processDefinitionKey(key)
			.withoutTenantId()
			.latestVersion()
			.singleResult();
		if (live == null) {
			throw new IllegalStateException("live process " + key + " is not deployed");
		}
		try (InputStream in = this.repository.getProcessModel(live.getId())) {
			return Bpmn.readModelFromStream(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The model as deployed in the sandbox: every business rule task reads the shared
	 * (tenant-less) rule-set decisions.
	 */
	static String sharedDecisions(BpmnModelInstance model) {
		for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
			task.setAttributeValueNs(CAMUNDA_NS, "decisionRefTenantId", "${null}");
		}
		return Bpmn.convertToString(model);
	}

	private static void requireModeler(Actor actor) {
		if (!actor.isIn(GuildGroup.RULES_MODELER)) {
			throw new VariantException.Forbidden(
					"only rules modelers deploy and run variants; " + actor.userId() + " is not one");
		}
	}

	private static byte[] read(String resource) {
		try (InputStream in = VariantCatalog.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new VariantException.NotFound("no resource " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode readJson(String resource) {
		try {
			return JSON.readTree(new ByteArrayInputStream(read(resource)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
