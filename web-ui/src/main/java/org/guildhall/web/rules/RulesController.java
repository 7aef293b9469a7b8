package org.guildhall.web.rules;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.identity.GuildGroup;
import org.guildhall.engine.rules.Evaluation;
import org.guildhall.engine.rules.PinnedCase;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetException;
import org.guildhall.engine.rules.RuleSetStudio;
import org.guildhall.engine.rules.RuleSetVersion;
import org.guildhall.web.cases.RuleSetWording;
import org.guildhall.web.security.Actors;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rules studio's pages: the catalogue of rule sets with their versions and the cases
 * that pinned them, a version's page (with the second modeler's Approve button), the form
 * and the DMN upload that create a version (rules modelers only), and a page to try a
 * version's decisions on counts (htmx swaps in the result).
 */
@Controller
class RulesController {

	static final String CATALOGUE_VIEW = "rules/catalogue";

	static final String NEW_VIEW = "rules/new";

	static final String VERSION_VIEW = "rules/version";

	static final String EVALUATE_VIEW = "rules/evaluate";

	/** The result alone, for htmx requests from the evaluate page. */
	static final String RESULT_FRAGMENT = "rules/evaluate :: result";

	private static final int PINNED_SHOWN = 50;

	private static final Times TIMES = new Times();

	private final RuleSetCatalog catalog;

	private final RuleSetStudio studio;

	RulesController(RuleSetCatalog catalog, RuleSetStudio studio) {
		this.catalog = catalog;
		this.studio = studio;
	}

	@ModelAttribute("times")
	Times times() {
		return TIMES;
	}

	@GetMapping("/rules")
	String catalogue(Model model, Authentication authentication) {
		List<Entry> entries = new ArrayList<>();
		this.catalog.catalogue().forEach((key, versions) -> entries.add(entry(versions)));
		model.addAttribute("ruleSets", entries);
		model.addAttribute("modeler", isModeler(authentication));
		return CATALOGUE_VIEW;
	}

	@GetMapping("/rules/new")
	@PreAuthorize("hasAuthority('rules-modeler')")
	String newRuleSet(@RequestParam(name = "from", required = false) String from, Model model) {
		Map<String, String> values = RuleSetForm.defaults();
		if (from != null) {
			List<RuleSetVersion> versions = this.catalog.versions(from);
			if (versions.isEmpty()) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no rule set '" + from + "'");
			}
			RuleSetVersion latest = versions.get(versions.size() - 1);
			if (latest.parameters().has("memberVote")) {
				values = RuleSetForm.from(latest.parameters());
			}
			values.put("key", latest.key());
			values.put("name", latest.name());
			values.put("citation", latest.citation());
		}
		return newPage(model, values, Map.of(), null, null);
	}

	@PostMapping("/rules/new")
	@PreAuthorize("hasAuthority('rules-modeler')")
	Object create(@RequestParam Map<String, String> form, Authentication authentication, Model model,
			RedirectAttributes redirect) {
		Map<String, String> values = RuleSetForm.defaults();
		RuleSetForm.FIELDS.keySet().forEach((field) -> values.put(field, form.getOrDefault(field, "")));
		try {
			RuleSetVersion created = this.studio.create(RuleSetForm.toJson(values), Actors.of(authentication));
			return proposed(created, redirect);
		}
		catch (RuleSetException.Invalid ex) {
			String field = RuleSetForm.fieldOf(ex.field());
			Map<String, String> errors = new LinkedHashMap<>();
			errors.put((field != null) ? field : "form", ex.getMessage());
			return page(newPage(model, values, errors, null, null), HttpStatus.UNPROCESSABLE_ENTITY);
		}
		catch (RuleSetException.Conflict ex) {
			return page(newPage(model, values, Map.of("form", ex.getMessage()), null, null), HttpStatus.CONFLICT);
		}
	}

	@PostMapping("/rules/upload")
	@PreAuthorize("hasAuthority('rules-modeler')")
	Object upload(@RequestParam("file") MultipartFile file, @RequestParam("key") String key,
			@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "citation", required = false) String citation, Authentication authentication,
			Model model, RedirectAttributes redirect) throws IOException {
		Map<String, String> upload = Map.of("key", key, "name", (name != null) ? name : "", "citation",
				(citation != null) ? citation : "");
		try {
			RuleSetVersion created = this.studio.upload(key.trim(), name, citation, file.getOriginalFilename(),
					file.getBytes(), Actors.of(authentication));
			return proposed(created, redirect);
		}
		catch (RuleSetException.Invalid | RuleSetException.Conflict ex) {
			return page(
					newPage(model, RuleSetForm.defaults(), Map.of(), upload,
							"The file was not stored or deployed: " + ex.getMessage()),
					HttpStatus.UNPROCESSABLE_ENTITY);
		}
	}

	@GetMapping("/rules/{key}/versions/{version}")
	String version(@PathVariable String key, @PathVariable int version, Model model, Authentication authentication) {
		RuleSetVersion shown = find(key, version);
		Actor actor = Actors.of(authentication);
		model.addAttribute("v", shown);
		model.addAttribute("rules", RuleSetWording.rules(shown.parameters()));
		model.addAttribute("versions", this.catalog.versions(key));
		model.addAttribute("pinned",
				this.catalog.pinnedCases(key, PINNED_SHOWN).stream().filter((c) -> c.version() == version).toList());
		model.addAttribute("canApprove",
				!shown.approved() && actor.isIn(GuildGroup.RULES_MODELER) && !shown.createdBy().equals(actor.userId()));
		model.addAttribute("whyNot", whyNot(shown, actor));
		return VERSION_VIEW;
	}

	@PostMapping("/rules/{key}/versions/{version}/approve")
	@PreAuthorize("hasAuthority('rules-modeler')")
	String approve(@PathVariable String key, @PathVariable int version, Authentication authentication,
			RedirectAttributes redirect) {
		try {
			RuleSetVersion approved = this.studio.approve(key, version, Actors.of(authentication));
			redirect.addFlashAttribute("message", "Approved " + approved.tag()
					+ ". Cases started from now on pin it; running cases keep the version they pinned.");
		}
		catch (RuleSetException.Forbidden | RuleSetException.Conflict ex) {
			redirect.addFlashAttribute("error", "Not approved: " + ex.getMessage());
		}
		return "redirect:/rules/" + key + "/versions/" + version;
	}

	@GetMapping(path = "/rules/{key}/versions/{version}/dmn", produces = MediaType.APPLICATION_XML_VALUE)
	ResponseEntity<String> dmn(@PathVariable String key, @PathVariable int version) {
		find(key, version);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_XML)
			.header("Content-Disposition", "attachment; filename=\"" + key + "-" + version + ".dmn\"")
			.body(this.catalog.dmn(key, version).orElseThrow());
	}

	@GetMapping("/rules/{key}/evaluate")
	String evaluatePage(@PathVariable String key, @RequestParam Map<String, String> query, Model model) {
		return evaluatePage(key, new LinkedHashMap<>(query), null, null, model);
	}

	@PostMapping("/rules/{key}/evaluate")
	String evaluate(@PathVariable String key, @RequestParam Map<String, String> form,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		Evaluation result = null;
		String error = null;
		try {
			Map<String, Object> inputs = new LinkedHashMap<>();
			String decision = form.getOrDefault("decision", "");
			for (String name : inputsOf(decision)) {
				inputs.put(name, number(name, form.get(name)));
			}
			String version = form.getOrDefault("version", "").trim();
			result = this.studio.evaluate(key, version.isEmpty() ? null : Integer.valueOf(version), decision, inputs);
		}
		catch (RuleSetException.Invalid | RuleSetException.NotFound ex) {
			error = ex.getMessage();
		}
		catch (NumberFormatException ex) {
			error = "version must be a whole number";
		}
		if ("true".equals(htmx)) {
			model.addAttribute("result", result);
			model.addAttribute("error", error);
			return RESULT_FRAGMENT;
		}
		return evaluatePage(key, new LinkedHashMap<>(form), result, error, model);
	}

	private String evaluatePage(String key, Map<String, String> values, Evaluation result, String error, Model model) {
		List<RuleSetVersion> versions = this.catalog.versions(key);
		if (versions.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no rule set '" + key + "'");
		}
		values.remove("_csrf");
		model.addAttribute("key", key);
		model.addAttribute("name", versions.get(versions.size() - 1).name());
		model.addAttribute("versions", versions);
		model.addAttribute("values", values);
		model.addAttribute("result", result);
		model.addAttribute("error", error);
		return EVALUATE_VIEW;
	}

	private String newPage(Model model, Map<String, String> values, Map<String, String> errors,
			Map<String, String> upload, String uploadError) {
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("upload", (upload != null) ? upload : Map.of("key", "", "name", "", "citation", ""));
		model.addAttribute("uploadError", uploadError);
		model.addAttribute("keys", List.copyOf(this.catalog.catalogue().keySet()));
		return NEW_VIEW;
	}

	private static ModelAndView page(String view, HttpStatus status) {
		ModelAndView page = new ModelAndView(view);
		page.setStatus(status);
		return page;
	}

	private static String proposed(RuleSetVersion created, RedirectAttributes redirect) {
		redirect.addFlashAttribute("message", "Created " + created.tag()
				+ ", pending approval: a second rules modeler must approve it before cases can use it.");
		return "redirect:/rules/" + created.key() + "/versions/" + created.version();
	}

	private RuleSetVersion find(String key, int version) {
		return this.catalog.version(key, version)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"rule set '" + key + "' has no version " + version));
	}

	private Entry entry(List<RuleSetVersion> versions) {
		RuleSetVersion current = versions.stream().filter(RuleSetVersion::approved).reduce((a, b) -> b).orElse(null);
		RuleSetVersion shown = (current != null) ? current : versions.get(versions.size() - 1);
		return new Entry(shown.key(), shown.name(), shown.citation(), current, versions,
				RuleSetWording.rules(shown.parameters()), this.catalog.pinnedCases(shown.key(), PINNED_SHOWN));
	}

	private static String whyNot(RuleSetVersion version, Actor actor) {
		if (version.approved()) {
			return null;
		}
		if (!actor.isIn(GuildGroup.RULES_MODELER)) {
			return "Only rules modelers may approve a version.";
		}
		if (version.createdBy().equals(actor.userId())) {
			return "You created this version; a second rules modeler must approve it (separation of duties).";
		}
		return null;
	}

	private static boolean isModeler(Authentication authentication) {
		return Actors.of(authentication).isIn(GuildGroup.RULES_MODELER);
	}

	private static List<String> inputsOf(String decision) {
		return switch (decision) {
			case "member-vote", "ratification-vote" -> RuleSetStudio.MEMBER_VOTE_INPUTS;
			case "window-policy" -> RuleSetStudio.WINDOW_INPUTS;
			default -> RuleSetStudio.MOTION_INPUTS;
		};
	}

	private static Number number(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim().replace(",", "").replace("_", "");
		try {
			return text.matches("-?\\d+") ? (Number) Long.valueOf(text) : (Number) Double.valueOf(text);
		}
		catch (NumberFormatException ex) {
			throw new RuleSetException.Invalid(name, name + " must be a number, not \"" + value.trim() + "\"");
		}
	}

	/**
	 * A rule set as the catalogue shows it.
	 *
	 * @param key its key
	 * @param name its name
	 * @param citation its citation
	 * @param current the version new cases pin, or null while none is approved
	 * @param versions every version, oldest first
	 * @param rules the current (else the latest) version's parameters in words
	 * @param pinned the cases that pinned any of its versions, newest first
	 */
	record Entry(String key, String name, String citation, RuleSetVersion current, List<RuleSetVersion> versions,
			List<String> rules, List<PinnedCase> pinned) {

		/** How many of the cases shown pinned {@code version}. */
		public long pinnedCount(int version) {
			return this.pinned.stream().filter((c) -> c.version() == version).count();
		}

	}

	/** Times as the rules pages show them, in UTC: "1 Oct 2008 14:03 UTC". */
	public static final class Times {

		private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'",
				Locale.ENGLISH);

		public String format(Instant instant) {
			return (instant != null) ? FORMAT.format(instant.atZone(ZoneOffset.UTC)) : "";
		}

	}

}
