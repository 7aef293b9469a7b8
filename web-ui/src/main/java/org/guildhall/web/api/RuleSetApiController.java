package org.guildhall.web.api;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.guildhall.engine.rules.Evaluation;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetException;
import org.guildhall.engine.rules.RuleSetSource;
import org.guildhall.engine.rules.RuleSetState;
import org.guildhall.engine.rules.RuleSetStudio;
import org.guildhall.engine.rules.RuleSetVersion;
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
 * The rule sets: every rule set with its versions, parameters and citation; new versions
 * from parameters or an uploaded DMN (rules modelers), approval by a second rules
 * modeler, and trying a version's decisions on counts.
 */
@RestController
@RequestMapping(path = "/api/rule-sets", produces = "application/json")
@Tag(name = "Rule sets", description = "The governance rules a case is decided by, and the rules studio")
class RuleSetApiController {

	private static final Set<String> EVALUATE_FIELDS = Set.of("decision", "version", "yes", "no", "abstain", "spoiled",
			"eligible", "votesFor", "votesAgainst", "abstentions", "membersPresent", "seats", "windowDays");

	private final RuleSetCatalog catalog;

	private final RuleSetStudio studio;

	RuleSetApiController(RuleSetCatalog catalog, RuleSetStudio studio) {
		this.catalog = catalog;
		this.studio = studio;
	}

	@GetMapping
	@Operation(summary = "Every rule set with its versions",
			description = "version and tag are those a case started now pins (the highest approved version); "
					+ "null while no version is approved.")
	List<RuleSetView> ruleSets() {
		return this.catalog.catalogue().values().stream().map(RuleSetView::of).toList();
	}

	@GetMapping("/{key}")
	@Operation(summary = "One rule set with its versions")
	RuleSetView ruleSet(@PathVariable String key) {
		List<RuleSetVersion> versions = this.catalog.versions(key);
		if (versions.isEmpty()) {
			throw new RuleSetException.NotFound(
					"no rule set '" + key + "'; known: " + List.copyOf(this.catalog.catalogue().keySet()));
		}
		return RuleSetView.of(versions);
	}

	@GetMapping("/{key}/versions/{version}")
	@Operation(summary = "One version: parameters, state, author and approver, DMN SHA-256")
	VersionView version(@PathVariable String key, @PathVariable int version) {
		return VersionView.of(find(key, version));
	}

	@GetMapping(path = "/{key}/versions/{version}/dmn", produces = MediaType.APPLICATION_XML_VALUE)
	@Operation(summary = "The DMN XML deployed for one version (open it in Camunda Modeler)")
	ResponseEntity<String> dmn(@PathVariable String key, @PathVariable int version) {
		find(key, version);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_XML)
			.header("Content-Disposition", "attachment; filename=\"" + key + "-" + version + ".dmn\"")
			.body(this.catalog.dmn(key, version).orElseThrow());
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('rules-modeler')")
	@Operation(summary = "Create a rule set, or its next version, from parameters (rules-modeler)",
			description = "Guildhall generates the DMN, deploys it with version tag <key>:<version> and stores the "
					+ "version pending approval; a second rules modeler must approve it before cases can pin it. "
					+ "Body: DESIGN.md \"Rule-set parameters\"; name and citation default to the previous version's.")
	ResponseEntity<Created> create(@RequestBody JsonNode parameters, Authentication authentication) {
		return created(this.studio.create(parameters, Actors.of(authentication)));
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('rules-modeler')")
	@Operation(summary = "Create a rule set, or its next version, from a DMN made in Camunda Modeler (rules-modeler)",
			description = "Parts: file (the .dmn, at most 1 MB), key, name, citation. The file must define the "
					+ "decisions board-motion, committee-determination, member-vote, ratification-vote, final-decision "
					+ "and window-policy as decision tables with outputs outcome and explanation and a history time "
					+ "to live; it is tried on sample counts before it is deployed.")
	ResponseEntity<Created> upload(@RequestPart("file") MultipartFile file, @RequestParam("key") String key,
			@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "citation", required = false) String citation, Authentication authentication)
			throws IOException {
		return created(this.studio.upload(key, name, citation, file.getOriginalFilename(), file.getBytes(),
				Actors.of(authentication)));
	}

	@PostMapping("/{key}/versions/{version}/approve")
	@PreAuthorize("hasAuthority('rules-modeler')")
	@Operation(summary = "Approve a version (a rules modeler other than its author)",
			description = "From now on new cases pin it (or a later approved version); running cases keep theirs.")
	VersionView approve(@PathVariable String key, @PathVariable int version, Authentication authentication) {
		return VersionView.of(this.studio.approve(key, version, Actors.of(authentication)));
	}

	@PostMapping(path = "/{key}/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Try a decision of a version on counts (nothing is recorded)",
			description = "Member votes take yes, no, abstain, spoiled, eligible; board-motion, "
					+ "committee-determination and final-decision take votesFor, votesAgainst, abstentions, "
					+ "membersPresent, seats; window-policy takes windowDays. version defaults to the latest "
					+ "approved.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(schema = @Schema(implementation = EvaluateRequest.class))))
	EvaluationView evaluate(@PathVariable String key, @RequestBody JsonNode body) {
		if (!body.isObject()) {
			throw new RuleSetException.Invalid(null, "the body must be a JSON object such as "
					+ "{\"decision\":\"member-vote\",\"yes\":751,\"no\":249,\"abstain\":0,\"spoiled\":0,\"eligible\":1000}");
		}
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			String name = field.getKey();
			JsonNode value = field.getValue();
			if (!EVALUATE_FIELDS.contains(name)) {
				throw new RuleSetException.Invalid(name,
						name + " is not a known field; known: " + EVALUATE_FIELDS.stream().sorted().toList());
			}
			if (name.equals("decision") || name.equals("version") || value.isNull()) {
				continue;
			}
			if (!value.isNumber()) {
				throw new RuleSetException.Invalid(name, name + " must be a number, not " + value);
			}
			if (value.isIntegralNumber() && !value.canConvertToLong()) {
				throw new RuleSetException.Invalid(name, name + " (" + value + ") is implausibly large");
			}
			inputs.put(name, value.isIntegralNumber() ? (Object) value.asLong() : (Object) value.asDouble());
		}
		JsonNode version = body.path("version");
		if (!version.isMissingNode() && !version.isNull() && !version.canConvertToExactIntegral()) {
			throw new RuleSetException.Invalid("version", "version must be a whole number, not " + version);
		}
		JsonNode decision = body.path("decision");
		Evaluation evaluation = this.studio.evaluate(key,
				(version.isMissingNode() || version.isNull()) ? null : version.asInt(),
				decision.isTextual() ? decision.asText() : null, inputs);
		return new EvaluationView(evaluation.outcome(), evaluation.explanation(), evaluation.ruleSet(),
				evaluation.version(), evaluation.decision(), evaluation.state());
	}

	private RuleSetVersion find(String key, int version) {
		return this.catalog.version(key, version)
			.orElseThrow(() -> new RuleSetException.NotFound("rule set '" + key + "' has no version " + version));
	}

	private static ResponseEntity<Created> created(RuleSetVersion version) {
		return ResponseEntity.created(URI.create("/api/rule-sets/" + version.key() + "/versions/" + version.version()))
			.body(new Created(version.key(), version.version(), version.state()));
	}

	/**
	 * A rule set as the API shows it.
	 *
	 * @param key its key, e.g. {@code sag-2008}
	 * @param name a short human name
	 * @param citation the bylaw or statute the rules come from
	 * @param version the version a case started now pins, or null while none is approved
	 * @param tag the version tag its decisions carry, {@code <key>:<version>}, or null
	 * @param parameters thresholds, bases and window policy (DESIGN.md "Rule-set
	 * parameters") of that version (of the latest while none is approved)
	 * @param versions every version, oldest first
	 */
	@Schema(name = "RuleSet")
	record RuleSetView(String key, String name, String citation, Integer version, String tag, JsonNode parameters,
			List<VersionView> versions) {

		static RuleSetView of(List<RuleSetVersion> versions) {
			RuleSetVersion current = versions.stream()
				.filter(RuleSetVersion::approved)
				.reduce((a, b) -> b)
				.orElse(null);
			RuleSetVersion shown = (current != null) ? current : versions.get(versions.size() - 1);
			return new RuleSetView(shown.key(), shown.name(), shown.citation(),
					(current != null) ? current.version() : null, (current != null) ? current.tag() : null,
					shown.parameters(), versions.stream().map(VersionView::of).toList());
		}

	}

	/**
	 * One version of a rule set.
	 *
	 * @param key the rule set's key
	 * @param version the version
	 * @param tag its version tag
	 * @param name its name
	 * @param citation its citation
	 * @param state {@code PENDING_APPROVAL} or {@code APPROVED}
	 * @param source {@code SHIPPED}, {@code PARAMETERS} or {@code UPLOAD}
	 * @param createdBy its author
	 * @param createdAt when it was created
	 * @param approvedBy who approved it, or null
	 * @param approvedAt when, or null
	 * @param dmnSha256 the SHA-256 of the DMN XML deployed
	 * @param deploymentId the Camunda deployment of its decisions
	 * @param parameters its parameters
	 */
	@Schema(name = "RuleSetVersion")
	record VersionView(String key, int version, String tag, String name, String citation, RuleSetState state,
			RuleSetSource source, String createdBy, Instant createdAt, String approvedBy, Instant approvedAt,
			String dmnSha256, String deploymentId, JsonNode parameters) {

		static VersionView of(RuleSetVersion v) {
			return new VersionView(v.key(), v.version(), v.tag(), v.name(), v.citation(), v.state(), v.source(),
					v.createdBy(), v.createdAt(), v.approvedBy(), v.approvedAt(), v.dmnSha256(), v.deploymentId(),
					v.parameters());
		}

	}

	/**
	 * A version just created.
	 *
	 * @param key the rule set's key
	 * @param version the new version's number
	 * @param state {@code PENDING_APPROVAL}
	 */
	@Schema(name = "RuleSetVersionCreated")
	record Created(String key, int version, RuleSetState state) {
	}

	/**
	 * Counts to try a decision on (documentation of the body; give the counts the
	 * decision takes).
	 *
	 * @param decision e.g. {@code member-vote}, {@code board-motion},
	 * {@code window-policy}
	 * @param version a version, or none for the latest approved
	 * @param yes yes votes (member votes)
	 * @param no no votes
	 * @param abstain abstentions
	 * @param spoiled spoiled ballots
	 * @param eligible eligible members
	 * @param votesFor votes for (motions)
	 * @param votesAgainst votes against
	 * @param abstentions members abstaining
	 * @param membersPresent members present
	 * @param seats seats of the body
	 * @param windowDays a voting window's length in days (window-policy)
	 */
	@Schema(name = "RuleSetEvaluation")
	record EvaluateRequest(String decision, Integer version, Long yes, Long no, Long abstain, Long spoiled,
			Long eligible, Long votesFor, Long votesAgainst, Long abstentions, Long membersPresent, Long seats,
			Double windowDays) {
	}

	/**
	 * The answer of one decision.
	 *
	 * @param outcome e.g. {@code APPROVED}, {@code CARRIED}, {@code VALID}
	 * @param explanation the outcome in words and numbers
	 * @param ruleSet the rule set's key
	 * @param version the version evaluated
	 * @param decision the decision evaluated
	 * @param state whether that version is approved
	 */
	@Schema(name = "RuleSetEvaluationResult")
	record EvaluationView(String outcome, String explanation, String ruleSet, int version, String decision,
			RuleSetState state) {
	}

}
