package org.guildhall.bench;

import java.util.Locale;

/**
 * One line of the table: the median of {@code runs} measurements of the subject, the
 * median of its baseline measured in the same run, their ratio (subject / baseline) and
 * the target.
 *
 * @param measure what was measured
 * @param value median of the runs
 * @param unit unit of {@code value} and {@code baseline}
 * @param runs how many runs the median is of
 * @param baselineName what the baseline is
 * @param baseline the baseline's median, or {@link Double#NaN} if there is none
 * @param target the target in words, e.g. {@code >= 3000}
 * @param met whether the target is met, or null if there is no target
 */
public record Figure(String measure, double value, String unit, int runs, String baselineName, double baseline,
		String target, Boolean met) {

	/** Subject / baseline, or NaN without a baseline. */
	public double ratio() {
		return (Double.isNaN(this.baseline) || this.baseline == 0) ? Double.NaN : this.value / this.baseline;
	}

	/** A figure that should be at least {@code min}. */
	static Figure atLeast(String measure, double value, String unit, int runs, String baselineName, double baseline,
			double min) {
		return new Figure(measure, value, unit, runs, baselineName, baseline, ">= " + number(min), value >= min);
	}

	/** A figure that should be at most {@code max}. */
	static Figure atMost(String measure, double value, String unit, int runs, String baselineName, double baseline,
			double max) {
		return new Figure(measure, value, unit, runs, baselineName, baseline, "<= " + number(max), value <= max);
	}

	/** A figure whose ratio to its baseline should be at least {@code minRatio}. */
	static Figure ratioAtLeast(String measure, double value, String unit, int runs, String baselineName,
			double baseline, double minRatio) {
		Figure figure = new Figure(measure, value, unit, runs, baselineName, baseline, "ratio >= " + number(minRatio),
				null);
		return new Figure(measure, value, unit, runs, baselineName, baseline, figure.target,
				figure.ratio() >= minRatio);
	}

	/**
	 * A figure that belongs in the table but is not measured by this benchmark yet: shown
	 * as such, never with a made-up value.
	 */
	static Figure notMeasured(String measure, String unit, String target) {
		return new Figure(measure, Double.NaN, unit, 0, "-", Double.NaN, target, null);
	}

	/** A figure shown for information, without a target. */
	static Figure info(String measure, double value, String unit, int runs, String baselineName, double baseline) {
		return new Figure(measure, value, unit, runs, baselineName, baseline, "-", null);
	}

	static String number(double value) {
		if (Double.isNaN(value)) {
			return "-";
		}
		if (Math.abs(value) >= 100 || value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, "%.3g", value);
	}

}
