/**
 * The benchmark: one small {@link org.guildhall.bench.Measure} class per figure, each
 * measured against a baseline in the same run; {@link org.guildhall.bench.Bench} runs
 * them and prints the table (docs/PERFORMANCE.md).
 */
package org.guildhall.bench;
