package org.guildhall.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.guildhall.engine.audit.AuditHistoryEventHandler;

import org.springframework.stereotype.Component;

/**
 * Engine settings every Guildhall application needs, whatever its properties say: group
 * and user ids with hyphens ({@code guild-staff}, {@code board-secretary}) are valid
 * identifiers, every process and decision must declare a history time to live, and the
 * history feeds Guildhall's audit trail beside Camunda's own history tables.
 */
@Component
public class GuildhallEnginePlugin extends AbstractProcessEnginePlugin {

	/**
	 * Lower-case words joined by hyphens, as Guildhall's group ids are; Camunda's default
	 * has no hyphen.
	 */
	public static final String RESOURCE_ID_PATTERN = "[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*";

	private final AuditHistoryEventHandler audit;

	public GuildhallEnginePlugin(AuditHistoryEventHandler audit) {
		this.audit = audit;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setGeneralResourceWhitelistPattern(RESOURCE_ID_PATTERN);
		configuration.setEnforceHistoryTimeToLive(true);
		// composed with (not replacing) the default handler that writes ACT_HI_*
		configuration.setEnableDefaultDbHistoryEventHandler(true);
		List<HistoryEventHandler> handlers = new ArrayList<>();
		if (configuration.getCustomHistoryEventHandlers() != null) {
			handlers.addAll(configuration.getCustomHistoryEventHandlers());
		}
		// Camunda's Spring Boot starter registers HistoryEventHandler beans itself; add
		// the audit handler only where that did not happen (it must see each event once)
		if (!handlers.contains(this.audit)) {
			handlers.add(this.audit);
		}
		configuration.setCustomHistoryEventHandlers(handlers);
	}

}
