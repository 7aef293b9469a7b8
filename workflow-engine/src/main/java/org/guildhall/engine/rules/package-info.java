/**
 * Rule sets: named, versioned DMN decisions, one per decision point. Each rule-set
 * version is deployed in its own deployment with version tag {@code <key>:<version>};
 * cases pin a tag at start.
 */
package org.guildhall.engine.rules;
