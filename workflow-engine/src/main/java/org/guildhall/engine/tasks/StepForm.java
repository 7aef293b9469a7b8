package org.guildhall.engine.tasks;

import java.util.List;

/**
 * A step with its form.
 *
 * @param task the open step
 * @param caseTitle the title of its case
 * @param fields its fields in model order
 */
public record StepForm(StepTask task, String caseTitle, List<StepField> fields) {

}
