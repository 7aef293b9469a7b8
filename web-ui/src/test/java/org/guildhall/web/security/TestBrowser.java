package org.guildhall.web.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for sign-in tests over real HTTP: cookies kept, redirects not followed, HTML
 * accepted; signs in with the form (and its CSRF token) or to Camunda's webapps as their
 * pages do, and sends HTTP Basic requests as an API client would.
 */
class TestBrowser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final int port;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	TestBrowser(int port) {
		this.port = port;
	}

	HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
		HttpResponse<String> form = get("/login");
		assertThat(form.statusCode()).isEqualTo(200);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("username", user);
		fields.put("password", password);
		fields.put("_csrf", csrf(form));
		return post("/login", fields);
	}

	/**
	 * Signs in to one of Camunda's webapps as its page does: the page first (for
	 * Camunda's CSRF cookie), then the login call with the token in a header.
	 */
	HttpResponse<String> camundaSignIn(String app, String user, String password)
			throws IOException, InterruptedException {
		assertThat(get("/camunda/app/" + app + "/default/").statusCode()).isEqualTo(200);
		String token = xsrfToken();
		return this.client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
			.header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
			.header("X-XSRF-TOKEN", token)
			.POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Signs out of Camunda's webapps as their pages do: a page first (the sign-in gave
	 * the session a new id and with it a new CSRF token), then the logout call with the
	 * token in a header.
	 */
	HttpResponse<String> camundaSignOut() throws IOException, InterruptedException {
		assertThat(get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
		return this.client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/logout"))
			.header("X-XSRF-TOKEN", xsrfToken())
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A JSON request with HTTP Basic credentials, as an API client sends it. */
	HttpResponse<String> basic(String user, String password, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header(HttpHeaders.ACCEPT, "application/json")
			.header(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder()
						.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(path, "text/html");
	}

	HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(path)).header(HttpHeaders.ACCEPT, accept).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
		String body = fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return this.client.send(HttpRequest.newBuilder(uri(path))
			.header(HttpHeaders.ACCEPT, "text/html")
			.header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The CSRF token of a page's form. */
	static String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as("a CSRF token in " + page.uri()).isTrue();
		return matcher.group(1);
	}

	private String xsrfToken() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse("");
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
