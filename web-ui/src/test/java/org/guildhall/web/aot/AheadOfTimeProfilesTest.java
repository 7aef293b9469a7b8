package org.guildhall.web.aot;

import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class AheadOfTimeProfilesTest {

	@Test
	void anAheadOfTimeStartMayUseTheProfilesItWasBuiltFor() {
		assertThatNoException().isThrownBy(() -> new AheadOfTimeProfiles(true).onApplicationEvent(prepared()));
		assertThatNoException().isThrownBy(() -> new AheadOfTimeProfiles(true).onApplicationEvent(prepared("demo")));
	}

	@Test
	void anAheadOfTimeStartWithAnotherProfileStopsAndSaysHowToStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AheadOfTimeProfiles(true).onApplicationEvent(prepared("demo", "postgres")))
			.withMessageContaining("built for the profiles [demo] only; profiles [postgres]")
			.withMessageContaining("Start without -Dspring.aot.enabled=true");
	}

	@Test
	void anOrdinaryStartMayUseAnyProfile() {
		assertThatNoException()
			.isThrownBy(() -> new AheadOfTimeProfiles(false).onApplicationEvent(prepared("demo", "postgres")));
	}

	private static ApplicationEnvironmentPreparedEvent prepared(String... profiles) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.setActiveProfiles(profiles);
		return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
				new String[0], environment);
	}

}
