/**
 * Who may do what over HTTP: Spring Security authenticating against Camunda's identity
 * service, with form login for pages and HTTP Basic for {@code /engine-rest}; guards
 * against demo passwords outside the demo profile.
 */
package org.guildhall.web.security;
