package org.guildhall.web.demo;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.identity.IdentityDirectory;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.DefaultApplicationArguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * The demo is seeded on a thread of its own from the moment its services exist, and the
 * application runner — which the readiness check waits for — waits for it: a start is not
 * ready before the demo is seeded, and a failed seeding fails the start.
 */
class DemoDataTest {

	private final IdentityDirectory directory = mock(IdentityDirectory.class);

	private final RuleSetCatalog ruleSets = mock(RuleSetCatalog.class);

	private final DemoData demo = new DemoData(this.directory, mock(CaseService.class), mock(HistoryService.class),
			mock(TaskService.class), mock(FormService.class), mock(IdentityService.class), this.ruleSets);

	@Test
	void aFailedSeedingFailsTheRunnerWithItsCause() throws Exception {
		willThrow(new IllegalStateException("no groups today")).given(this.directory).ensureGroups();

		this.demo.afterPropertiesSet();

		assertThatIllegalStateException().isThrownBy(() -> this.demo.run(new DefaultApplicationArguments()))
			.withMessage("no groups today");
		this.demo.destroy();
	}

	@Test
	@Timeout(60) // a seeding run by afterPropertiesSet itself would block here for good
	void theRunnerWaitsForTheSeedingThatStartedWithTheBean() throws Exception {
		CountDownLatch deploying = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean seedingThread = new AtomicBoolean();
		willAnswer((invocation) -> {
			seedingThread.set(Thread.currentThread().getName().equals("guildhall-demo-seeding"));
			deploying.countDown();
			release.await();
			throw new IllegalStateException("stop after the rule sets");
		}).given(this.ruleSets).deployShipped();

		this.demo.afterPropertiesSet();
		assertThat(deploying.await(10, TimeUnit.SECONDS)).as("seeding started with the bean").isTrue();
		assertThat(seedingThread).isTrue();
		Thread runner = new Thread(() -> {
			try {
				this.demo.run(new DefaultApplicationArguments());
			}
			catch (IllegalStateException expected) {
				// the seeding's failure, once released
			}
		});
		runner.start();
		runner.join(300);
		assertThat(runner.isAlive()).as("the runner waits while the demo is being seeded").isTrue();

		release.countDown();
		runner.join(10_000);
		assertThat(runner.isAlive()).isFalse();
		this.demo.destroy();
	}

}
