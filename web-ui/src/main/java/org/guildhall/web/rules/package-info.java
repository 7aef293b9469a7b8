/**
 * The rules studio's pages: the rule-set catalogue, a version's page with its approval,
 * the form and upload that create a version, and trying a version's decisions on counts.
 */
package org.guildhall.web.rules;
