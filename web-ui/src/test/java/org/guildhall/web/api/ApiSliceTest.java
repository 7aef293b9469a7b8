package org.guildhall.web.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.ballots.BallotBox;

import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A {@code @WebMvcTest} slice of API controllers with the application's real security
 * configuration (HTTP Basic, method security, CSRF ignored for {@code /api}); Camunda's
 * identity service is a mock.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "org\\.guildhall\\.web\\.security\\.SecurityConfiguration"))
@MockitoBean(types = { IdentityService.class, BallotBox.class })
@interface ApiSliceTest {

	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value() default {};

}
