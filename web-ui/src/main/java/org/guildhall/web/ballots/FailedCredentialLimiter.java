package org.guildhall.web.ballots;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Limits failed credential attempts per client address, so credentials cannot be guessed
 * at speed: at most {@link #MAX_FAILURES} failures in {@link #WINDOW}; further attempts
 * are refused until the oldest failure leaves the window. Kept in memory: each node
 * limits its own clients.
 */
@Component
class FailedCredentialLimiter {

	static final int MAX_FAILURES = 10;

	static final Duration WINDOW = Duration.ofMinutes(1);

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	/** Seconds until {@code client} may try again, or 0 if it may try now. */
	long retryAfterSeconds(String client) {
		Deque<Instant> recent = this.failures.get(client);
		if (recent == null) {
			return 0;
		}
		synchronized (recent) {
			prune(recent);
			if (recent.size() < MAX_FAILURES) {
				return 0;
			}
			return Math.max(1, Duration.between(Instant.now(), recent.peekFirst().plus(WINDOW)).toSeconds());
		}
	}

	void failed(String client) {
		Deque<Instant> recent = this.failures.computeIfAbsent(client, (key) -> new ArrayDeque<>());
		synchronized (recent) {
			prune(recent);
			recent.addLast(Instant.now());
		}
	}

	private static void prune(Deque<Instant> recent) {
		Instant horizon = Instant.now().minus(WINDOW);
		while (!recent.isEmpty() && recent.peekFirst().isBefore(horizon)) {
			recent.removeFirst();
		}
	}

}
