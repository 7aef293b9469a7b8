package org.guildhall.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

import org.springframework.stereotype.Component;

/**
 * Engine settings every Guildhall application needs, whatever its properties say: group
 * and user ids with hyphens ({@code guild-staff}, {@code board-secretary}) are valid
 * identifiers, and every process and decision must declare a history time to live.
 */
@Component
public class GuildhallEnginePlugin extends AbstractProcessEnginePlugin {

	/**
	 * Lower-case words joined by hyphens, as Guildhall's group ids are; Camunda's default
	 * has no hyphen.
	 */
	public static final String RESOURCE_ID_PATTERN = "[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*";

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setGeneralResourceWhitelistPattern(RESOURCE_ID_PATTERN);
		configuration.setEnforceHistoryTimeToLive(true);
	}

}
