package org.guildhall.web.security;

import org.camunda.bpm.engine.IdentityService;
import org.guildhall.web.GuildhallApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outside the demo profile Guildhall never runs with demo passwords. */
class DemoPasswordGuardIT {

	@Test
	void refusesToStartWithoutAnInitialAdminPassword() {
		assertThatThrownBy(() -> start("prod", "guard-none")).hasStackTraceContaining("initial-admin-password");
	}

	@Test
	void refusesTheDemoPasswordForTheInitialAdmin() {
		assertThatThrownBy(() -> start("prod", "guard-demo-admin", "--guildhall.security.initial-admin-password=demo"))
			.hasStackTraceContaining("initial-admin-password");
	}

	@Test
	void startsWithARealInitialAdminPassword() {
		try (ConfigurableApplicationContext context = start("prod", "guard-ok",
				"--guildhall.security.initial-admin-password=correct-horse-battery")) {
			IdentityService identity = context.getBean(IdentityService.class);
			assertThat(identity.checkPassword("admin", "correct-horse-battery")).isTrue();
			assertThat(identity.createUserQuery().count()).isEqualTo(1);
		}
	}

	@Test
	void refusesADatabaseThatStillHasDemoUsers() {
		start("demo", "guard-reused").close();
		assertThatThrownBy(() -> start("prod", "guard-reused",
				"--guildhall.security.initial-admin-password=correct-horse-battery"))
			.hasStackTraceContaining("still have the demo password");
	}

	private static ConfigurableApplicationContext start(String profile, String database, String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
		all[1] = "--server.port=0";
		all[2] = "--camunda.bpm.job-execution.enabled=false";
		System.arraycopy(args, 0, all, 3, args.length);
		return new SpringApplicationBuilder(GuildhallApplication.class).profiles(profile).run(all);
	}

}
