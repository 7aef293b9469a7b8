package org.guildhall.engine.cases;

/** The case is not in a state that allows the action (e.g. it has ended). */
public class CaseStateException extends RuntimeException {

	public CaseStateException(String message) {
		super(message);
	}

}
