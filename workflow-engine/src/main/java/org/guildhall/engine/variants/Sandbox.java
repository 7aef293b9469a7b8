package org.guildhall.engine.variants;

import java.util.List;

/**
 * The sandbox tenant and the live processes a variant may replace.
 */
public final class Sandbox {

	/**
	 * The Camunda tenant id of every variant deployment and simulated case. Live
	 * deployments, cases and steps have no tenant.
	 */
	public static final String TENANT = org.guildhall.engine.identity.IdentityDirectory.SANDBOX_TENANT;

	/** The top-level process every case (and every simulated case) runs. */
	public static final String CASE_PROCESS = "strike-authorization";

	/**
	 * The live processes, top level first; a variant replaces one of them and the sandbox
	 * deployment copies the others.
	 */
	public static final List<String> PROCESSES = List.of(CASE_PROCESS, "board-deliberation", "bargaining",
			"committee-determination", "member-vote", "final-strike-decision");

	private Sandbox() {
	}

	/** Whether {@code tenantId} is the sandbox's. */
	public static boolean isSandbox(String tenantId) {
		return TENANT.equals(tenantId);
	}

}
