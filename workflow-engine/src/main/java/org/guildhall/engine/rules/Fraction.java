package org.guildhall.engine.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact fraction between 0 and 1 (a threshold, quorum or turnout share), so that rule
 * sets compare counts in whole numbers ({@code yes * 4 > cast * 3}) and never round.
 *
 * @param numerator the numerator, at least 0
 * @param denominator the denominator, at least 1; the fraction is in lowest terms
 */
public record Fraction(long numerator, long denominator) {

	/** Thresholds are given with at most this many decimal places. */
	private static final int MAX_SCALE = 6;

	public Fraction {
		if (denominator < 1 || numerator < 0 || numerator > denominator) {
			throw new IllegalArgumentException(
					"a fraction from 0 to 1 is required, not " + numerator + "/" + denominator);
		}
		long gcd = BigInteger.valueOf(numerator).gcd(BigInteger.valueOf(denominator)).longValue();
		if (gcd > 1) {
			numerator /= gcd;
			denominator /= gcd;
		}
		if (numerator == 0) {
			denominator = 1;
		}
	}

	/** Nothing: no quorum, no turnout requirement. */
	public static final Fraction ZERO = new Fraction(0, 1);

	/**
	 * Reads {@code text}: a decimal ({@code 0.75}), a percentage ({@code 75%}) or a
	 * fraction ({@code 2/3}).
	 * @throws IllegalArgumentException with a message naming what is accepted
	 */
	public static Fraction parse(String text) {
		String value = (text != null) ? text.trim() : "";
		try {
			if (value.endsWith("%")) {
				return decimal(new BigDecimal(value.substring(0, value.length() - 1).trim()).movePointLeft(2));
			}
			int slash = value.indexOf('/');
			if (slash > 0) {
				long numerator = Long.parseLong(value.substring(0, slash).trim());
				long denominator = Long.parseLong(value.substring(slash + 1).trim());
				if (denominator > 1_000_000) {
					throw new IllegalArgumentException("'" + value + "': the denominator must be at most 1,000,000");
				}
				return new Fraction(numerator, denominator);
			}
			return decimal(new BigDecimal(value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + value
					+ "' is not a share: write a decimal from 0 to 1 (0.75), a percentage (75%) or a fraction (2/3)");
		}
	}

	/** {@code value} (from 0 to 1, at most six decimal places) as a fraction. */
	public static Fraction decimal(BigDecimal value) {
		BigDecimal exact = value.stripTrailingZeros();
		if (exact.signum() < 0 || exact.compareTo(BigDecimal.ONE) > 0) {
			throw new IllegalArgumentException("'" + value.toPlainString() + "' is not from 0 to 1 (0% to 100%)");
		}
		if (exact.scale() > MAX_SCALE) {
			throw new IllegalArgumentException("'" + value.toPlainString()
					+ "' has more than six decimal places; write an exact fraction such as 2/3 instead");
		}
		int scale = Math.max(exact.scale(), 0);
		return new Fraction(exact.movePointRight(scale).longValueExact(), BigInteger.TEN.pow(scale).longValueExact());
	}

	public boolean isZero() {
		return this.numerator == 0;
	}

	/**
	 * The fraction as JSON would carry it: a decimal where one is exact (0.75), else
	 * {@code "2/3"}.
	 */
	public Object jsonValue() {
		BigDecimal decimal = exactDecimal();
		return (decimal != null) ? decimal : this.numerator + "/" + this.denominator;
	}

	/** In words for people: "75%", "two-thirds", "half", "3/7". */
	public String words() {
		if (this.numerator == 1 && this.denominator == 2) {
			return "half";
		}
		if (this.numerator == 2 && this.denominator == 3) {
			return "two-thirds";
		}
		if (this.numerator == 1 && this.denominator == 3) {
			return "one-third";
		}
		BigDecimal decimal = exactDecimal();
		if (decimal != null && decimal.scale() <= 4) {
			return decimal.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
		}
		return this.numerator + "/" + this.denominator + " ("
				+ new BigDecimal(this.numerator).movePointRight(2)
					.divide(BigDecimal.valueOf(this.denominator), 2, RoundingMode.HALF_UP)
					.stripTrailingZeros()
					.toPlainString()
				+ "%)";
	}

	/** As a FEEL or Java multiplier suffix: {@code " * 3"}, or nothing for 1. */
	String times(long value) {
		return (value == 1) ? "" : " * " + value;
	}

	private BigDecimal exactDecimal() {
		long d = this.denominator;
		while (d % 2 == 0) {
			d /= 2;
		}
		while (d % 5 == 0) {
			d /= 5;
		}
		if (d != 1) {
			return null;
		}
		BigDecimal value = new BigDecimal(this.numerator).divide(BigDecimal.valueOf(this.denominator));
		return (value.signum() == 0) ? BigDecimal.ZERO : value.stripTrailingZeros();
	}

	@Override
	public String toString() {
		return this.numerator + "/" + this.denominator;
	}

}
