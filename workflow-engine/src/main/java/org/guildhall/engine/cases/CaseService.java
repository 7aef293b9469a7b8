package org.guildhall.engine.cases;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.guildhall.engine.rules.RuleSet;
import org.guildhall.engine.rules.RuleSetCatalog;

import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Starts cases of the {@code strike-authorization} process. (Bean name chosen so it does
 * not clash with Camunda's CMMN {@code caseService}.)
 */
@Service("guildhallCaseService")
public class CaseService {

	/** The top-level process every case runs. */
	public static final String PROCESS_KEY = "strike-authorization";

	private final RuntimeService runtime;

	private final HistoryService history;

	private final RuleSetCatalog ruleSets;

	public CaseService(RuntimeService runtime, HistoryService history, RuleSetCatalog ruleSets) {
		this.runtime = runtime;
		this.history = history;
		this.ruleSets = ruleSets;
	}

	/**
	 * Starts a case pinned to the current version of {@code newCase.ruleSet()}; later
	 * versions of that rule set never change it.
	 * @throws org.guildhall.engine.rules.UnknownRuleSetException if the rule set is
	 * unknown
	 * @throws IllegalArgumentException if the title is blank
	 */
	public StartedCase start(NewCase newCase) {
		if (!StringUtils.hasText(newCase.title())) {
			throw new IllegalArgumentException("title is required");
		}
		RuleSet ruleSet = this.ruleSets.current(newCase.ruleSet());
		VariableMap variables = Variables.createVariables()
			.putValue("title", newCase.title().trim())
			.putValue("contract", newCase.contract())
			.putValue("employer", newCase.employer())
			.putValue("expiryDate", toDate(newCase.expiryDate()))
			.putValue("finalOfferDate", toDate(newCase.finalOfferDate()))
			.putValue("ruleSetKey", ruleSet.key())
			.putValue("ruleSetVersion", ruleSet.version())
			.putValue("ruleSetTag", ruleSet.tag());
		ProcessInstance instance = this.runtime.startProcessInstanceByKey(PROCESS_KEY,
				uniqueBusinessKey(newCase.title()), variables);
		return new StartedCase(instance.getId(), instance.getBusinessKey(), ruleSet.tag());
	}

	/**
	 * The business key for a title: lower-case words joined by hyphens, made unique with
	 * a suffix.
	 */
	String uniqueBusinessKey(String title) {
		String base = slug(title);
		String key = base;
		for (int n = 2; this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(PROCESS_KEY)
			.processInstanceBusinessKey(key)
			.count() > 0; n++) {
			key = base + "-" + n;
		}
		return key;
	}

	static String slug(String title) {
		String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		if (slug.length() > 60) {
			slug = slug.substring(0, 60).replaceAll("-$", "");
		}
		return slug.isEmpty() ? "case" : slug;
	}

	private static Date toDate(LocalDate date) {
		return (date != null) ? Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant()) : null;
	}

}
