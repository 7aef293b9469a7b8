package org.guildhall.web.browser;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A board secretary in a real browser (headless Chromium): signs in, opens the board step
 * from the home page, completes it through the form, and sees the case page draw the next
 * step as current.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-browser-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class BoardSecretaryBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	CaseService cases;

	@Autowired
	IdentityService identity;

	WebDriver browser;

	@BeforeEach
	void openBrowser() throws Exception {
		this.browser = Browser.start();
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void theSecretaryRecordsAResolutionAndTheCaseMovesOn() throws Exception {
		this.identity.setAuthentication("staff", List.of("guild-staff"));
		StartedCase started;
		try {
			started = this.cases.start(new NewCase("Browser case", "Commercials contract", "Advertisers",
					LocalDate.of(2009, 3, 31), null, "sag-2008"));
		}
		finally {
			this.identity.clearAuthentication();
		}
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));

		this.browser.get(url("/login"));
		this.browser.findElement(By.id("username")).sendKeys("secretary");
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		wait.until(ExpectedConditions.urlToBe(url("/")));

		WebElement stepLink = wait.until(ExpectedConditions.elementToBeClickable(
				By.xpath("//a[contains(@href, '/tasks/')][ancestor::*[contains(., 'Browser case')]]")));
		stepLink.click();
		wait.until(ExpectedConditions.urlContains("/tasks/"));
		Browser.screenshot(this.browser, "board-step-form");

		this.browser.findElement(By.cssSelector("input[name=resolution][value=SEEK_MEDIATION]")).click();
		type("votesFor", "48");
		type("votesAgainst", "14");
		type("abstentions", "2");
		type("membersPresent", "64");
		type("seats", "71");
		WebElement delegation = this.browser
			.findElement(By.cssSelector("input[type=checkbox][name=committeeMayCallVote]"));
		if (!delegation.isSelected()) {
			delegation.click();
		}
		type("minutes", "Seek a federal mediator; the committee may call the member vote if talks fail.");
		this.browser.findElement(By.xpath("//button[normalize-space()='Complete the step']")).click();

		wait.until(ExpectedConditions.urlToBe(url("/cases/" + started.id())));
		assertThat(this.browser.getPageSource()).contains("Step completed");
		WebElement current = wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("g[data-element-id='Task_RecordBargainingSession'].gh-active")));
		assertThat(current).isNotNull();
		assertThat(this.browser
			.findElements(By.cssSelector("g[data-element-id='CallActivity_BoardDeliberation'].gh-completed")))
			.isNotEmpty();
		assertThat(this.browser.findElements(By.cssSelector("g[data-element-id='CallActivity_Bargaining'].gh-active")))
			.isNotEmpty();
		Browser.screenshot(this.browser, "case-after-board-step");
		assertThat(this.cases.find(started.id()).summary().activeSteps()).extracting((step) -> step.stepKey())
			.containsExactly("Task_RecordBargainingSession");
		assertThat(Set.of(this.cases.find(started.id()).timeline().get(0).actor())).containsExactly("secretary");
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
