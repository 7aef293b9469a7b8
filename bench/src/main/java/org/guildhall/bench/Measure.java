package org.guildhall.bench;

import java.util.List;

/**
 * One benchmark measure: runs its subject and its baseline in the same run, several times
 * each, and answers the figures (median of the runs) with their ratios.
 */
public interface Measure {

	/** A short name for progress lines. */
	String name();

	/** Measures; the figures it answers are printed in the table. */
	List<Figure> run() throws Exception;

}
