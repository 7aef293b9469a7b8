package org.guildhall.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.guildhall.engine.metrics.GuildhallMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class SignInLimiterTest {

	private final MovingClock clock = new MovingClock(Instant.parse("2008-07-01T12:00:00Z"));

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final SignInLimiter limiter = new SignInLimiter(
			new SecurityProperties(null, null, 3, Duration.ofMinutes(5)),
			new GuildhallMetrics(new StaticListableBeanFactory(Map.of("registry", this.registry))
				.getBeanProvider(MeterRegistry.class)),
			this.clock);

	private final Logger logger = (Logger) LoggerFactory.getLogger(SignInLimiter.class);

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeEach
	void listen() {
		this.logs.start();
		this.logger.addAppender(this.logs);
	}

	@AfterEach
	void stopListening() {
		this.logger.detachAppender(this.logs);
	}

	@Test
	void aHoldIsLoggedOnceWhileItLastsAndEveryHeldBackSignInIsCounted() {
		for (int i = 0; i < 50; i++) {
			this.limiter.heldBack("203.0.113.7", 120);
			this.clock.advance(1);
		}
		this.limiter.heldBack("198.51.100.2", 60);
		// the first hold of 120 s has run out: the address is held back again, logged
		// again
		this.clock.advance(71);
		this.limiter.heldBack("203.0.113.7", 30);

		assertThat(warnings()).hasSize(3);
		assertThat(warnings().get(0)).contains("203.0.113.7", "120 s");
		assertThat(warnings().get(1)).contains("198.51.100.2", "60 s");
		assertThat(warnings().get(2)).contains("203.0.113.7", "30 s");
		assertThat(this.registry.counter("guildhall.sign-ins.held-back").count()).isEqualTo(52);
	}

	private List<String> warnings() {
		return this.logs.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

}
