package org.guildhall.web.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: Selenium is pointed
 * at both binaries so it never tries to download a browser or a driver.
 */
public final class Browser {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private Browser() {
	}

	public static WebDriver start() throws IOException {
		if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
			throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver at " + CHROMIUM
					+ " and " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver; .ci/run does this)");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000",
				"--user-data-dir=" + Files.createTempDirectory("guildhall-chromium"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		return driver;
	}

	/**
	 * Saves a screenshot of the whole page, not just the window (at most 8000 pixels
	 * high), under {@code target/screenshots/}.
	 */
	public static Path fullPageScreenshot(ChromeDriver driver, String name) throws IOException {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Path file = dir.resolve(name + ".png");
		Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth");
		Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width",
						width.intValue(), "height", Math.min(height.intValue(), 8000), "scale", 1)));
		Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
		return file;
	}

	/** Saves a screenshot under {@code target/screenshots/}. */
	public static Path screenshot(WebDriver driver, String name) throws IOException {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Path file = dir.resolve(name + ".png");
		Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		return file;
	}

}
