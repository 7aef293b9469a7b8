/**
 * Case pages: start a case, a case's status, steps, timeline and diagrams, and the
 * staff's agreement and withdrawal actions.
 */
package org.guildhall.web.cases;
