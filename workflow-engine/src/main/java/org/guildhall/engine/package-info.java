/**
 * Guildhall's workflow engine: Camunda 7 configured for governance processes, with one
 * feature package per concern ({@code rules}, {@code cases}, {@code tasks},
 * {@code identity}, {@code ballots}).
 */
package org.guildhall.engine;
