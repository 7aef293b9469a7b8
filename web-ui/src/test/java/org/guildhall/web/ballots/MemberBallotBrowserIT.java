package org.guildhall.web.ballots;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.ballots.Credential;
import org.guildhall.engine.ballots.Vote;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.tasks.StepService;
import org.guildhall.web.browser.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member in a real browser (headless Chromium) casts a ballot with the credential from
 * their voting letter and checks the receipt; the election officer then sees turnout, and
 * after the window the result, on the vote page. Same properties and profile as the
 * {@code browser} package's test, so it shares its application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-browser-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class MemberBallotBrowserIT {

	@LocalServerPort
	int port;

	@Autowired
	CaseService cases;

	@Autowired
	StepService steps;

	@Autowired
	BallotBox box;

	@Autowired
	IdentityService identity;

	@Autowired
	ManagementService management;

	WebDriver browser;

	@BeforeEach
	void openBrowser() throws Exception {
		this.browser = startBrowser();
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aMemberCastsABallotAndChecksTheReceipt() throws Exception {
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant end = start.plus(Duration.ofHours(2));
		Vote vote = BallotJobs.prepareVote(this.cases, this.steps, this.box, this.identity, "Browser ballot case", 3,
				start, end);
		List<Credential> credentials = this.box.issueCredentials(vote.id(), BallotJobs.OFFICER);
		String memberVote = this.box.processInstanceOf(vote.id());
		BallotJobs.runJob(this.management, memberVote, "Event_VotingWindowOpens",
				() -> "OPEN".equals(this.box.find(vote.id()).state()));
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));

		// a wrong credential is refused on the page, and the choice is kept
		this.browser.get(url("/vote/" + vote.id()));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cast your ballot");
		assertThat(this.browser.getPageSource()).contains("Do you authorize the national board to call a strike?");
		Browser.screenshot(this.browser, "ballot-page");
		castBallot("AAAA-BBBB-CCCC-DDDD-EEEE", "NO");
		WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ballot-error")));
		assertThat(error.getText()).startsWith("This credential is not valid for this vote.");
		assertThat(this.browser.findElement(By.cssSelector("input[name=choice][value=NO]")).isSelected()).isTrue();
		Browser.screenshot(this.browser, "ballot-page-bad-credential");
		assertThat(this.box.turnout(vote.id()).cast()).isZero();

		// the credential as typed from the letter: lower case, with spaces
		String typed = credentials.get(1).token().toLowerCase().replace("-", " ");
		castBallot(typed, "YES");
		WebElement receiptCode = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt-code")));
		String receipt = receiptCode.getText().trim();
		assertThat(receipt).matches("([A-Z2-9]{4}-){3}[A-Z2-9]{4}");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your ballot is in the box");
		// the page names no choice (the random receipt code itself may spell YES)
		assertThat(this.browser.getPageSource().replace(receipt, "")).doesNotContain("YES")
			.doesNotContain(credentials.get(1).token());
		Browser.screenshot(this.browser, "ballot-receipt");
		assertThat(this.box.turnout(vote.id()).cast()).isEqualTo(1);
		assertThat(this.box.isCounted(vote.id(), receipt)).isTrue();

		// the same credential cannot vote twice
		this.browser.get(url("/vote/" + vote.id()));
		castBallot(credentials.get(1).token(), "NO");
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ballot-error"))).getText())
			.contains("already been cast");
		assertThat(this.box.turnout(vote.id()).cast()).isEqualTo(1);

		// the receipt is in the count; a made-up one is not
		this.browser.get(url("/vote/" + vote.id() + "/receipt?code=" + receipt));
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt-result"))).getText())
			.isEqualTo("This ballot is in the count.");
		Browser.screenshot(this.browser, "ballot-receipt-check");
		WebElement code = this.browser.findElement(By.id("code"));
		code.clear();
		code.sendKeys("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
		this.browser.findElement(By.xpath("//button[normalize-space()='Check']")).click();
		wait.until(ExpectedConditions.urlContains("ZZZZ"));
		assertThat(this.browser.findElement(By.id("receipt-result")).getText())
			.isEqualTo("No ballot with this receipt is in the count for this vote.");

		// the election officer's vote page: turnout while open, never choices
		this.browser.get(url("/login"));
		this.browser.findElement(By.id("username")).sendKeys("officer");
		this.browser.findElement(By.id("password")).sendKeys("demo");
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
		wait.until(ExpectedConditions.urlToBe(url("/")));
		this.browser.get(url("/votes/" + vote.id()));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("turnout-chart")));
		assertThat(this.browser.findElement(By.id("turnout-heading")).findElement(By.xpath("..")).getText())
			.contains("1 of 3 eligible members have voted");
		assertThat(this.browser.findElements(By.id("result-heading"))).isEmpty();
		assertThat(this.browser.findElements(By.id("download-credentials"))).as("issued already").isEmpty();
		Thread.sleep(500); // the chart animates in
		Browser.screenshot(this.browser, "vote-page-open");

		// two more members vote, then the window closes and the box is counted
		this.box.cast(vote.id(), credentials.get(0).token(), "YES");
		this.box.cast(vote.id(), credentials.get(2).token(), "NO");
		ClockUtil.setCurrentTime(Date.from(end.plusSeconds(1)));
		try {
			BallotJobs.runJob(this.management, memberVote, "Event_VotingWindowCloses",
					() -> this.management.createJobQuery()
						.processInstanceId(memberVote)
						.activityId("Task_CloseBallotBox")
						.count() > 0 || this.box.result(vote.id()).isPresent());
			BallotJobs.runJob(this.management, memberVote, "Task_CloseBallotBox",
					() -> this.box.result(vote.id()).isPresent());
		}
		finally {
			ClockUtil.reset();
		}
		this.browser.get(url("/votes/" + vote.id()));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result-chart")));
		assertThat(this.browser.findElement(By.cssSelector("p.outcome")).getText()).startsWith("rejected: ");
		assertThat(this.browser.findElement(By.id("result-heading")).findElement(By.xpath("..")).getText())
			.contains("2 1 0 0 3 100.0%");
		((JavascriptExecutor) this.browser).executeScript("document.getElementById('result-heading').scrollIntoView()");
		Thread.sleep(500);
		Browser.screenshot(this.browser, "vote-page-result");
	}

	private void castBallot(String credential, String choice) {
		WebElement field = this.browser.findElement(By.id("credential"));
		field.clear();
		field.sendKeys(credential);
		this.browser.findElement(By.cssSelector("input[name=choice][value=" + choice + "]")).click();
		WebElement confirm = this.browser.findElement(By.cssSelector("input[type=checkbox][name=confirm]"));
		if (!confirm.isSelected()) {
			confirm.click();
		}
		this.browser.findElement(By.xpath("//button[normalize-space()='Cast my ballot']")).click();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static WebDriver startBrowser() throws IOException {
		return Browser.start();
	}

}
