/**
 * CSV that Guildhall hands out: one writer ({@link org.guildhall.web.csv.CsvCells}) that
 * every export uses, so no cell can start a spreadsheet formula.
 */
package org.guildhall.web.csv;
