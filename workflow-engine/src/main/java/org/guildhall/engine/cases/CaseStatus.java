package org.guildhall.engine.cases;

/** Where a case stands; held in the top-level process variable {@code caseStatus}. */
public enum CaseStatus {

	ACTIVE, STRIKE_CALLED, NO_STRIKE, AUTHORIZATION_REJECTED, SETTLED, WITHDRAWN

}
