package org.guildhall.engine.tasks;

import java.util.List;

/**
 * One field of a step's form, as the model defines it.
 *
 * @param id the field id (the process variable it sets)
 * @param label the label to show
 * @param type {@code string}, {@code long}, {@code boolean}, {@code date} or {@code enum}
 * @param required whether a value must be given
 * @param options for {@code enum}: the allowed values and their labels, in model order
 * @param min the smallest allowed number, or null
 * @param max the largest allowed number, or null
 * @param maxLength the longest allowed text, or null
 * @param help a sentence of help from the model, or null
 * @param value the current value (from the process or the model's default), or null
 * @param readOnly whether the field only shows a value (e.g. a turnout report's counts)
 * and must not be submitted
 */
public record StepField(String id, String label, String type, boolean required, List<Option> options, Long min,
		Long max, Integer maxLength, String help, Object value, boolean readOnly) {

	/** A field that can be edited. */
	public StepField(String id, String label, String type, boolean required, List<Option> options, Long min, Long max,
			Integer maxLength, String help, Object value) {
		this(id, label, type, required, options, min, max, maxLength, help, value, false);
	}

	/** One allowed value of an enum field. */
	public record Option(String value, String label) {
	}

}
