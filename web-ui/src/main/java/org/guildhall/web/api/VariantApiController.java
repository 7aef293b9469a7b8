package org.guildhall.web.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.guildhall.engine.variants.Sandbox;
import org.guildhall.engine.variants.ShippedVariant;
import org.guildhall.engine.variants.Simulation;
import org.guildhall.engine.variants.SimulationRunner;
import org.guildhall.engine.variants.Variant;
import org.guildhall.engine.variants.VariantCatalog;
import org.guildhall.engine.variants.VariantException;
import org.guildhall.web.security.Actors;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Process variants in the sandbox tenant: list and deploy variants (a BPMN upload or a
 * shipped variant), run simulated cases from a scenario. Rules modelers act; auditors
 * read. Every variant and simulated case is marked {@code "sandbox": true}.
 */
@RestController
@RequestMapping(path = "/api/variants", produces = "application/json")
@Tag(name = "Process variants (sandbox)")
class VariantApiController {

	private final VariantCatalog variants;

	private final SimulationRunner simulations;

	VariantApiController(VariantCatalog variants, SimulationRunner simulations) {
		this.variants = variants;
		this.simulations = simulations;
	}

	@GetMapping
	@Operation(summary = "The variants deployed in the sandbox, newest first, and those shipped with Guildhall")
	Catalogue list() {
		return new Catalogue(Sandbox.TENANT, this.variants.list().stream().map(VariantView::of).toList(),
				this.variants.shipped());
	}

	@GetMapping("/{id}")
	@Operation(summary = "A variant deployment and its simulated cases")
	VariantDetails variant(@PathVariable String id) {
		return new VariantDetails(VariantView.of(this.variants.find(id)), this.simulations.list(id));
	}

	@GetMapping(path = "/{id}/bpmn", produces = MediaType.APPLICATION_XML_VALUE)
	@Operation(summary = "The variant's BPMN as deployed")
	byte[] bpmn(@PathVariable String id) {
		return this.variants.bpmn(id);
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('rules-modeler')")
	@Operation(summary = "Upload a variant BPMN into the sandbox (rules-modeler)",
			description = "Parts: file (one BPMN process, at most 1 MB, whose id is the Guildhall process it replaces), "
					+ "name (lower-case letters, digits, hyphens). Checked before anything is deployed (400 with the "
					+ "reason): XML without DOCTYPE, no scripts, Java classes or arbitrary expressions, history time to "
					+ "live, labels, step keys and decision outputs kept, known called processes and decisions, every "
					+ "path able to end. Deployed in tenant sandbox with the live processes it calls.")
	ResponseEntity<VariantView> upload(@RequestPart("file") MultipartFile file, @RequestParam("name") String name,
			Authentication authentication) throws IOException {
		return created(
				this.variants.upload(name, file.getOriginalFilename(), file.getBytes(), Actors.of(authentication)));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('rules-modeler')")
	@Operation(summary = "Deploy a shipped variant into the sandbox (rules-modeler)",
			description = "Body {\"shipped\": \"members-decide\"} or {\"shipped\": \"board-only\"}; board-only creates its "
					+ "rule set board-two-thirds (pending approval) if it does not exist.")
	ResponseEntity<VariantView> deployShipped(@RequestBody JsonNode body, Authentication authentication) {
		JsonNode shipped = body.path("shipped");
		if (!shipped.isTextual()) {
			throw new VariantException.Invalid("shipped",
					"shipped is required: the name of a shipped variant, e.g. members-decide");
		}
		return created(this.variants.deployShipped(shipped.asText(), Actors.of(authentication)));
	}

	@PostMapping(path = "/{id}/simulations", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('rules-modeler')")
	@Operation(summary = "Run a simulated case of the variant from a scenario (rules-modeler)",
			description = "Body {\"title\":..,\"ruleSet\":..,\"ruleSetVersion\":..,\"steps\":{\"<step key>\":[{field values "
					+ "of pass 1}, ...]}}; any rule-set version may be pinned, pending ones too. Member votes run as "
					+ "CERTIFIED_TALLY. The run stops when the case ends or a step has no answer left; the result "
					+ "names which, with the steps, decisions (with explanations) and path.")
	ResponseEntity<Simulation> simulate(@PathVariable String id, @RequestBody JsonNode scenario,
			Authentication authentication) {
		Simulation simulation = this.simulations.run(id, scenario, Actors.of(authentication));
		return ResponseEntity.created(URI.create("/api/variants/" + id + "/simulations/" + simulation.caseId()))
			.body(simulation);
	}

	@GetMapping("/{id}/simulations/{caseId}")
	@Operation(summary = "A simulated case as it stands")
	Simulation simulation(@PathVariable String id, @PathVariable String caseId) {
		Simulation simulation = this.simulations.result(caseId);
		if (!id.equals(simulation.variantId())) {
			throw new VariantException.NotFound("no simulated case " + caseId + " of variant " + id);
		}
		return simulation;
	}

	private static ResponseEntity<VariantView> created(Variant variant) {
		return ResponseEntity.created(URI.create("/api/variants/" + variant.id())).body(VariantView.of(variant));
	}

	/** The sandbox's variants. */
	record Catalogue(String tenant, List<VariantView> variants, List<ShippedVariant> shipped) {
	}

	/** A variant with its simulated cases. */
	record VariantDetails(VariantView variant, List<Simulation> simulations) {
	}

	/** A variant deployment as the API shows it, marked as the sandbox's. */
	record VariantView(String id, String name, String processKey, String processName, String fileName, boolean shipped,
			java.time.Instant deployedAt, String deployedBy, String tenant, boolean sandbox) {

		static VariantView of(Variant variant) {
			return new VariantView(variant.id(), variant.name(), variant.processKey(), variant.processName(),
					variant.fileName(), variant.shipped(), variant.deployedAt(), variant.deployedBy(), Sandbox.TENANT,
					true);
		}

	}

}
