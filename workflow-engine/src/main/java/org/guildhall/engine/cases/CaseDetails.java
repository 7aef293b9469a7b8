package org.guildhall.engine.cases;

import java.util.Date;
import java.util.List;

/**
 * Everything a case page shows.
 *
 * @param summary the case as lists show it
 * @param contract the contract under negotiation
 * @param employer the employer
 * @param expiryDate when the contract expired
 * @param finalOfferDate the employer's final offer, or null
 * @param outcome the latest decision's explanation once the case has ended, else null
 * @param decisions every decision evaluated, oldest first
 * @param timeline every completed human step, oldest first
 * @param processes the top-level instance first, then the called instances, oldest first
 */
public record CaseDetails(CaseSummary summary, String contract, String employer, Date expiryDate, Date finalOfferDate,
		DecisionRecord outcome, List<DecisionRecord> decisions, List<TimelineEntry> timeline,
		List<ProcessView> processes) {

}
