package org.guildhall.web.rules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.identity.GuildGroup;
import org.guildhall.engine.variants.Sandbox;
import org.guildhall.engine.variants.ShippedVariant;
import org.guildhall.engine.variants.Simulation;
import org.guildhall.engine.variants.SimulationRunner;
import org.guildhall.engine.variants.Variant;
import org.guildhall.engine.variants.VariantCatalog;
import org.guildhall.engine.variants.VariantException;
import org.guildhall.web.audit.ProcessPath;
import org.guildhall.web.security.Actors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rules studio's sandbox pages: the variants deployed in tenant {@code sandbox} and
 * those shipped (deploy and run one with one click), the upload form, a variant's diagram
 * with its simulated cases and a scenario form, and a simulated case's result with the
 * path drawn from the audit trail ({@link ProcessPath}, as the auditor's pages draw it)
 * and a SANDBOX badge. Rules modelers act; auditors read.
 */
@Controller
class VariantsController {

	static final String LIST_VIEW = "rules/variants";

	static final String VARIANT_VIEW = "rules/variant";

	static final String SIMULATION_VIEW = "rules/simulation";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final VariantCatalog variants;

	private final SimulationRunner simulations;

	private final AuditTrail trail;

	private final RepositoryService repository;

	private final RuntimeService runtime;

	private final TaskService tasks;

	VariantsController(VariantCatalog variants, SimulationRunner simulations, AuditTrail trail,
			RepositoryService repository, RuntimeService runtime, TaskService tasks) {
		this.variants = variants;
		this.simulations = simulations;
		this.trail = trail;
		this.repository = repository;
		this.runtime = runtime;
		this.tasks = tasks;
	}

	@ModelAttribute("modeler")
	boolean modeler(Authentication authentication) {
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> GuildGroup.RULES_MODELER.id().equals(authority.getAuthority()));
	}

	@GetMapping("/rules/variants")
	String list(Model model) {
		model.addAttribute("variants", this.variants.list());
		model.addAttribute("shipped", this.variants.shipped());
		return LIST_VIEW;
	}

	@PostMapping("/rules/variants")
	ModelAndView upload(@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "file", required = false) MultipartFile file, Authentication authentication,
			Model model, RedirectAttributes redirect) throws IOException {
		try {
			byte[] bytes = (file != null) ? file.getBytes() : null;
			Variant variant = this.variants.upload(name, (file != null) ? file.getOriginalFilename() : null, bytes,
					Actors.of(authentication));
			redirect.addFlashAttribute("message", "Variant " + variant.name() + " is deployed in the sandbox.");
			return new ModelAndView("redirect:/rules/variants/" + variant.id());
		}
		catch (VariantException.Invalid ex) {
			model.addAttribute("error", "Nothing was deployed: " + ex.getMessage());
			model.addAttribute("name", name);
			return refused(list(model), model);
		}
	}

	@PostMapping("/rules/variants/shipped/{name}")
	String deployAndRunShipped(@PathVariable String name, Authentication authentication, RedirectAttributes redirect) {
		ShippedVariant shipped = this.variants.shippedVariant(name)
			.orElseThrow(() -> new VariantException.NotFound("no variant named '" + name + "' is shipped"));
		Variant variant = this.variants.deployShipped(name, Actors.of(authentication));
		Simulation simulation = this.simulations.run(variant.id(), shipped.scenario(), Actors.of(authentication));
		redirect.addFlashAttribute("message", "Variant " + variant.name() + " is deployed in the sandbox and its "
				+ "scenario ran: " + simulation.message() + ".");
		return "redirect:/rules/variants/" + variant.id() + "/simulations/" + simulation.caseId();
	}

	@GetMapping("/rules/variants/{id}")
	String variant(@PathVariable String id, Model model) {
		Variant variant = this.variants.find(id);
		model.addAttribute("variant", variant);
		model.addAttribute("simulations", this.simulations.list(id));
		if (!model.containsAttribute("scenario")) {
			model.addAttribute("scenario", scenarioFor(variant));
		}
		return VARIANT_VIEW;
	}

	@PostMapping("/rules/variants/{id}/simulations")
	ModelAndView simulate(@PathVariable String id, @RequestParam(name = "scenario", defaultValue = "") String scenario,
			Authentication authentication, Model model, RedirectAttributes redirect) {
		try {
			JsonNode json;
			try {
				json = JSON.readTree(scenario);
			}
			catch (JsonProcessingException ex) {
				throw new VariantException.Invalid("scenario", "the scenario is not JSON: " + ex.getOriginalMessage());
			}
			Simulation simulation = this.simulations.run(id, json, Actors.of(authentication));
			redirect.addFlashAttribute("message", "The scenario ran: " + simulation.message() + ".");
			return new ModelAndView("redirect:/rules/variants/" + id + "/simulations/" + simulation.caseId());
		}
		catch (VariantException.Invalid ex) {
			model.addAttribute("error", "Nothing was started: " + ex.getMessage());
			model.addAttribute("scenario", scenario);
			return refused(variant(id, model), model);
		}
	}

	@GetMapping("/rules/variants/{id}/simulations/{caseId}")
	String simulation(@PathVariable String id, @PathVariable String caseId, Model model) {
		Variant variant = this.variants.find(id);
		Simulation simulation = this.simulations.result(caseId);
		if (!id.equals(simulation.variantId())) {
			throw new VariantException.NotFound("no simulated case " + caseId + " of variant " + id);
		}
		model.addAttribute("variant", variant);
		model.addAttribute("simulation", simulation);
		model.addAttribute("diagrams", diagrams(simulation));
		return SIMULATION_VIEW;
	}

	@ExceptionHandler(VariantException.NotFound.class)
	ModelAndView notFound(VariantException.NotFound ex) {
		ModelAndView view = new ModelAndView("error", HttpStatus.NOT_FOUND);
		view.addObject("status", 404);
		view.addObject("error", "Not found");
		view.addObject("message", ex.getMessage());
		return view;
	}

	private static ModelAndView refused(String view, Model model) {
		ModelAndView page = new ModelAndView(view, HttpStatus.BAD_REQUEST);
		page.addAllObjects(model.asMap());
		return page;
	}

	/** The scenario to start from: the shipped one, or members-decide's as a template. */
	private String scenarioFor(Variant variant) {
		JsonNode scenario = this.variants.shippedVariant(variant.name())
			.or(() -> this.variants.shippedVariant("members-decide"))
			.map(ShippedVariant::scenario)
			.orElse(JSON.createObjectNode());
		try {
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(scenario);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One diagram per process definition the case ran, with the path it took. */
	private List<Diagram> diagrams(Simulation simulation) {
		List<AuditEvent> events = this.trail.caseTrail(simulation.caseId());
		Set<String> runningKeys = new LinkedHashSet<>();
		Map<String, Set<String>> openByDefinition = new LinkedHashMap<>();
		for (ProcessInstance running : this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(simulation.businessKey())
			.tenantIdIn(Sandbox.TENANT)
			.list()) {
			runningKeys.add(this.repository.getProcessDefinition(running.getProcessDefinitionId()).getKey());
		}
		for (Task task : this.tasks.createTaskQuery()
			.processInstanceBusinessKey(simulation.businessKey())
			.tenantIdIn(Sandbox.TENANT)
			.list()) {
			openByDefinition.computeIfAbsent(task.getProcessDefinitionId(), (key) -> new LinkedHashSet<>())
				.add(task.getTaskDefinitionKey());
		}
		List<Diagram> diagrams = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (Simulation.ProcessRun run : simulation.processes()) {
			if (!seen.add(run.processDefinitionId())) {
				continue;
			}
			ProcessDefinition definition = this.repository.getProcessDefinition(run.processDefinitionId());
			BpmnModelInstance model = this.repository.getBpmnModelInstance(run.processDefinitionId());
			Set<String> open = new LinkedHashSet<>(openByDefinition.getOrDefault(run.processDefinitionId(), Set.of()));
			open.addAll(ProcessPath.runningCallActivities(model, runningKeys));
			ProcessPath.Path path = ProcessPath.of(run.processDefinitionId(), events, open, model);
			diagrams.add(new Diagram(diagrams.size(), run.processDefinitionId(), run.processKey(),
					(definition.getName() != null) ? definition.getName() : run.processKey(), path));
		}
		return diagrams;
	}

	/** A process diagram of a simulated case and the path to mark on it. */
	record Diagram(int index, String processDefinitionId, String processKey, String name, ProcessPath.Path path) {
	}

}
