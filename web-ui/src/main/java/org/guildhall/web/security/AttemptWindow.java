package org.guildhall.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed attempts per client address in a sliding window: at most {@code maxFailures} in
 * {@code window}; beyond that the address waits until its oldest counted failure leaves
 * the window. Kept in memory, so each node limits its own clients. Per address at most
 * {@code maxFailures} instants are kept (older ones cannot matter), and addresses whose
 * failures have all left the window are forgotten, so many addresses cannot make it grow
 * without bound.
 */
public final class AttemptWindow {

	/**
	 * Every this many failures, addresses with nothing left in the window are dropped.
	 */
	private static final int SWEEP_EVERY = 1024;

	private final int maxFailures;

	private final Duration window;

	private final Clock clock;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final AtomicLong recorded = new AtomicLong();

	public AttemptWindow(int maxFailures, Duration window, Clock clock) {
		if (maxFailures < 1 || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException(
					"at least one failure in a positive window, not " + maxFailures + " in " + window);
		}
		this.maxFailures = maxFailures;
		this.window = window;
		this.clock = clock;
	}

	/** Seconds until {@code client} may try again, or 0 if it may try now. */
	public long retryAfterSeconds(String client) {
		Deque<Instant> recent = this.failures.get(client);
		if (recent == null) {
			return 0;
		}
		Instant now = this.clock.instant();
		synchronized (recent) {
			prune(recent, now);
			if (recent.isEmpty()) {
				this.failures.remove(client, recent);
				return 0;
			}
			if (recent.size() < this.maxFailures) {
				return 0;
			}
			long millis = Duration.between(now, recent.peekFirst().plus(this.window)).toMillis();
			return Math.max(1, (millis + 999) / 1000);
		}
	}

	/** Counts a failed attempt of {@code client}. */
	public void failed(String client) {
		Instant now = this.clock.instant();
		while (true) {
			Deque<Instant> recent = this.failures.computeIfAbsent(client, (key) -> new ArrayDeque<>());
			synchronized (recent) {
				if (this.failures.get(client) != recent) {
					continue; // forgotten meanwhile: count in the address's new entry
				}
				prune(recent, now);
				recent.addLast(now);
				while (recent.size() > this.maxFailures) {
					recent.removeFirst();
				}
			}
			break;
		}
		if (this.recorded.incrementAndGet() % SWEEP_EVERY == 0) {
			this.failures.keySet().forEach(this::retryAfterSeconds);
		}
	}

	/** How many addresses have failures in the window (or not yet forgotten). */
	int addresses() {
		return this.failures.size();
	}

	private void prune(Deque<Instant> recent, Instant now) {
		Instant horizon = now.minus(this.window);
		while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
			recent.removeFirst();
		}
	}

}
