package org.guildhall.engine.rules;

/**
 * The member-vote outcomes of two rule-set versions over a grid of turnout × yes share
 * ({@link RuleSweep}). Indices run from 0 to {@link #steps()} on both axes: turnout index
 * {@code t} is {@code t * 100 / steps} percent of the eligible members, yes index
 * {@code y} is {@code y * 100 / steps} percent of the votes cast.
 * <p>
 * How a cell maps to counts: {@code eligible} = the roll size; votes cast =
 * {@code floor(eligible * t / steps)}; yes = {@code floor(cast * y / steps)}; no = cast -
 * yes; abstentions and spoiled ballots 0 (so votes cast = ballots returned, and the
 * abstention treatments of a rule set play no part).
 */
public final class SweepGrid {

	/** How a version's outcomes were computed. */
	public enum Method {

		/** In Java from the version's parameters ({@link VoteArithmetic}). */
		PARAMETERS,
		/** Through the version's own DMN on the standalone engine (uploaded versions). */
		DMN

	}

	private final RuleSetVersion a;

	private final RuleSetVersion b;

	private final long eligible;

	private final int steps;

	private final int requestedSteps;

	private final Method methodA;

	private final Method methodB;

	private final boolean[] approvedA;

	private final boolean[] approvedB;

	private final int approvalsA;

	private final int approvalsB;

	private final int disagreements;

	SweepGrid(RuleSetVersion a, RuleSetVersion b, long eligible, int steps, int requestedSteps, Method methodA,
			Method methodB, boolean[] approvedA, boolean[] approvedB) {
		this.a = a;
		this.b = b;
		this.eligible = eligible;
		this.steps = steps;
		this.requestedSteps = requestedSteps;
		this.methodA = methodA;
		this.methodB = methodB;
		this.approvedA = approvedA;
		this.approvedB = approvedB;
		int countA = 0;
		int countB = 0;
		int differ = 0;
		for (int i = 0; i < approvedA.length; i++) {
			countA += approvedA[i] ? 1 : 0;
			countB += approvedB[i] ? 1 : 0;
			differ += (approvedA[i] != approvedB[i]) ? 1 : 0;
		}
		this.approvalsA = countA;
		this.approvalsB = countB;
		this.disagreements = differ;
	}

	/** Version A. */
	public RuleSetVersion a() {
		return this.a;
	}

	/** Version B. */
	public RuleSetVersion b() {
		return this.b;
	}

	/** The roll size every cell has. */
	public long eligible() {
		return this.eligible;
	}

	/** Intervals per axis; the grid has {@code (steps + 1)²} cells. */
	public int steps() {
		return this.steps;
	}

	/**
	 * The steps asked for; more than {@link #steps()} when an uploaded version made the
	 * grid coarser ({@link RuleSweep#MAX_DMN_STEPS}).
	 */
	public int requestedSteps() {
		return this.requestedSteps;
	}

	public boolean coarsened() {
		return this.steps < this.requestedSteps;
	}

	public Method methodA() {
		return this.methodA;
	}

	public Method methodB() {
		return this.methodB;
	}

	/** Cells per axis: {@code steps + 1}. */
	public int size() {
		return this.steps + 1;
	}

	/** Every cell: {@code size()²}. */
	public int cells() {
		return this.approvedA.length;
	}

	/** The percentage of index {@code index} on either axis, e.g. 75.0. */
	public double percent(int index) {
		return index * 100.0 / this.steps;
	}

	/** Votes cast at turnout index {@code t}. */
	public long cast(int t) {
		return RuleSweep.cast(this.eligible, t, this.steps);
	}

	/** Yes votes at turnout index {@code t}, yes index {@code y}. */
	public long yes(int t, int y) {
		return RuleSweep.yes(cast(t), y, this.steps);
	}

	/** No votes at turnout index {@code t}, yes index {@code y}. */
	public long no(int t, int y) {
		return cast(t) - yes(t, y);
	}

	public boolean approvedA(int t, int y) {
		return this.approvedA[t * size() + y];
	}

	public boolean approvedB(int t, int y) {
		return this.approvedB[t * size() + y];
	}

	public boolean differs(int t, int y) {
		return approvedA(t, y) != approvedB(t, y);
	}

	/** Cells version A approves. */
	public int approvalsA() {
		return this.approvalsA;
	}

	/** Cells version B approves. */
	public int approvalsB() {
		return this.approvalsB;
	}

	/** Cells where A and B decide differently. */
	public int disagreements() {
		return this.disagreements;
	}

}
