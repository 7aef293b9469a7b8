package org.guildhall.web.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The build's class data sharing training start ({@code web-ui/pom.xml}, README "Starting
 * faster"): with {@code guildhall.class-data-training=true} the demo application, once
 * ready, asks itself for a few pages as the demo users would and exits, so that
 * {@code -XX:ArchiveClassesAtExit} archives the classes of a whole first start — the
 * demo's seeding and the first requests included, which Spring's
 * {@code spring.context.exit=onRefresh} stops short of. It exits with status 1 if a page
 * does not answer 200, which fails the build.
 */
@Component
@Profile("demo")
class ClassDataTraining {

	/** The pages asked for: who asks (null: nobody signed in) and the path. */
	private static final List<Page> PAGES = List.of(new Page(null, "/login"), new Page(DemoUser.STAFF, "/"),
			new Page(DemoUser.AUDITOR, "/audit"), new Page(DemoUser.MODELER, "/rules"));

	private static final Logger log = LoggerFactory.getLogger(ClassDataTraining.class);

	/**
	 * Does its work only when the start sets {@code guildhall.class-data-training=true}:
	 * read here rather than made a condition on the bean, because the training start uses
	 * the ahead-of-time code, in which conditions were settled at build time.
	 */
	@EventListener
	void ready(ApplicationReadyEvent event) {
		if (!event.getApplicationContext()
			.getEnvironment()
			.getProperty("guildhall.class-data-training", Boolean.class, false)) {
			return;
		}
		int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
		int status = 0;
		for (Page page : PAGES) {
			int answer = page.request(port);
			if (answer != 200) {
				log.error("Training start: {} answered {}", page.path(), answer);
				status = 1;
			}
		}
		int exit = status;
		System.exit(SpringApplication.exit(event.getApplicationContext(), () -> exit));
	}

	private record Page(DemoUser user, String path) {

		int request(int port) {
			try {
				HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + this.path)
					.toURL()
					.openConnection();
				if (this.user != null) {
					String credentials = this.user.id() + ":" + DemoUser.PASSWORD;
					connection.setRequestProperty("Authorization", "Basic "
							+ Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
				}
				try (InputStream body = connection.getResponseCode() < 400 ? connection.getInputStream()
						: connection.getErrorStream()) {
					if (body != null) {
						body.readAllBytes();
					}
				}
				return connection.getResponseCode();
			}
			catch (IOException ex) {
				log.error("Training start: {} failed", this.path, ex);
				return -1;
			}
		}

	}

}
