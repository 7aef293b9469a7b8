/**
 * The demo profile (the default): demo users for every group and the seeded 2008 case, so
 * a newcomer can try Guildhall with one command.
 */
package org.guildhall.web.demo;
