package org.guildhall.web.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.guildhall.engine.audit.AuditCase;
import org.guildhall.engine.audit.AuditCaseQuery;
import org.guildhall.engine.audit.AuditEvent;
import org.guildhall.engine.audit.AuditTrail;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.engine.tasks.StepTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
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
 * An auditor in a real browser (headless Chromium) on the demo data: finds the finished
 * demo case from the audit search, follows its path on the diagrams (visited,
 * interrupted, loop counts, flows taken), its decisions and the rules it ran under, and
 * downloads its trail; and sees the staff pages read-only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-auditor-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class AuditorBrowserIT {

	static final String FINISHED_TITLE = "SAG Commercials contracts 2009 (illustrative)";

	static final String FINISHED_KEY = "sag-commercials-contracts-2009-illustrative";

	static final String ACTIVE_KEY = "sag-tv-theatrical-contract-2008";

	@LocalServerPort
	int port;

	@Autowired
	AuditTrail trail;

	@Autowired
	StepService steps;

	ChromeDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws Exception {
		this.browser = (ChromeDriver) Browser.start();
		// htmx swaps parts of the page: an element found just before a swap goes stale
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void theAuditorFollowsAFinishedCaseFromTheSearchToItsPathDecisionsAndRules() throws Exception {
		AuditCase finished = finishedCase();
		signInAsAuditor();

		this.browser.findElement(By.linkText("Audit")).click();
		this.wait.until(ExpectedConditions.urlToBe(url("/audit")));
		this.browser.findElement(By.id("text")).sendKeys("Commercials");
		new Select(this.browser.findElement(By.id("status"))).selectByValue("SETTLED");
		this.browser.findElement(By.xpath("//button[normalize-space()='Search']")).click();
		// only the finished case matches: the active demo case drops out of the results
		this.wait
			.until(ExpectedConditions.invisibilityOfElementLocated(By.linkText("SAG TV/Theatrical contract 2008")));
		this.wait.until(ExpectedConditions.elementToBeClickable(By.linkText(FINISHED_TITLE)));
		assertThat(this.browser.findElement(By.id("results")).getText()).contains("Settled", "sag-2008:1", "by staff");
		this.wait.until((driver) -> {
			driver.findElement(By.linkText(FINISHED_TITLE)).click();
			return true;
		});
		this.wait.until(ExpectedConditions.urlToBe(url("/audit/cases/" + finished.caseId())));

		// the path on the diagrams: bpmn-js draws them and marks what the trail records
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".diagram[data-drawn='true']"), 4));
		assertMarked("Task_RecordBargainingSession", "gh-interrupted");
		assertMarked("CallActivity_Ratification", "gh-visited");
		assertMarked("Event_Settled", "gh-visited");
		assertMarked("Task_CertifyResults", "gh-visited");
		assertMarked("SubProcess_Negotiation", "gh-interrupted-scope");
		// the loop: three passes through the session step, the "continue" flow taken
		WebElement count = this.browser
			.findElement(By.cssSelector("g.gh-count[data-for='Task_RecordBargainingSession'] text"));
		assertThat(count.getDomProperty("textContent")).isEqualTo("×3");
		assertMarked("Flow_SessionContinue", "gh-taken");
		assertMarked("Flow_Ratified", "gh-taken");
		assertMarked("Flow_CertifiedTally", "gh-taken");
		assertNotMarked("Flow_SessionImpasse", "gh-taken");
		assertNotMarked("Flow_RatificationRejected", "gh-taken");
		assertNotMarked("Task_IssueCredentials", "gh-visited");

		// the decisions with their explanations, and what the rules were
		assertThat(this.browser.findElement(By.cssSelector("[data-decision='ratification-vote']")).getText())
			.contains("APPROVED", "approved: 73.3% yes of 14283 votes cast > 50% required", "sag-2008:1");
		assertThat(this.browser.findElement(By.cssSelector("[data-decision='board-motion']")).getText())
			.contains("CARRIED", "quorum met with 65 of 71 seats present");
		assertThat(this.browser.findElement(By.id("rules")).getText()).contains(
				"SAG 2008: more than 75% of those voting", "Ratification of an agreement passes with yes more than 50%",
				"Screen Actors Guild strike authorization referendum", "threshold = 0.75");
		assertThat(this.browser.findElement(By.id("outcome")).getText()).contains("Settled");

		// the timeline, filtered by kind (htmx swaps the table in place)
		new Select(this.browser.findElement(By.id("kind"))).selectByValue("STEP_COMPLETED");
		this.wait.until((driver) -> driver.findElements(By.cssSelector("#timeline tr[data-kind]"))
			.stream()
			.allMatch((row) -> "STEP_COMPLETED".equals(row.getDomAttribute("data-kind"))));
		this.wait.until((driver) -> driver.findElements(By.cssSelector("#timeline tr[data-kind]")).size() == 5);
		this.wait.until((driver) -> driver.findElement(By.id("timeline")).getText().contains("10,472"));
		assertThat(this.browser.findElement(By.id("timeline")).getText()).contains("Certify results", "officer");
		new Select(this.browser.findElement(By.id("kind"))).selectByValue("");

		this.browser.executeScript("document.getElementById('path').scrollIntoView()");
		Browser.fullPageScreenshot(this.browser, "auditor-case");
	}

	/**
	 * Depends on the audit API's {@code GET /api/cases/{id}/history.csv} (another
	 * branch): skipped while that URL answers 404.
	 */
	@Test
	void theAuditorDownloadsTheCaseTrailAsCsv() throws Exception {
		AuditCase finished = finishedCase();
		signInAsAuditor();
		this.browser.get(url("/audit/cases/" + finished.caseId()));
		String href = this.wait
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[data-export='CSV']")))
			.getDomAttribute("href");
		assertThat(href).isEqualTo("/api/cases/" + finished.caseId() + "/history.csv");
		// the trail before the download (the download itself is recorded as an export)
		List<AuditEvent> events = this.trail.caseTrail(finished.caseId());
		@SuppressWarnings("unchecked")
		Map<String, Object> download = (Map<String, Object>) ((JavascriptExecutor) this.browser)
			.executeAsyncScript("var done = arguments[arguments.length - 1];"
					+ "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {"
					+ " return r.text().then(function (t) { done({status: r.status, type: r.headers.get('Content-Type'), text: t}); });"
					+ "}).catch(function (e) { done({status: -1, text: String(e)}); });", href);
		assertThat(((Number) download.get("status")).intValue()).isEqualTo(200);
		assertThat(String.valueOf(download.get("type"))).contains("csv");
		String csv = (String) download.get("text");
		// every event the case had before the download is in it, with its hash
		assertThat(events).isNotEmpty();
		for (AuditEvent event : events) {
			assertThat(csv).as("row " + event.seq() + " (" + event.kind() + ")").contains(event.hash());
		}
		assertThat(csv).contains(finished.caseId(), "CASE_STARTED", "DECISION_EVALUATED", "CASE_ENDED");
	}

	@Test
	void theAuditorSeesTheStaffPagesReadOnly() throws Exception {
		StepTask step = this.steps.open(ACTIVE_KEY, null).get(0);
		signInAsAuditor();

		this.browser.get(url("/tasks/" + step.id()));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("read-only")));
		assertThat(this.browser.findElement(By.id("read-only")).getText())
			.contains("Only members of negotiating-committee may act on this step");
		// every field of the step's form is shown disabled (the form's CSRF token aside)
		List<WebElement> fields = this.browser
			.findElements(By.cssSelector(".step-form input:not([name=_csrf]), .step-form select, .step-form textarea"));
		assertThat(fields).isNotEmpty().allSatisfy((field) -> assertThat(field.isEnabled()).isFalse());
		assertThat(buttonsOtherThanSignOut()).isEmpty();
		Browser.screenshot(this.browser, "auditor-step-read-only");

		this.browser.get(url("/cases/" + step.caseId()));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("steps-heading")));
		String page = this.browser.getPageSource();
		assertThat(page).doesNotContain("Staff actions", "/agreement", "/withdraw", "/roll", "Start a case");
		assertThat(buttonsOtherThanSignOut()).isEmpty();
	}

	private List<String> buttonsOtherThanSignOut() {
		return this.browser.findElements(By.cssSelector("main button, main input[type=submit]"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private AuditCase finishedCase() {
		List<AuditCase> found = this.trail.cases(new AuditCaseQuery(null, null, null, null, FINISHED_KEY, 10));
		assertThat(found).as("the demo data's finished case").hasSize(1);
		return found.get(0);
	}

	private void signInAsAuditor() {
		this.browser.get(url("/login"));
		this.browser.findElement(By.id("username")).sendKeys("auditor");
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		this.wait.until(ExpectedConditions.urlToBe(url("/")));
	}

	private void assertMarked(String elementId, String marker) {
		assertThat(this.browser.findElements(By.cssSelector("g[data-element-id='" + elementId + "']." + marker)))
			.as(elementId + " marked " + marker)
			.isNotEmpty();
	}

	private void assertNotMarked(String elementId, String marker) {
		assertThat(this.browser.findElements(By.cssSelector("g[data-element-id='" + elementId + "']")))
			.as(elementId + " drawn")
			.isNotEmpty()
			.noneSatisfy((element) -> assertThat(element.getDomAttribute("class")).contains(marker));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
