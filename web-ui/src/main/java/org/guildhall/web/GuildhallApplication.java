package org.guildhall.web;

import java.util.Arrays;

import org.guildhall.engine.audit.AuditVerifierCli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
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
		SpringApplication.run(GuildhallApplication.class, args);
	}

}
