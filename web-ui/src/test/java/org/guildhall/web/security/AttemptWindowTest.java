package org.guildhall.web.security;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AttemptWindowTest {

	private final MovingClock clock = new MovingClock(Instant.parse("2008-07-01T12:00:00Z"));

	private final AttemptWindow window = new AttemptWindow(3, Duration.ofSeconds(60), this.clock);

	@Test
	void anAddressWaitsOnceItHasTheMostFailuresUntilTheOldestLeavesTheWindow() {
		this.window.failed("10.0.0.1");
		this.clock.advance(10);
		this.window.failed("10.0.0.1");
		assertThat(this.window.retryAfterSeconds("10.0.0.1")).isZero();
		this.clock.advance(10);
		this.window.failed("10.0.0.1");
		this.clock.advance(10);
		// three failures at 0, 10 and 20 s; now 30 s: the first leaves at 60 s
		assertThat(this.window.retryAfterSeconds("10.0.0.1")).isEqualTo(30);
		assertThat(this.window.retryAfterSeconds("10.0.0.2")).as("another address").isZero();
		this.clock.advance(29);
		assertThat(this.window.retryAfterSeconds("10.0.0.1")).isEqualTo(1);
		this.clock.advance(1);
		assertThat(this.window.retryAfterSeconds("10.0.0.1")).isZero();
		this.window.failed("10.0.0.1");
		// failures at 10, 20 and 60 s: the one at 10 s leaves at 70 s
		assertThat(this.window.retryAfterSeconds("10.0.0.1")).isEqualTo(10);
	}

	@Test
	void aSecondWaitedPartlyIsAWholeSecondStillToWait() {
		for (int i = 0; i < 3; i++) {
			this.window.failed("10.0.0.1");
		}
		this.clock.advanceMillis(59_001);
		assertThat(this.window.retryAfterSeconds("10.0.0.1")).isEqualTo(1);
	}

	@Test
	void moreFailuresThanTheLimitCountFromTheLatestOnes() {
		for (int i = 0; i < 100; i++) {
			this.window.failed("10.0.0.1");
			this.clock.advance(1);
		}
		// the last three were at 97, 98 and 99 s; now 100 s
		assertThat(this.window.retryAfterSeconds("10.0.0.1")).isEqualTo(57);
	}

	@Test
	void addressesWhoseFailuresLeftTheWindowAreForgotten() {
		for (int i = 0; i < 2000; i++) {
			this.window.failed("10.0.%d.%d".formatted(i / 256, i % 256));
		}
		assertThat(this.window.addresses()).isEqualTo(2000);
		this.clock.advance(61);
		// the next sweep (every 1,024 failures) drops every address with nothing left
		for (int i = 0; i < 1024; i++) {
			this.window.failed("192.168.0.1");
		}
		assertThat(this.window.addresses()).isEqualTo(1);
		assertThat(this.window.retryAfterSeconds("192.168.0.1")).isEqualTo(60);
	}

	@Test
	void theLimitNeedsAtLeastOneFailureInAPositiveWindow() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AttemptWindow(0, Duration.ofMinutes(1), this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new AttemptWindow(3, Duration.ZERO, this.clock));
	}

}
