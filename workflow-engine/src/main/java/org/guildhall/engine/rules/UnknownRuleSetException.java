package org.guildhall.engine.rules;

/** A rule set key, version or decision that Guildhall does not know. */
public class UnknownRuleSetException extends RuntimeException {

	public UnknownRuleSetException(String message) {
		super(message);
	}

}
