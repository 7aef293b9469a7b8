/**
 * Users and groups, kept in Camunda's identity service so Cockpit, Tasklist, Admin and
 * the Guildhall UI share them. Members do not log in; they vote with one-time
 * credentials.
 */
package org.guildhall.engine.identity;
