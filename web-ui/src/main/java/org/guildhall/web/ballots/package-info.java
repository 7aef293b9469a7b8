/**
 * The ballot box over HTTP: roll upload and credential download for the election officer,
 * the members' ballot page and API (no login; a one-time credential), turnout and results
 * for staff.
 */
package org.guildhall.web.ballots;
