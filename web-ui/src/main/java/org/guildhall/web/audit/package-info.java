/**
 * The auditor's pages, read from the audit trail alone (never from Camunda's history,
 * which cleanup deletes): case search, a case's timeline, the path it took on its
 * diagrams, its decisions and the rules it ran under, and a printable report.
 */
package org.guildhall.web.audit;
