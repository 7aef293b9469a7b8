package org.guildhall.web.cases;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.guildhall.engine.cases.NewCase;

import org.springframework.format.annotation.DateTimeFormat;

/** What the start-case form binds: the fields of {@link NewCase}. */
class CaseForm {

	@NotBlank(message = "Enter a title, e.g. \"TV/Theatrical contract 2008\"")
	@Size(max = 200, message = "Keep the title under 200 characters")
	private String title;

	@Size(max = 500, message = "Keep the contract under 500 characters")
	private String contract;

	@Size(max = 500, message = "Keep the employer under 500 characters")
	private String employer;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate expiryDate;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate finalOfferDate;

	@NotBlank(message = "Choose the rule set the case will follow")
	private String ruleSet;

	NewCase toNewCase() {
		return new NewCase(this.title, blankToNull(this.contract), blankToNull(this.employer), this.expiryDate,
				this.finalOfferDate, this.ruleSet);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.trim();
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getContract() {
		return this.contract;
	}

	public void setContract(String contract) {
		this.contract = contract;
	}

	public String getEmployer() {
		return this.employer;
	}

	public void setEmployer(String employer) {
		this.employer = employer;
	}

	public LocalDate getExpiryDate() {
		return this.expiryDate;
	}

	public void setExpiryDate(LocalDate expiryDate) {
		this.expiryDate = expiryDate;
	}

	public LocalDate getFinalOfferDate() {
		return this.finalOfferDate;
	}

	public void setFinalOfferDate(LocalDate finalOfferDate) {
		this.finalOfferDate = finalOfferDate;
	}

	public String getRuleSet() {
		return this.ruleSet;
	}

	public void setRuleSet(String ruleSet) {
		this.ruleSet = ruleSet;
	}

}
