package org.guildhall.engine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Guildhall's Micrometer meters (Prometheus: {@code /actuator/prometheus}):
 * <ul>
 * <li>{@code guildhall.ballots.cast} — ballots stored (never a choice, never a vote
 * id);</li>
 * <li>{@code guildhall.ballots.refused}{reason} — bad credential, already voted, window
 * not open;</li>
 * <li>{@code guildhall.steps.completed}{step} — human steps completed;</li>
 * <li>{@code guildhall.decisions}{decision, outcome} — rule-set decisions evaluated;</li>
 * <li>{@code guildhall.sign-ins.held-back} — sign-ins refused unchecked because their
 * client address had too many refused sign-ins.</li>
 * </ul>
 * What happens in a transaction is counted only once it commits.
 */
@Component
public class GuildhallMetrics {

	private final MeterRegistry registry;

	public GuildhallMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
	}

	/** A ballot was stored. */
	public void ballotCast() {
		afterCommit(() -> this.registry.counter("guildhall.ballots.cast").increment());
	}

	/** A ballot was refused for {@code reason}. */
	public void ballotRefused(String reason) {
		this.registry.counter("guildhall.ballots.refused", "reason", reason).increment();
	}

	/** Step {@code stepKey} was completed. */
	public void stepCompleted(String stepKey) {
		afterCommit(
				() -> this.registry.counter("guildhall.steps.completed", "step", String.valueOf(stepKey)).increment());
	}

	/** Decision {@code decision} came out as {@code outcome}. */
	public void decisionEvaluated(String decision, String outcome) {
		afterCommit(() -> this.registry
			.counter("guildhall.decisions", "decision", String.valueOf(decision), "outcome", String.valueOf(outcome))
			.increment());
	}

	/** A sign-in was held back by the per-address limit. */
	public void signInHeldBack() {
		this.registry.counter("guildhall.sign-ins.held-back").increment();
	}

	/** The registry the meters are in. */
	public MeterRegistry registry() {
		return this.registry;
	}

	private static void afterCommit(Runnable count) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					count.run();
				}

			});
		}
		else {
			count.run();
		}
	}

}
