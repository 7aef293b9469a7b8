package org.guildhall.web.ballots;

import java.time.Clock;
import java.time.Duration;

import org.guildhall.web.security.AttemptWindow;

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

	private final AttemptWindow failures = new AttemptWindow(MAX_FAILURES, WINDOW, Clock.systemUTC());

	/** Seconds until {@code client} may try again, or 0 if it may try now. */
	long retryAfterSeconds(String client) {
		return this.failures.retryAfterSeconds(client);
	}

	void failed(String client) {
		this.failures.failed(client);
	}

}
