package org.guildhall.web.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand. */
final class MovingClock extends Clock {

	private Instant now;

	MovingClock(Instant now) {
		this.now = now;
	}

	void advance(long seconds) {
		this.now = this.now.plusSeconds(seconds);
	}

	void advanceMillis(long millis) {
		this.now = this.now.plusMillis(millis);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
