package org.guildhall.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetStudio;
import org.guildhall.engine.rules.RuleSetVersion;
import org.guildhall.engine.rules.RuleSweep;
import org.guildhall.engine.rules.SweepGrid;

/**
 * A 10,201-point sweep (101 × 101: every whole percent of turnout and of yes share) of
 * {@code sag-2008:1} against {@code two-thirds:1} at a roll of 160,000, through
 * {@link RuleSweep} — against the baseline: the same cells decided through the rule sets'
 * DMN on Camunda's standalone engine (what a sweep would cost without the arithmetic).
 * The DMN baseline evaluates a sample of {@value #DMN_SAMPLE} cells of each set and is
 * scaled to the whole grid; its outcomes must agree with the sweep's, cell by cell.
 */
final class RuleSweepMeasure implements Measure {

	private static final int STEPS = 100;

	private static final long ELIGIBLE = 160_000;

	private static final int DMN_SAMPLE = 300;

	private final Engine engine;

	private final int runs;

	RuleSweepMeasure(Engine engine, int runs) {
		this.engine = engine;
		this.runs = runs;
	}

	@Override
	public String name() {
		return "rule sweep, 10,201 points x 2 rule sets";
	}

	@Override
	public List<Figure> run() {
		RuleSetCatalog catalog = this.engine.bean(RuleSetCatalog.class);
		RuleSetStudio studio = this.engine.bean(RuleSetStudio.class);
		RuleSweep sweep = this.engine.bean(RuleSweep.class);
		RuleSetVersion a = catalog.version("sag-2008", 1).orElseThrow();
		RuleSetVersion b = catalog.version("two-thirds", 1).orElseThrow();
		if (sweep.throughDmn(a, b)) {
			throw new IllegalStateException("the shipped rule sets should be swept by arithmetic");
		}
		// warm-up of both paths
		SweepGrid grid = sweep.sweep(a, b, ELIGIBLE, STEPS);
		dmnSample(studio, grid);
		double[] fast = new double[this.runs];
		double[] dmn = new double[this.runs];
		for (int run = 0; run < this.runs; run++) {
			long start = System.nanoTime();
			grid = sweep.sweep(a, b, ELIGIBLE, STEPS);
			fast[run] = Stats.millis(System.nanoTime() - start);
			if (grid.cells() != 101 * 101) {
				throw new IllegalStateException("a grid of " + grid.cells() + " cells");
			}
			start = System.nanoTime();
			dmnSample(studio, grid);
			dmn[run] = Stats.millis(System.nanoTime() - start) * grid.cells() / DMN_SAMPLE;
		}
		return List.of(Figure.atMost("rule sweep, 10,201 points x 2 rule sets", Stats.median(fast), "ms", this.runs,
				"the same grid through the DMN (scaled from " + DMN_SAMPLE + " cells)", Stats.median(dmn), 1000));
	}

	/** Decides {@value #DMN_SAMPLE} cells spread over the grid through both DMNs. */
	private static void dmnSample(RuleSetStudio studio, SweepGrid grid) {
		int size = grid.size();
		for (int i = 0; i < DMN_SAMPLE; i++) {
			int cell = (int) ((long) i * grid.cells() / DMN_SAMPLE);
			int t = cell / size;
			int y = cell % size;
			long cast = grid.cast(t);
			long yes = grid.yes(t, y);
			Map<String, Object> counts = new LinkedHashMap<>();
			counts.put("yes", yes);
			counts.put("no", cast - yes);
			counts.put("abstain", 0L);
			counts.put("spoiled", 0L);
			counts.put("eligible", grid.eligible());
			boolean approvedA = "APPROVED".equals(studio.evaluateQuietly(grid.a(), "member-vote", counts).outcome());
			boolean approvedB = "APPROVED".equals(studio.evaluateQuietly(grid.b(), "member-vote", counts).outcome());
			if (approvedA != grid.approvedA(t, y) || approvedB != grid.approvedB(t, y)) {
				throw new IllegalStateException(
						"the DMN and the sweep disagree at turnout step " + t + ", yes step " + y);
			}
		}
	}

}
