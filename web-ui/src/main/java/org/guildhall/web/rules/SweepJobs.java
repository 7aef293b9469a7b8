package org.guildhall.web.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.guildhall.engine.rules.RuleSetException;
import org.guildhall.engine.rules.RuleSetVersion;
import org.guildhall.engine.rules.RuleSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sweeps that go through an uploaded version's DMN (a few milliseconds a cell), run one
 * at a time in the background so the sweep page can show progress (htmx polling) instead
 * of hanging; the finished grid is kept by {@link RuleSweep}, so the page reloaded
 * afterwards renders it at once. In memory only: a restart forgets running jobs (asking
 * again starts a new one).
 */
@Component
class SweepJobs {

	/** Jobs remembered (finished ones answer their progress until pushed out). */
	private static final int REMEMBERED = 64;

	private static final Logger log = LoggerFactory.getLogger(SweepJobs.class);

	private final RuleSweep sweep;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "guildhall-sweep");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, Job> jobs = new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
			return size() > REMEMBERED;
		}

	};

	SweepJobs(RuleSweep sweep) {
		this.sweep = sweep;
	}

	/** Starts the sweep (or finds the same one still running); answers its job. */
	synchronized Job start(RuleSetVersion a, RuleSetVersion b, long eligible, int steps) {
		RuleSweep.check(eligible, steps);
		for (Job job : this.jobs.values()) {
			// a finished job's grid may have left RuleSweep's cache since: only running
			// jobs are shared
			if (job.same(a, b, eligible, steps) && !job.finished && job.error == null) {
				return job;
			}
		}
		Job job = new Job(UUID.randomUUID().toString(), a, b, eligible, steps, this.sweep.evaluations(a, b, steps));
		this.jobs.put(job.id, job);
		this.executor.execute(() -> {
			try {
				this.sweep.sweep(a, b, eligible, steps, (done) -> job.done = done);
				job.finished = true;
			}
			catch (RuleSetException | IllegalStateException ex) {
				job.error = ex.getMessage();
			}
			catch (RuntimeException ex) {
				log.error("Sweep {} failed", job.id, ex);
				job.error = "the sweep failed on the server; try again or ask an administrator";
			}
		});
		return job;
	}

	synchronized Optional<Job> find(String id) {
		return Optional.ofNullable(this.jobs.get(id));
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

	/** One background sweep and how far it got. */
	static final class Job {

		final String id;

		final RuleSetVersion a;

		final RuleSetVersion b;

		final long eligible;

		final int steps;

		final int total;

		volatile int done;

		volatile boolean finished;

		volatile String error;

		Job(String id, RuleSetVersion a, RuleSetVersion b, long eligible, int steps, int total) {
			this.id = id;
			this.a = a;
			this.b = b;
			this.eligible = eligible;
			this.steps = steps;
			this.total = total;
		}

		boolean same(RuleSetVersion otherA, RuleSetVersion otherB, long otherEligible, int otherSteps) {
			return this.a.tag().equals(otherA.tag()) && this.b.tag().equals(otherB.tag())
					&& this.eligible == otherEligible && this.steps == otherSteps;
		}

		public String getId() {
			return this.id;
		}

		public int getDone() {
			return this.done;
		}

		public int getTotal() {
			return this.total;
		}

		public boolean isFinished() {
			return this.finished;
		}

		public String getError() {
			return this.error;
		}

		/** Done as a whole percentage. */
		public int getPercent() {
			return (this.total == 0) ? 100 : (int) (100L * this.done / this.total);
		}

	}

}
