package org.guildhall.web.api;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How strictly request bodies are read, beside {@code spring.jackson.*} in
 * {@code application.yaml} (unknown properties, trailing tokens and duplicate properties
 * are refused): a number or boolean where text is expected is refused instead of turned
 * into text (a ballot's {@code "credential": 123}), and dates are not lenient (a number
 * is no {@code LocalDate}). Engine REST and the Camunda webapps use their own mappers.
 */
@Configuration(proxyBeanMethods = false)
class ApiJson {

	@Bean
	Jackson2ObjectMapperBuilderCustomizer strictRequestBodies() {
		return (builder) -> builder.postConfigurer((mapper) -> {
			mapper.setDefaultLeniency(false);
			mapper.coercionConfigFor(LogicalType.Textual)
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
		});
	}

}
