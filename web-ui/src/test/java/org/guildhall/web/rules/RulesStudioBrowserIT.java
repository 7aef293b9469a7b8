package org.guildhall.web.rules;

import java.time.Duration;

import org.guildhall.engine.audit.AuditCaseQuery;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.rules.RuleSetCatalog;
import org.guildhall.engine.rules.RuleSetState;
import org.guildhall.engine.rules.RuleSetVersion;
import org.guildhall.engine.rules.RuleSweep;
import org.guildhall.engine.rules.SweepGrid;
import org.guildhall.web.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk-through in a real browser (headless Chromium): {@code modeler} creates
 * "60% of votes cast" with the form and cannot approve it; {@code modeler2} approves it;
 * counts tried on the evaluate page come back through htmx; {@code modeler} sweeps it
 * against {@code sag-2008} (three heat maps drawn, the disagreement count right) and
 * replays the finished demo case under it from the auditor's case page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-rules-browser-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class RulesStudioBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	RuleSetCatalog catalog;

	@Autowired
	RuleSweep sweep;

	@Autowired
	AuditTrail trail;

	WebDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws Exception {
		this.browser = Browser.start();
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aModelerCreatesARuleSetASecondModelerApprovesItAndAnyoneCanTryIt() throws Exception {
		signIn("modeler");
		this.browser.get(url("/rules"));
		this.browser.findElement(By.id("new-rule-set")).click();
		this.wait.until(ExpectedConditions.urlToBe(url("/rules/new")));
		type("key", "sixty-percent");
		type("name", "60% of votes cast");
		type("citation", "Draft amendment to Art. X §3");
		new Select(this.browser.findElement(By.id("memberComparator"))).selectByValue(">=");
		type("memberThreshold", "60%");
		Browser.screenshot(this.browser, "rules-new-form");
		this.browser.findElement(By.id("create")).click();

		this.wait.until(ExpectedConditions.urlToBe(url("/rules/sixty-percent/versions/1")));
		assertThat(this.browser.getPageSource()).contains("pending approval")
			.contains("Member vote passes with yes at least 60% of votes cast");
		assertThat(this.browser.findElement(By.id("why-not")).getText()).contains("You created this version");
		assertThat(this.browser.findElements(By.id("approve"))).isEmpty();
		Browser.screenshot(this.browser, "rules-version-pending");

		signOut();
		signIn("modeler2");
		this.browser.get(url("/rules/sixty-percent/versions/1"));
		this.browser.findElement(By.id("approve")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Approved"));
		assertThat(this.browser.findElement(By.id("approved-by")).getText()).contains("modeler2");
		assertThat(this.catalog.version("sixty-percent", 1)).get()
			.extracting((version) -> version.state())
			.isEqualTo(RuleSetState.APPROVED);
		assertThat(this.catalog.current("sixty-percent").tag()).isEqualTo("sixty-percent:1");

		this.browser.get(url("/rules"));
		assertThat(this.browser.findElement(By.id("rs-sixty-percent")).getText())
			.contains("New cases pin sixty-percent:1")
			.contains("Draft amendment to Art. X §3");
		Browser.screenshot(this.browser, "rules-catalogue");

		this.browser.get(url("/rules/sixty-percent/evaluate"));
		type("vote-yes", "60");
		type("vote-no", "40");
		type("vote-abstain", "3");
		type("vote-spoiled", "1");
		type("vote-eligible", "200");
		this.browser.findElement(By.id("vote-submit")).click();
		WebElement result = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result .outcome")));
		assertThat(result.getText()).contains("APPROVED").contains("at least 60% required");
		// htmx swapped the result in: the page itself was not reloaded
		assertThat(this.browser.getCurrentUrl()).isEqualTo(url("/rules/sixty-percent/evaluate"));
		Browser.screenshot(this.browser, "rules-evaluate");

		// the author sweeps it against sag-2008 and replays the finished demo case under
		// it
		signOut();
		signIn("modeler");
		this.browser.get(url("/rules/sixty-percent/versions/1"));
		this.browser.findElement(By.id("sweep-this")).click();
		this.wait.until(ExpectedConditions.attributeToBe(By.id("heat-maps"), "data-drawn", "true"));
		assertThat(this.browser.findElements(By.cssSelector("#heat-maps canvas"))).hasSize(3);
		RuleSetVersion sag = this.catalog.version("sag-2008", 1).orElseThrow();
		RuleSetVersion sixty = this.catalog.version("sixty-percent", 1).orElseThrow();
		SweepGrid expected = this.sweep.sweep(sag, sixty, 1000, 100);
		assertThat(this.browser.findElement(By.id("disagreements")).getText())
			.isEqualTo(String.valueOf(expected.disagreements()));
		assertThat(expected.disagreements()).isPositive();

		type("sweep-eligible", "52000");
		type("sweep-steps", "50");
		this.browser.findElement(By.id("sweep-submit")).click();
		this.wait.until(ExpectedConditions.urlContains("eligible=52000"));
		this.wait.until(ExpectedConditions.attributeToBe(By.id("heat-maps"), "data-drawn", "true"));
		assertThat(this.browser.findElement(By.id("disagreements")).getText())
			.isEqualTo(String.valueOf(this.sweep.sweep(sag, sixty, 52_000, 50).disagreements()));
		assertThat(this.browser.findElement(By.id("heat-maps")).getAttribute("data-disagreements"))
			.as("the charts drew the same grid")
			.isEqualTo(this.browser.findElement(By.id("disagreements")).getText());
		assertThat(this.browser.findElement(By.id("sweep-csv")).getAttribute("href"))
			.contains("/api/rule-sets/sweep.csv?a=sag-2008:1&b=sixty-percent:1&eligible=52000&steps=50");
		Browser.fullPageScreenshot((ChromeDriver) this.browser, "rules-sweep");

		String demoCase = this.trail
			.cases(new AuditCaseQuery("SETTLED", null, null, null, "Commercials contracts 2009", 1))
			.get(0)
			.caseId();
		this.browser.get(url("/audit/cases/" + demoCase));
		this.browser.findElement(By.id("what-if-link")).click();
		this.wait.until(ExpectedConditions.urlContains("/rules/what-if"));
		new Select(this.browser.findElement(By.id("whatif-rule-set"))).selectByValue("sixty-percent:1");
		this.browser.findElement(By.id("whatif-submit")).click();
		WebElement table = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("whatif-table")));
		// the board's motion, the ballot form's voting-window check, the ratification
		assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(3);
		assertThat(table.findElement(By.cssSelector("tr[data-decision=ratification-vote]")).getText())
			.contains("APPROVED")
			.contains("Would pass")
			.contains("73.3% yes");
		assertThat(this.browser.findElement(By.id("whatif-differences")).getText()).isEqualTo("0");

		// the demo case whose strike authorization got 71.9% yes: rejected under
		// sag-2008, it would have passed under sixty percent
		String rejectedCase = this.trail
			.cases(new AuditCaseQuery("AUTHORIZATION_REJECTED", null, null, null, "short of 75%", 1))
			.get(0)
			.caseId();
		this.browser.get(url("/audit/cases/" + rejectedCase));
		this.browser.findElement(By.id("what-if-link")).click();
		this.wait.until(ExpectedConditions.urlContains("/rules/what-if"));
		new Select(this.browser.findElement(By.id("whatif-rule-set"))).selectByValue("sixty-percent:1");
		this.browser.findElement(By.id("whatif-submit")).click();
		WebElement rejected = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("whatif-table")));
		assertThat(rejected.findElement(By.cssSelector("tr[data-decision=member-vote]")).getText()).contains("REJECTED")
			.contains("APPROVED")
			.contains("Would pass")
			.contains("71.9% yes");
		assertThat(this.browser.findElement(By.id("whatif-differences")).getText()).isEqualTo("1");
		Browser.screenshot(this.browser, "rules-what-if");
	}

	private void signIn(String user) {
		this.browser.get(url("/login"));
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		this.wait.until(ExpectedConditions.urlToBe(url("/")));
	}

	private void signOut() {
		this.browser.findElement(By.cssSelector("form.logout button")).click();
		this.wait.until(ExpectedConditions.urlContains("/login"));
	}

	private void type(String field, String value) {
		WebElement input = this.browser.findElement(By.id(field));
		input.clear();
		input.sendKeys(value);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
