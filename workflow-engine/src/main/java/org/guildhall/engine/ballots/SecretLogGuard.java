package org.guildhall.engine.ballots;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.stereotype.Component;

/**
 * Keeps the loggers that print SQL parameter values at INFO or above, whatever the
 * logging configuration says: at TRACE, the PostgreSQL driver logs every bound parameter
 * ({@code FE=> Bind(... $2=<('M0001')> ...)}) and Spring's {@code StatementCreatorUtils}
 * logs parameter values, so casting a ballot would put a member id and a choice side by
 * side in the log. Found by {@code BallotBoxIT.nothingLinksAMemberToAChoice} on
 * PostgreSQL.
 */
@Component
class SecretLogGuard {

	/** Loggers that write statement parameters at DEBUG or TRACE. */
	static final List<String> PARAMETER_LOGGERS = List.of("org.postgresql",
			"org.springframework.jdbc.core.StatementCreatorUtils");

	private static final Logger log = LoggerFactory.getLogger(SecretLogGuard.class);

	SecretLogGuard(LoggingSystem logging) {
		for (String name : PARAMETER_LOGGERS) {
			LoggerConfiguration configuration = logging.getLoggerConfiguration(name);
			LogLevel effective = (configuration != null) ? configuration.getEffectiveLevel() : null;
			if (effective != null && effective.ordinal() < LogLevel.INFO.ordinal()) {
				log.warn("Logger {} was at {}; raised to INFO because it would log ballot parameters", name, effective);
			}
			logging.setLogLevel(name, LogLevel.INFO);
		}
	}

}
