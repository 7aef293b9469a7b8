/**
 * Process variants in the sandbox tenant: an uploaded (or shipped) alternative BPMN is
 * checked ({@code VariantChecks}), deployed in tenant {@code sandbox} with the live
 * processes it calls ({@link org.guildhall.engine.variants.VariantCatalog}) and run as
 * simulated cases from a scenario
 * ({@link org.guildhall.engine.variants.SimulationRunner}). Live cases and step lists
 * never see the sandbox.
 */
package org.guildhall.engine.variants;
