package org.guildhall.engine.variants;

import java.time.Instant;

/**
 * A variant deployed in the sandbox: one Camunda deployment of tenant {@code sandbox}
 * holding the variant's BPMN and copies of the live processes it calls.
 *
 * @param id the deployment id
 * @param name the variant's name, e.g. {@code members-decide}
 * @param processKey the live process it replaces, e.g. {@code strike-authorization}
 * @param processName the variant process's label
 * @param fileName the uploaded file's name
 * @param shipped whether it is one of the variants shipped with Guildhall
 * @param deployedAt when it was deployed
 * @param deployedBy who deployed it
 * @param caseDefinitionId the {@code strike-authorization} definition of the deployment,
 * which simulated cases start
 * @param variantDefinitionId the definition of the replaced process in the deployment
 */
public record Variant(String id, String name, String processKey, String processName, String fileName, boolean shipped,
		Instant deployedAt, String deployedBy, String caseDefinitionId, String variantDefinitionId) {
}
