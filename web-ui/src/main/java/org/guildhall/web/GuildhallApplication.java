package org.guildhall.web;

import java.util.Arrays;

import org.guildhall.engine.EarlyEngineMappings;
import org.guildhall.engine.audit.AuditVerifierCli;
import org.guildhall.web.aot.AheadOfTimeProfiles;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The runnable Guildhall application; {@code java -jar guildhall.jar verify-audit ...}
 * runs the audit trail's verifier ({@link AuditVerifierCli}) instead, without starting
 * the application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GuildhallApplication {

	public static void main(String[] args) {
		if (args.length > 0 && AuditVerifierCli.COMMAND.equals(args[0])) {
			System.exit(AuditVerifierCli.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		builder().run(args);
	}

	/**
	 * The application as {@link #main} starts it: with Camunda's SQL mappings parsed on a
	 * thread of their own while Spring configures the rest ({@link EarlyEngineMappings}),
	 * and refusing an ahead-of-time start with profiles it was not built for
	 * ({@link AheadOfTimeProfiles}).
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(GuildhallApplication.class)
			.initializers(new EarlyEngineMappings.Initializer())
			.listeners(new AheadOfTimeProfiles());
	}

}
