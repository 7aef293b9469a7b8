package org.guildhall.engine.audit;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The case a decision belongs to when it is evaluated outside a process — a rule check of
 * a step's form, say — so that its {@code DECISION_EVALUATED} event lands on that case's
 * trail with the counts it read (a decision evaluated by a process has the process's
 * case, and its counts are the process's variables). The audit handler runs in the
 * evaluating thread, inside the same engine command.
 *
 * @param caseId the case
 * @param variables what the decision is evaluated on
 */
public record DecisionCase(String caseId, Map<String, Object> variables) {

	private static final ThreadLocal<DecisionCase> CURRENT = new ThreadLocal<>();

	/**
	 * Runs {@code evaluation} with its decisions recorded on case {@code caseId}, with
	 * {@code variables} as their counts.
	 */
	public static <T> T of(String caseId, Map<String, Object> variables, Supplier<T> evaluation) {
		DecisionCase outer = CURRENT.get();
		CURRENT.set(new DecisionCase(caseId, Map.copyOf(variables)));
		try {
			return evaluation.get();
		}
		finally {
			if (outer != null) {
				CURRENT.set(outer);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/** The evaluation running in this thread outside a process, or null. */
	static DecisionCase current() {
		return CURRENT.get();
	}

}
