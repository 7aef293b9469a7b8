package org.guildhall.web.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.guildhall.web.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk-through in a real browser (headless Chromium): {@code modeler} opens
 * Variants, deploys and runs the shipped {@code members-decide} with one click, sees the
 * SANDBOX badge, the outcome (strike called, no final decision by the board) and the path
 * drawn on the diagrams; then runs the scenario again from the variant's page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-variants-browser-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class VariantsBrowserIT {

	@LocalServerPort
	int port;

	WebDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws Exception {
		this.browser = Browser.start();
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aModelerRunsMembersDecideInTheSandboxAndSeesPathAndOutcome() throws Exception {
		signIn("modeler");
		this.browser.findElement(By.linkText("Variants")).click();
		this.wait.until(ExpectedConditions.urlToBe(url("/rules/variants")));
		assertThat(this.browser.findElement(By.id("shipped-members-decide")).getText())
			.contains("members' strike authorization vote is final");
		Browser.screenshot(this.browser, "variants-list");

		// a broken upload is refused on the page, naming the problem
		Path broken = Files.createTempFile("broken-variant", ".bpmn");
		Files.writeString(broken, "this is not a BPMN file");
		this.browser.findElement(By.id("variant-name")).sendKeys("broken");
		this.browser.findElement(By.id("variant-file")).sendKeys(broken.toAbsolutePath().toString());
		this.browser.findElement(By.id("upload-variant")).click();
		this.wait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert"), "Nothing was deployed"));
		assertThat(this.browser.findElement(By.cssSelector(".alert")).getText()).contains("not well-formed XML");
		assertThat(this.browser.findElement(By.id("deployed")).getText()).contains("No variant is deployed");

		this.browser.findElement(By.id("run-members-decide")).click();
		this.wait.until(ExpectedConditions.urlMatches(".*/rules/variants/[^/]+/simulations/[^/]+$"));
		assertSimulatedStrike();
		Browser.screenshot(this.browser, "variants-simulation");

		// the variant's page: its diagram and the scenario form, run again
		this.browser.findElement(By.linkText("members-decide")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scenario")));
		this.wait
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#diagram-variant[data-drawn='true']")));
		assertThat(this.browser.findElements(By.cssSelector("g[data-element-id='CallActivity_FinalStrikeDecision']")))
			.isEmpty();
		assertThat(this.browser.findElement(By.id("simulations")).getText()).contains("Members decide: 80% approve");
		Browser.screenshot(this.browser, "variants-variant");
		this.browser.findElement(By.id("run-scenario")).click();
		this.wait.until(ExpectedConditions.urlMatches(".*/rules/variants/[^/]+/simulations/[^/]+$"));
		assertSimulatedStrike();

		// the auditor's search marks it
		this.browser.get(url("/audit?cases=sandbox"));
		assertThat(this.browser.findElements(By.cssSelector("td .badge-sandbox"))).isNotEmpty();
	}

	private void assertSimulatedStrike() {
		assertThat(this.browser.findElement(By.id("sandbox-badge")).getText()).isEqualTo("SANDBOX");
		assertThat(this.browser.findElement(By.id("simulation-status")).getText())
			.containsIgnoringCase("strike called");
		assertThat(this.browser.findElement(By.id("simulation-stop")).getText()).contains("ENDED");
		assertThat(this.browser.findElement(By.id("decisions")).getText()).contains("member-vote")
			.contains("APPROVED")
			.contains("80.0% yes")
			.doesNotContain("final-decision");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".diagram[data-drawn='true']"), 3));
		assertMarked("Event_StrikeCalled", "gh-visited");
		assertMarked("CallActivity_StrikeAuthorizationVote", "gh-visited");
		assertMarked("Flow_AuthorizationApproved", "gh-taken");
		assertMarked("Task_CertifyResults", "gh-visited");
	}

	private void assertMarked(String elementId, String marker) {
		assertThat(this.browser.findElements(By.cssSelector("g[data-element-id='" + elementId + "']." + marker)))
			.as(elementId + " marked " + marker)
			.isNotEmpty();
	}

	private void signIn(String user) {
		this.browser.get(url("/login"));
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		this.wait.until(ExpectedConditions.urlToBe(url("/")));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
