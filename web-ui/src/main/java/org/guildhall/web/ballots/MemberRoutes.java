package org.guildhall.web.ballots;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The handler mapping of the members' busiest routes (casting a ballot, checking a
 * receipt), consulted before Spring MVC's mapping of every annotated route.
 * <p>
 * For a path with a variable, {@code RequestMappingHandlerMapping} tries every one of its
 * routes (about a hundred here, each checking method, CORS pre-flight and pattern) and
 * the lookup runs twice a request (Spring Security's handler-mapping introspector, then
 * the {@code DispatcherServlet}): about a third of the application's CPU under the intake
 * load (docs/PERFORMANCE.md). This mapping holds only the controller methods marked
 * {@link MemberRoute}, with the same {@code @RequestMapping} and the same handler method,
 * so the request is handled exactly as before (argument resolution, the controller's
 * problem details, metrics' URI template); the main mapping still holds them too (API
 * docs), but is not reached for them.
 */
class MemberRoutes extends RequestMappingHandlerMapping {

	/** Before the annotated routes (0), after the actuator's endpoints (-100). */
	static final int ORDER = -10;

	MemberRoutes() {
		setOrder(ORDER);
	}

	@Override
	protected boolean isHandler(Class<?> beanType) {
		return BallotApiController.class.isAssignableFrom(beanType);
	}

	@Override
	protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
		return AnnotatedElementUtils.hasAnnotation(method, MemberRoute.class)
				? super.getMappingForMethod(method, handlerType) : null;
	}

	/**
	 * Registers the mapping; the {@code DispatcherServlet} and Spring Security's
	 * introspector take every {@code HandlerMapping} bean, while code that asks for
	 * <em>the</em> {@code RequestMappingHandlerMapping} by type still gets Spring MVC's.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean(autowireCandidate = false)
		MemberRoutes memberRoutes() {
			return new MemberRoutes();
		}

	}

	/** A route members use without an account, served by {@link MemberRoutes}. */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface MemberRoute {

	}

}
