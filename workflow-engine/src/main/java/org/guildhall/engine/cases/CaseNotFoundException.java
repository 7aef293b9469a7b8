package org.guildhall.engine.cases;

/** No case has that id. */
public class CaseNotFoundException extends RuntimeException {

	public CaseNotFoundException(String id) {
		super("no case with id " + id);
	}

}
