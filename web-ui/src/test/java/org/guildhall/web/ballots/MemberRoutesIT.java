package org.guildhall.web.ballots;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members' routes are found by {@link MemberRoutes} before Spring MVC's mapping of
 * every annotated route is asked, and lead to the same controller methods; every other
 * route still goes to Spring MVC's mapping. (That the requests themselves are answered as
 * before is shown by {@code BallotApiIT}, {@code HostileInputIT} and
 * {@code RoleMatrixIT}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-api-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class MemberRoutesIT {

	@Autowired
	ApplicationContext context;

	@Test
	void membersRoutesAreFoundFirstAndOthersAsBefore() throws Exception {
		assertFoundBy("POST", "/api/votes/some-vote/ballots", MemberRoutes.class, "cast");
		assertFoundBy("GET", "/api/votes/some-vote/receipts/ABCD-EFGH-JKLM-NPQR", MemberRoutes.class, "receipt");
		// the vote itself, the officer's credentials and every other route: Spring MVC's
		assertFoundBy("GET", "/api/votes/some-vote", RequestMappingHandlerMapping.class, "vote");
		assertFoundBy("GET", "/api/votes/some-vote/credentials.csv", RequestMappingHandlerMapping.class, "credentials");
		assertFoundBy("GET", "/api/cases", RequestMappingHandlerMapping.class, null);
	}

	/**
	 * Asks the handler mappings in the order the {@code DispatcherServlet} does and
	 * checks which one answers first.
	 */
	private void assertFoundBy(String method, String path, Class<?> mappingType, String handlerMethod)
			throws Exception {
		List<HandlerMapping> mappings = new ArrayList<>(
				BeanFactoryUtils.beansOfTypeIncludingAncestors(this.context, HandlerMapping.class, true, false)
					.values());
		AnnotationAwareOrderComparator.sort(mappings);
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		ServletRequestPathUtils.parseAndCache(request);
		for (HandlerMapping mapping : mappings) {
			HandlerExecutionChain chain = mapping.getHandler(request);
			if (chain != null) {
				assertThat(mapping.getClass()).as(method + " " + path).isEqualTo(mappingType);
				assertThat(chain.getHandler()).isInstanceOf(HandlerMethod.class);
				HandlerMethod handler = (HandlerMethod) chain.getHandler();
				if (handlerMethod != null) {
					assertThat(handler.getBeanType()).isAssignableTo(BallotApiController.class);
					assertThat(handler.getMethod().getName()).isEqualTo(handlerMethod);
				}
				return;
			}
		}
		throw new AssertionError("no handler mapping has " + method + " " + path);
	}

}
