package org.guildhall.engine.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.guildhall.engine.rules.RuleSetParameters.VoteRule;

import org.springframework.stereotype.Service;

/**
 * Sweeps two rule-set versions' member-vote decision over a grid of turnout (0–100% of
 * the eligible members) × yes share (0–100% of the votes cast) at one roll size, and says
 * where they disagree ({@link SweepGrid} defines how a cell maps to counts).
 * <p>
 * A version made from parameters (and the shipped ones, whose parameters describe their
 * hand-made tables) is decided in Java by {@link VoteArithmetic}, with the DMN's
 * whole-number comparisons: a 101 × 101 grid for two versions takes well under a
 * millisecond, where Camunda's FEEL (1–5 ms per evaluation) would take 20–100 s. An
 * uploaded version has no parameters: it is decided by its own DMN on the standalone
 * engine, on a grid of at most {@link #MAX_DMN_STEPS} steps per axis (441 cells; a few
 * milliseconds each, so seconds on a busy machine: the page runs it in the background
 * with progress), and the grid is kept for the next request. Nothing is recorded either
 * way.
 */
@Service
public class RuleSweep {

	/** Fewest intervals per axis. */
	public static final int MIN_STEPS = 2;

	/** Most intervals per axis (201 × 201 = 40,401 cells). */
	public static final int MAX_STEPS = 200;

	/** Most intervals per axis when a version is evaluated through its DMN. */
	public static final int MAX_DMN_STEPS = 20;

	/**
	 * The largest roll swept: keeps every whole-number product within a {@code long}
	 * (counts × denominators of at most 1,000,000).
	 */
	public static final long MAX_ELIGIBLE = 1_000_000_000L;

	private static final String DECISION = "member-vote";

	/** How many grids that needed a DMN are kept. */
	private static final int KEPT = 32;

	private final RuleSetStudio studio;

	/** Grids that went through a DMN, least recently used first. */
	private final Map<Key, SweepGrid> kept = new LinkedHashMap<>(KEPT, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, SweepGrid> eldest) {
			return size() > KEPT;
		}

	};

	public RuleSweep(RuleSetStudio studio) {
		this.studio = studio;
	}

	/**
	 * The grid of {@code a} and {@code b} (the benchmark's entry point).
	 * @param a version A, must not be null
	 * @param b version B, must not be null
	 * @param eligible the roll size, from 1 to {@link #MAX_ELIGIBLE}
	 * @param stepsPerAxis intervals per axis, from {@link #MIN_STEPS} to
	 * {@link #MAX_STEPS}; the grid has {@code (stepsPerAxis + 1)²} cells (fewer when an
	 * uploaded version makes it coarser)
	 * @throws RuleSetException.Invalid for a roll size or steps out of range
	 */
	public SweepGrid sweep(RuleSetVersion a, RuleSetVersion b, long eligible, int stepsPerAxis) {
		return sweep(a, b, eligible, stepsPerAxis, null);
	}

	/**
	 * The grid of {@code a} and {@code b}, reporting the DMN evaluations done so far to
	 * {@code progress} (see {@link #evaluations}); a grid that needed the DMN is kept
	 * (versions never change), so asking again answers at once.
	 * @param progress told the number of DMN evaluations done, or null
	 * @throws RuleSetException.Invalid for a roll size or steps out of range
	 */
	public SweepGrid sweep(RuleSetVersion a, RuleSetVersion b, long eligible, int stepsPerAxis, IntConsumer progress) {
		check(eligible, stepsPerAxis);
		VoteRule ruleA = memberVoteRule(a);
		VoteRule ruleB = memberVoteRule(b);
		if (ruleA != null && ruleB != null) {
			return new SweepGrid(a, b, eligible, stepsPerAxis, stepsPerAxis, SweepGrid.Method.PARAMETERS,
					SweepGrid.Method.PARAMETERS, grid(VoteArithmetic.of(ruleA), eligible, stepsPerAxis),
					grid(VoteArithmetic.of(ruleB), eligible, stepsPerAxis));
		}
		Key key = new Key(a.tag(), b.tag(), eligible, stepsPerAxis);
		SweepGrid kept = cached(key);
		if (kept != null) {
			return kept;
		}
		int steps = Math.min(stepsPerAxis, MAX_DMN_STEPS);
		int[] done = { 0 };
		IntConsumer counter = (progress != null) ? (n) -> progress.accept(done[0] += n) : (n) -> {
		};
		boolean[] approvedA = (ruleA != null) ? grid(VoteArithmetic.of(ruleA), eligible, steps)
				: grid(a, eligible, steps, counter);
		boolean[] approvedB = (ruleB != null) ? grid(VoteArithmetic.of(ruleB), eligible, steps)
				: grid(b, eligible, steps, counter);
		SweepGrid grid = new SweepGrid(a, b, eligible, steps, stepsPerAxis,
				(ruleA != null) ? SweepGrid.Method.PARAMETERS : SweepGrid.Method.DMN,
				(ruleB != null) ? SweepGrid.Method.PARAMETERS : SweepGrid.Method.DMN, approvedA, approvedB);
		synchronized (this.kept) {
			this.kept.put(key, grid);
		}
		return grid;
	}

	/**
	 * Whether sweeping {@code a} and {@code b} goes through a DMN (an uploaded version):
	 * slow enough (a few milliseconds a cell) to run in the background with progress.
	 */
	public boolean throughDmn(RuleSetVersion a, RuleSetVersion b) {
		return memberVoteRule(a) == null || memberVoteRule(b) == null;
	}

	/** How many DMN evaluations the sweep takes (0 when both have parameters). */
	public int evaluations(RuleSetVersion a, RuleSetVersion b, int stepsPerAxis) {
		int size = Math.min(stepsPerAxis, MAX_DMN_STEPS) + 1;
		return size * size * (((memberVoteRule(a) == null) ? 1 : 0) + ((memberVoteRule(b) == null) ? 1 : 0));
	}

	/** The grid of an earlier sweep that went through a DMN, if it is still kept. */
	public Optional<SweepGrid> cached(RuleSetVersion a, RuleSetVersion b, long eligible, int stepsPerAxis) {
		return Optional.ofNullable(cached(new Key(a.tag(), b.tag(), eligible, stepsPerAxis)));
	}

	/**
	 * Checks a roll size and steps.
	 * @throws RuleSetException.Invalid naming the one out of range
	 */
	public static void check(long eligible, int stepsPerAxis) {
		if (eligible < 1 || eligible > MAX_ELIGIBLE) {
			throw new RuleSetException.Invalid("eligible",
					"eligible must be from 1 to " + MAX_ELIGIBLE + " members, not " + eligible);
		}
		if (stepsPerAxis < MIN_STEPS || stepsPerAxis > MAX_STEPS) {
			throw new RuleSetException.Invalid("steps", "steps must be from " + MIN_STEPS + " to " + MAX_STEPS
					+ " intervals per axis (" + (MAX_STEPS + 1) * (MAX_STEPS + 1) + " cells), not " + stepsPerAxis);
		}
	}

	private SweepGrid cached(Key key) {
		synchronized (this.kept) {
			return this.kept.get(key);
		}
	}

	/**
	 * The member-vote rule of {@code version}, or null when it has no parameters (an
	 * uploaded DMN).
	 */
	public static VoteRule memberVoteRule(RuleSetVersion version) {
		if (version.source() == RuleSetSource.UPLOAD || version.parameters() == null
				|| !version.parameters().has("memberVote")) {
			return null;
		}
		return RuleSetParameters.parse(version.parameters()).memberVote();
	}

	/** Votes cast at turnout index {@code t}: {@code floor(eligible * t / steps)}. */
	static long cast(long eligible, int t, int steps) {
		return eligible * t / steps;
	}

	/** Yes votes at yes index {@code y}: {@code floor(cast * y / steps)}. */
	static long yes(long cast, int y, int steps) {
		return cast * y / steps;
	}

	private static boolean[] grid(VoteArithmetic rule, long eligible, int steps) {
		int size = steps + 1;
		boolean[] approved = new boolean[size * size];
		for (int t = 0; t < size; t++) {
			long cast = cast(eligible, t, steps);
			int row = t * size;
			for (int y = 0; y < size; y++) {
				long yes = yes(cast, y, steps);
				approved[row + y] = rule.approves(yes, cast - yes, 0, 0, eligible);
			}
		}
		return approved;
	}

	private boolean[] grid(RuleSetVersion version, long eligible, int steps, IntConsumer progress) {
		int size = steps + 1;
		boolean[] approved = new boolean[size * size];
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("abstain", 0L);
		variables.put("spoiled", 0L);
		variables.put("eligible", eligible);
		for (int t = 0; t < size; t++) {
			long cast = cast(eligible, t, steps);
			for (int y = 0; y < size; y++) {
				long yes = yes(cast, y, steps);
				variables.put("yes", yes);
				variables.put("no", cast - yes);
				Decision decision = this.studio.evaluateQuietly(version, DECISION, variables);
				approved[t * size + y] = decision != null && "APPROVED".equals(decision.outcome());
			}
			progress.accept(size);
		}
		return approved;
	}

	/** A sweep as the cache knows it. */
	private record Key(String a, String b, long eligible, int steps) {
	}

}
