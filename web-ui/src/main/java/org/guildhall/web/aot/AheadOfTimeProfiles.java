package org.guildhall.web.aot;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Refuses an ahead-of-time start ({@code -Dspring.aot.enabled=true}) with a profile the
 * ahead-of-time code was not built for.
 * <p>
 * {@code web-ui}'s build runs Spring's ahead-of-time processing for the demo profile
 * only: the bean definitions, the profiles and every {@code @Conditional} are settled at
 * build time, and at run time the built profiles are switched on whatever is asked. An
 * ahead-of-time start with {@code --spring.profiles.active=postgres} would read
 * PostgreSQL's settings into the demo's beans — so it stops before anything is created
 * and says how to start instead. Registered on the {@code SpringApplication} by
 * {@code GuildhallApplication.builder()}.
 */
public final class AheadOfTimeProfiles implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	/** The profiles {@code web-ui/pom.xml}'s {@code process-aot} execution builds for. */
	public static final Set<String> BUILT = Set.of("demo");

	private final boolean aheadOfTime;

	/** For the application: checks only when the start uses the ahead-of-time code. */
	public AheadOfTimeProfiles() {
		this(AotDetector.useGeneratedArtifacts());
	}

	AheadOfTimeProfiles(boolean aheadOfTime) {
		this.aheadOfTime = aheadOfTime;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (!this.aheadOfTime) {
			return;
		}
		List<String> other = Arrays.stream(event.getEnvironment().getActiveProfiles())
			.filter((profile) -> !BUILT.contains(profile))
			.toList();
		if (!other.isEmpty()) {
			throw new IllegalStateException("This start uses the ahead-of-time code (-Dspring.aot.enabled=true), "
					+ "which was built for the profiles " + BUILT + " only; profiles " + other
					+ " cannot be switched on with it. Start without -Dspring.aot.enabled=true.");
		}
	}

}
