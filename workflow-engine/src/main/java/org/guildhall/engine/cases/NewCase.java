package org.guildhall.engine.cases;

import java.time.LocalDate;

/**
 * What staff enter to start a case.
 *
 * @param title a short title, e.g. "TV/Theatrical contract 2008"; the business key is
 * made from it
 * @param contract the contract under negotiation
 * @param employer the employer or employers' association
 * @param expiryDate the day the contract expired or expires
 * @param finalOfferDate the day of the employer's final offer, if any
 * @param ruleSet the rule set key, e.g. {@code sag-2008}; the case pins its current
 * version
 */
public record NewCase(String title, String contract, String employer, LocalDate expiryDate, LocalDate finalOfferDate,
		String ruleSet) {

}
