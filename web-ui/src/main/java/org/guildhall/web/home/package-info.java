/**
 * The landing page (my steps, cases by status) and the sign-in page.
 */
package org.guildhall.web.home;
