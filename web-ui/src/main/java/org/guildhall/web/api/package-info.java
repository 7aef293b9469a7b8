/**
 * The JSON REST API under {@code /api} (DESIGN.md "Public contract: REST API"): rule
 * sets, cases and their human steps, for clients and scripts. Controllers map HTTP to the
 * engine services and back; every refusal is an RFC 9457 problem detail
 * ({@link org.guildhall.web.api.ApiProblems}).
 */
package org.guildhall.web.api;
