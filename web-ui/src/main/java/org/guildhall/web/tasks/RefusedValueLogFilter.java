package org.guildhall.web.tasks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Camunda logs every exception that leaves an engine command as {@code ENGINE-16004} at
 * ERROR, with its stack trace, and that includes a value a person typed into a step's
 * form and a step's validator refused ("votesFor + votesAgainst + abstentions must not
 * exceed membersPresent"). Guildhall answers those with a 400 naming the field; as engine
 * errors they would bury the real ones in an operator's log. This drops the engine's
 * ERROR line for a refused form value only; every other exception is logged as before.
 * (Guildhall's own refusals thrown inside a command are {@code BadUserRequestException}s,
 * which Camunda itself logs at DEBUG.)
 */
@Component
class RefusedValueLogFilter extends TurboFilter implements SmartInitializingSingleton {

	/** The logger of Camunda's {@code ContextLogger} (ENGINE-16xxx). */
	static final String ENGINE_CONTEXT_LOGGER = "org.camunda.bpm.engine.context";

	@Override
	public void afterSingletonsInstantiated() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback && logback.getTurboFilterList()
			.stream()
			.noneMatch((filter) -> filter instanceof RefusedValueLogFilter)) {
			setName("guildhall-refused-form-values");
			start();
			logback.addTurboFilter(this);
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable thrown) {
		if (level != Level.ERROR || logger == null || !ENGINE_CONTEXT_LOGGER.equals(logger.getName())) {
			return FilterReply.NEUTRAL;
		}
		// Camunda passes the exception as the last of the message's arguments
		Throwable exception = (thrown != null) ? thrown
				: (params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) ? last
						: null;
		boolean refusedValue = exception instanceof FormFieldValidatorException
				|| exception instanceof FormFieldValidationException;
		return refusedValue ? FilterReply.DENY : FilterReply.NEUTRAL;
	}

}
