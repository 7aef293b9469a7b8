package org.guildhall.engine.cases;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.guildhall.engine.identity.Actor;
import org.guildhall.engine.rules.RuleSet;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Starts, lists, reads, settles and withdraws cases of the {@code strike-authorization}
 * process. (Bean name chosen so it does not clash with Camunda's CMMN
 * {@code caseService}.)
 */
@Service("guildhallCaseService")
public class CaseService {

	/** The top-level process every case runs. */
	public static final String PROCESS_KEY = "strike-authorization";

	/** The message that takes a case to ratification from any stage. */
	public static final String AGREEMENT_MESSAGE = "Message_AgreementReached";

	private static final String WITHDRAWN_PREFIX = "WITHDRAWN: ";

	private final RuntimeService runtime;

	private final HistoryService history;

	private final RuleSetCatalog ruleSets;

	private final StepService steps;

	private final RepositoryService repository;

	private final IdentityService identity;

	public CaseService(RuntimeService runtime, HistoryService history, RuleSetCatalog ruleSets, StepService steps,
			RepositoryService repository, IdentityService identity) {
		this.runtime = runtime;
		this.history = history;
		this.ruleSets = ruleSets;
		this.steps = steps;
		this.repository = repository;
		this.identity = identity;
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
