package org.guildhall.web.demo;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/** Prints where Guildhall listens and, in the demo profile, the demo logins. */
@Component
class StartupBanner {

	private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

	@EventListener
	void ready(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		Environment environment = event.getApplicationContext().getEnvironment();
		String url = "http://localhost:" + web.getWebServer().getPort();
		StringBuilder banner = new StringBuilder();
		banner.append("\n\n  Guildhall is running at ").append(url).append('\n');
		banner.append("    Guildhall UI        ").append(url).append("/\n");
		banner.append("    Camunda webapps     ").append(url).append("/camunda/app/\n");
		banner.append("    Engine REST API     ").append(url).append("/engine-rest (HTTP Basic, camunda-admin)\n");
		banner.append("    Health              ").append(url).append("/actuator/health\n");
		if (environment.acceptsProfiles(Profiles.of("demo"))) {
			banner.append("\n  Demo logins (password '").append(DemoUser.PASSWORD).append("'):\n");
			banner.append(DemoUser.all()
				.stream()
				.map((user) -> String.format("    %-10s %s", user.id(), user.group().id()))
				.collect(Collectors.joining("\n")));
			banner.append("\n  Demo case: '")
				.append(DemoData.CASE_TITLE)
				.append("' (")
				.append(DemoData.CASE_KEY)
				.append("), waiting at Task_DetermineTalksFailed for the negotiating committee\n");
			banner.append("  Finished demo case: '")
				.append(DemoData.FINISHED_CASE_TITLE)
				.append("' (")
				.append(DemoData.FINISHED_CASE_KEY)
				.append("), settled; sign in as auditor and open ")
				.append(url)
				.append("/audit\n");
			banner.append("  Finished demo case: '")
				.append(DemoData.REJECTED_CASE_TITLE)
				.append("' (")
				.append(DemoData.REJECTED_CASE_KEY)
				.append("), authorization rejected at 71.9% yes; replay it under other rules as modeler\n");
		}
		log.info(banner.toString());
	}

}
