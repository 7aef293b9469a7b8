package org.guildhall.web.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input corpus: one table of malformed, oversized, mistyped and malicious
 * requests to every part of {@code /api} that takes input (rolls, ballots, cases, steps,
 * rule sets and their DMN uploads, the evaluate endpoint), run as one test that collects
 * every failure before it reports. Each case must answer 4xx (never 2xx, never 5xx) with
 * an RFC 9457 problem detail whose {@code detail} says what is wrong, and must store
 * nothing: the row counts of Guildhall's tables ({@code gh_*}, {@code audit_*}) and of
 * Camunda's runtime tables ({@code ACT_RU_*}), {@code ACT_RE_DEPLOYMENT} and the process
 * history, and a hash of their contents where that is cheap, are the same before and
 * after.
 * <p>
 * Excluded from the comparison, on purpose: {@code audit_event} rows of kind
 * {@code LOGIN}, {@code LOGIN_FAILED} and {@code LOGOUT} (every HTTP Basic request is a
 * sign-in and is audited) and therefore {@code audit_chain_head}, which moves with them;
 * Camunda's metric tables ({@code ACT_RU_METER_LOG}, {@code ACT_RU_TASK_METER_LOG}),
 * written by the engine on its own schedule; and the contents (not the count) of
 * {@code ACT_RU_JOB}, whose lock columns the job executor updates while it looks for due
 * jobs.
 * <p>
 * Free text with script tags is not refused (it is text), but rendered escaped:
 * {@link EscapedFreeTextIT}. Same properties and profile as the other integration tests,
 * so the application context is shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:guildhall-api-it;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
class HostileInputIT {

	static final String JSON = "application/json";

	static final String CSV = "text/csv";

	static final String FORMULA = "=cmd|' /C calc'!A0";

	static final int MB = 1024 * 1024;

	private static final ObjectMapper MAPPER = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ManagementService management;

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@Test
	void everyHostileInputIsRefusedWithAProblemDetailAndNothingIsStored() throws Exception {
		Fixtures fixtures = fixtures();
		List<Case> corpus = corpus(fixtures);
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(60);
		assertThat(corpus.stream().map(Case::name).distinct().count()).as("case names are unique")
			.isEqualTo(corpus.size());

		assertThat(snapshot()).as("the tables compared")
			.containsKeys("GH_ROLL_UPLOAD", "GH_VOTE", "GH_BALLOT", "GH_VOTER_MARK", "GH_RULE_SET_VERSION",
					"AUDIT_EVENT", "AUDIT_CASE", "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_JOB",
					"ACT_RE_DEPLOYMENT", "ACT_HI_PROCINST");

		List<String> failures = new ArrayList<>();
		for (Case hostile : corpus) {
			Map<String, String> before = snapshot();
			String outcome;
			try {
				HttpResponse<byte[]> response = this.client.send(hostile.request(this.http.getRootUri()),
						HttpResponse.BodyHandlers.ofByteArray());
				outcome = check(hostile, response);
			}
			catch (IOException ex) {
				outcome = "no answer: " + ex;
			}
			Map<String, String> after = snapshot();
			if (!before.equals(after)) {
				outcome = ((outcome != null) ? outcome + "; " : "") + "stored something: " + changes(before, after);
			}
			if (outcome != null) {
				failures.add(hostile.name() + " (" + hostile.method() + " " + hostile.path() + " as " + hostile.user()
						+ "): " + outcome);
			}
		}
		assertThat(failures).as("cases of %d that were not refused cleanly", corpus.size()).isEmpty();
	}

	/**
	 * The table: every group of cases. Add rows for a new endpoint in a new group (or an
	 * existing one) and list it here.
	 */
	static List<Case> corpus(Fixtures f) {
		List<Case> corpus = new ArrayList<>();
		corpus.addAll(rolls(f));
		corpus.addAll(ballots(f));
		corpus.addAll(caseStarts(f));
		corpus.addAll(steps(f));
		corpus.addAll(dmnUploads());
		corpus.addAll(ruleSetParameters());
		corpus.addAll(evaluations());
		corpus.addAll(protocol(f));
		corpus.addAll(processVariantUploads(f));
		return corpus;
	}

	/** Eligibility rolls, {@code POST /api/cases/{id}/roll} as the election officer. */
	static List<Case> rolls(Fixtures f) {
		String path = "/api/cases/" + f.caseId() + "/roll";
		String header = "memberId,name,goodStanding\n";
		List<Case> rows = new ArrayList<>();
		rows.add(roll("roll without a header", path, "M1,Ann,true\nM2,Bob,true\n", "header must be exactly"));
		rows.add(roll("roll with wrong column names", path, "id,fullName,standing\nM1,Ann,true\n",
				"header must be exactly"));
		rows.add(roll("roll with columns in another order", path, "name,memberId,goodStanding\nAnn,M1,true\n",
				"header must be exactly"));
		rows.add(roll("roll row with a fourth value", path, header + "M1,Ann,true,extra\n", "expected 3 values"));
		rows.add(roll("roll row with two values", path, header + "M1,Ann\n", "expected 3 values"));
		rows.add(roll("empty roll", path, "", null));
		rows.add(roll("roll of only a header", path, header, "no members"));
		rows.add(roll("roll of only blank lines after the header", path, header + "\n\n\n", "no members"));
		rows.add(roll("roll with a duplicate member id", path, header + "M1,Ann,true\nM2,Bob,true\nM1,Ann,false\n",
				"appears twice"));
		rows.add(roll("roll with a duplicate member id differing in spaces", path,
				header + "M1,Ann,true\n M1 ,Ann again,true\n", "appears twice"));
		rows.add(new Case("roll in ISO-8859-1 (not UTF-8)", "POST", path, "officer", CSV,
				(header + "M1,M\u00fcller,true\n").getBytes(StandardCharsets.ISO_8859_1), 400, 400, "UTF-8"));
		rows.add(new Case("roll in UTF-16 with a byte order mark", "POST", path, "officer", CSV,
				(header + "M1,Ann,true\n").getBytes(StandardCharsets.UTF_16), 400, 400, null));
		rows.add(roll("roll with a NUL byte in a name", path, header + "M1,Ann\u0000Smith,true\n", "control"));
		rows.add(roll("roll with a NUL byte in a member id", path, header + "M\u00001,Ann,true\n", "member id"));
		rows.add(roll("roll with a byte order mark inside a row", path, header + "M1,Ann,true\n\uFEFFM2,Bob,true\n",
				"member id"));
		rows.add(roll("roll with a lone carriage return inside a row", path,
				header + "M1,Ann,true\r\nM2,Bob\rSmith,true\n", "expected 3 values"));
		rows.add(roll("roll with a quoted line break in a name", path, header + "M1,\"Ann\r\nSmith\",true\n",
				"control"));
		rows.add(roll("roll with an unterminated quote", path, header + "M1,\"Ann,true\nM2,Bob,true\n", null));
		rows.add(roll("roll with a formula as member id", path, header + FORMULA.replace(",", "") + ",Ann,true\n",
				"member id"));
		rows.add(roll("roll with a formula as name", path, header + "M1,\"" + FORMULA + "\",true\n", "formula"));
		rows.add(roll("roll with a name starting with @", path, header + "M1,@SUM(A1:A9),true\n", "formula"));
		rows.add(roll("roll with a name starting with + after a tab", path, header + "M1,\"\t+1\",true\n", "formula"));
		rows.add(roll("roll with goodStanding maybe", path, header + "M1,Ann,maybe\n", "goodStanding"));
		rows.add(roll("roll with a 65-character member id", path, header + "M" + "1".repeat(64) + ",Ann,true\n",
				"member id"));
		rows.add(roll("roll with a 201-character name", path, header + "M1," + "A".repeat(201) + ",true\n",
				"1-200 characters"));
		StringBuilder big = new StringBuilder(header);
		int line = 1;
		while (big.length() < MB + 100_000) {
			line++;
			big.append(String.format("M%07d,Member number %d,true%n", line, line));
		}
		big.append("M0000002,Member number 2 again,true\n");
		rows.add(roll("1 MB+ roll with a duplicate on its last line", path, big.toString(), "appears twice"));
		byte[] huge = new byte[20 * MB + 7];
		byte[] pattern = "M1234567,Someone with a long enough name,true\n".getBytes(StandardCharsets.UTF_8);
		System.arraycopy(header.getBytes(StandardCharsets.UTF_8), 0, huge, 0, header.length());
		for (int i = header.length(); i < huge.length; i++) {
			huge[i] = pattern[(i - header.length()) % pattern.length];
		}
		rows.add(new Case("20 MB roll", "POST", path, "officer", CSV, huge, 413, 413, "at most"));
		StringBuilder unique = new StringBuilder(header);
		for (int i = 0; unique.length() < 20 * MB; i++) {
			unique.append("U").append(i).append(",Someone with a long enough name,true\n");
		}
		rows.add(new Case("20 MB roll of distinct members without a length (chunked)", "POST", path, "officer", CSV,
				unique.toString().getBytes(StandardCharsets.UTF_8), 413, 413, "at most", true));
		rows.add(new Case("roll sent as JSON", "POST", path, "officer", JSON,
				"{\"memberId\":\"M1\"}".getBytes(StandardCharsets.UTF_8), 415, 415, null));
		rows.add(new Case("roll for an unknown case", "POST", "/api/cases/no-such-case/roll", "officer", CSV,
				(header + "M1,Ann,true\n").getBytes(StandardCharsets.UTF_8), 404, 404, "no-such-case"));
		return rows;
	}

	/** Ballots, {@code POST /api/votes/{id}/ballots} without an account. */
	static List<Case> ballots(Fixtures f) {
		String path = "/api/votes/" + f.voteId() + "/ballots";
		String credential = f.credential();
		List<Case> rows = new ArrayList<>();
		rows.add(ballot("ballot with a number as credential", path, "{\"credential\":123456,\"choice\":\"YES\"}",
				"credential"));
		rows.add(ballot("ballot with a boolean as choice", path,
				"{\"credential\":\"" + credential + "\",\"choice\":true}", "choice"));
		rows.add(ballot("ballot with an unknown choice", path,
				"{\"credential\":\"" + credential + "\",\"choice\":\"MAYBE\"}", "choice must be"));
		rows.add(ballot("ballot with a list as choice", path,
				"{\"credential\":\"" + credential + "\",\"choice\":[\"YES\"]}", "choice"));
		rows.add(ballot("ballot without a choice", path, "{\"credential\":\"" + credential + "\"}", "choice"));
		rows.add(ballot("ballot without a credential", path, "{\"choice\":\"YES\"}", "credential"));
		rows.add(ballot("ballot with a 100,000-character credential", path,
				"{\"credential\":\"" + "A".repeat(100_000) + "\",\"choice\":\"YES\"}", "credential"));
		rows.add(ballot("ballot as an array", path, "[{\"credential\":\"" + credential + "\",\"choice\":\"YES\"}]",
				"JSON object"));
		rows.add(ballot("ballot with an unknown property", path,
				"{\"credential\":\"" + credential + "\",\"choice\":\"YES\",\"weight\":1000}", "weight"));
		rows.add(ballot("ballot with trailing garbage", path,
				"{\"credential\":\"" + credential + "\",\"choice\":\"YES\"} {\"choice\":\"NO\"}", null));
		rows.add(ballot("ballot that is not JSON", path, "credential=" + credential + "&choice=YES", "JSON"));
		rows.add(new Case("ballot as text/plain", "POST", path, "anonymous", "text/plain",
				("{\"credential\":\"" + credential + "\",\"choice\":\"YES\"}").getBytes(StandardCharsets.UTF_8), 415,
				415, null));
		byte[] tenMegabytes = ("{\"credential\":\"" + credential + "\",\"choice\":\"YES\",\"padding\":\""
				+ " ".repeat(10 * MB) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		rows.add(new Case("10 MB ballot", "POST", path, "anonymous", JSON, tenMegabytes, 413, 413, "at most"));
		rows.add(new Case("10 MB credential without a length (chunked)", "POST", path, "anonymous", JSON,
				("{\"choice\":\"YES\",\"credential\":\"" + "A".repeat(10 * MB) + "\"}")
					.getBytes(StandardCharsets.UTF_8),
				413, 413, "at most", true));
		rows.add(new Case("ballot for an unknown vote", "POST", "/api/votes/no-such-vote/ballots", "anonymous", JSON,
				"{\"credential\":\"AAAA-BBBB-CCCC-DDDD-EEEE\",\"choice\":\"YES\"}".getBytes(StandardCharsets.UTF_8),
				404, 404, "no-such-vote"));
		return rows;
	}

	/** Starting a case, {@code POST /api/cases} as guild staff. */
	static List<Case> caseStarts(Fixtures f) {
		String path = "/api/cases";
		List<Case> rows = new ArrayList<>();
		rows.add(json("case without a title", path, "staff", "{\"ruleSet\":\"sag-2008\"}", "title"));
		rows.add(json("case with a blank title", path, "staff", "{\"title\":\"   \",\"ruleSet\":\"sag-2008\"}",
				"title"));
		rows.add(json("case with a 201-character title", path, "staff",
				"{\"title\":\"" + "T".repeat(201) + "\",\"ruleSet\":\"sag-2008\"}", "title"));
		rows.add(json("case with a NUL in its title", path, "staff",
				"{\"title\":\"Hostile\\u0000case\",\"ruleSet\":\"sag-2008\"}", "control"));
		rows.add(json("case with a number as title", path, "staff", "{\"title\":2008,\"ruleSet\":\"sag-2008\"}",
				"title"));
		rows.add(json("case with a list as title", path, "staff", "{\"title\":[\"a\"],\"ruleSet\":\"sag-2008\"}",
				"title"));
		rows.add(json("case under an unknown rule set", path, "staff",
				"{\"title\":\"Hostile unknown rules\",\"ruleSet\":\"fifty-five\"}", "fifty-five"));
		rows.add(json("case without a rule set", path, "staff", "{\"title\":\"Hostile no rules\"}", "ruleSet"));
		rows.add(json("case with an object as rule set", path, "staff",
				"{\"title\":\"Hostile\",\"ruleSet\":{\"key\":\"sag-2008\"}}", "ruleSet"));
		rows.add(json("case with expiry date 2026-02-30", path, "staff",
				"{\"title\":\"Hostile date\",\"ruleSet\":\"sag-2008\",\"expiryDate\":\"2026-02-30\"}", "expiryDate"));
		rows.add(json("case with expiry date in year 99999", path, "staff",
				"{\"title\":\"Hostile year\",\"ruleSet\":\"sag-2008\",\"expiryDate\":\"+99999-06-30\"}", "expiryDate"));
		rows.add(json("case with a number as expiry date", path, "staff",
				"{\"title\":\"Hostile epoch\",\"ruleSet\":\"sag-2008\",\"expiryDate\":20080630}", "expiryDate"));
		rows.add(json("case with a 501-character contract", path, "staff",
				"{\"title\":\"Hostile contract\",\"ruleSet\":\"sag-2008\",\"contract\":\"" + "C".repeat(501) + "\"}",
				"contract"));
		rows.add(json("case with an unknown property", path, "staff",
				"{\"title\":\"Hostile status\",\"ruleSet\":\"sag-2008\",\"status\":\"SETTLED\"}", "status"));
		rows.add(json("case with a duplicated property", path, "staff",
				"{\"title\":\"Hostile one\",\"title\":\"Hostile two\",\"ruleSet\":\"sag-2008\"}", "title"));
		rows.add(json("case with trailing garbage", path, "staff",
				"{\"title\":\"Hostile trailing\",\"ruleSet\":\"sag-2008\"} trailing", null));
		rows.add(json("case body cut short", path, "staff", "{\"title\":\"Hostile cut\",\"ruleSet\":\"sag-", "JSON"));
		rows.add(json("case body null", path, "staff", "null", null));
		rows.add(new Case("case without a body", "POST", path, "staff", JSON, new byte[0], 400, 400, "body"));
		rows.add(new Case("case as XML", "POST", path, "staff", "application/xml",
				"<case><title>Hostile</title></case>".getBytes(StandardCharsets.UTF_8), 415, 415, null));
		byte[] twoMegabytes = ("{\"title\":\"Hostile big\",\"ruleSet\":\"sag-2008\",\"contract\":\""
				+ "x".repeat(2 * MB) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		rows.add(new Case("2 MB case", "POST", path, "staff", JSON, twoMegabytes, 413, 413, "at most"));
		rows.add(json("withdrawal with a NUL in its reason", "/api/cases/" + f.caseId() + "/withdraw", "staff",
				"{\"reason\":\"because\\u0000\"}", "control"));
		rows.add(json("withdrawal with a 2001-character reason", "/api/cases/" + f.caseId() + "/withdraw", "staff",
				"{\"reason\":\"" + "r".repeat(2001) + "\"}", "reason"));
		return rows;
	}

	/** Completing the board's step, {@code POST /api/tasks/{id}/complete}. */
	static List<Case> steps(Fixtures f) {
		String path = "/api/tasks/" + f.boardStep() + "/complete";
		Function<String, String> motion = HostileInputIT::motion;
		List<Case> rows = new ArrayList<>();
		rows.add(step("negative count", path, motion.apply("\"votesAgainst\":-1"), "at least 0"));
		rows.add(step("count of Long.MAX_VALUE + 1", path, motion.apply("\"votesFor\":9223372036854775808"),
				"whole number"));
		rows.add(step("count of 1e400", path, motion.apply("\"votesFor\":1e400"), "votesFor"));
		rows.add(step("counts whose sum overflows", path,
				"{\"resolution\":\"CALL_AUTHORIZATION_VOTE\",\"votesFor\":9223372036854775807,"
						+ "\"votesAgainst\":9223372036854775807,\"abstentions\":2,"
						+ "\"membersPresent\":9223372036854775807,\"seats\":9223372036854775807}",
				"too large"));
		rows.add(step("count as words", path, motion.apply("\"votesFor\":\"forty-eight\""), "whole number"));
		rows.add(step("count with a fraction", path, motion.apply("\"votesFor\":47.5"), "whole number"));
		rows.add(step("count in hexadecimal", path, motion.apply("\"votesFor\":\"0x30\""), "whole number"));
		rows.add(step("count as an object", path, motion.apply("\"votesFor\":{\"n\":48}"), "votesFor"));
		rows.add(
				step("meeting date 2026-02-30", path, motion.apply("\"meetingDate\":\"2026-02-30\""), "ISO-8601 date"));
		rows.add(step("meeting date in year 99999", path, motion.apply("\"meetingDate\":\"+99999-10-19\""),
				"meetingDate"));
		rows.add(step("meeting date in year 0", path, motion.apply("\"meetingDate\":\"0000-10-19\""), "meetingDate"));
		rows.add(step("meeting date as a number", path, motion.apply("\"meetingDate\":1224374400000"), "meetingDate"));
		rows.add(step("unknown resolution", path, motion.apply("\"resolution\":\"STRIKE_NOW\""), "must be one of"));
		rows.add(step("unknown field", path, motion.apply("\"quorum\":true"), "not a field"));
		rows.add(step("boolean as maybe", path, motion.apply("\"committeeMayCallVote\":\"maybe\""), "true or false"));
		rows.add(step("minutes of 10,001 characters", path, motion.apply("\"minutes\":\"" + "m".repeat(10_001) + "\""),
				"at most 10000"));
		rows.add(step("minutes with a NUL", path, motion.apply("\"minutes\":\"agreed\\u0000\""), "control"));
		rows.add(step("minutes as an object", path, motion.apply("\"minutes\":{\"text\":\"agreed\"}"), "text"));
		rows.add(step("step body as an array", path, "[1,2]", "JSON object"));
		rows.add(step("step body as a string", path, "\"CALL_AUTHORIZATION_VOTE\"", "JSON object"));
		rows.add(step("step body with trailing garbage", path, motion.apply("\"minutes\":\"ok\"") + "]", null));
		rows.add(step("step body with a duplicated field", path,
				motion.apply("\"minutes\":\"ok\"").replace("\"seats\":71", "\"seats\":71,\"seats\":1"), "Duplicate"));
		rows.add(new Case("step body as form fields", "POST", path, "secretary", "application/x-www-form-urlencoded",
				"resolution=CALL_AUTHORIZATION_VOTE&votesFor=48".getBytes(StandardCharsets.UTF_8), 415, 415, null));
		return rows;
	}

	/**
	 * The board's valid values with {@code changed} ({@code "field":value}, raw JSON)
	 * replacing or adding one field.
	 */
	static String motion(String changed) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("resolution", "\"CALL_AUTHORIZATION_VOTE\"");
		fields.put("votesFor", "48");
		fields.put("votesAgainst", "14");
		fields.put("abstentions", "2");
		fields.put("membersPresent", "64");
		fields.put("seats", "71");
		int colon = changed.indexOf(':');
		fields.put(changed.substring(1, colon - 1), changed.substring(colon + 1));
		return fields.entrySet()
			.stream()
			.map((field) -> "\"" + field.getKey() + "\":" + field.getValue())
			.collect(Collectors.joining(",", "{", "}"));
	}

	/**
	 * Rule-set DMN uploads, {@code POST /api/rule-sets} (multipart) as a rules modeler.
	 */
	static List<Case> dmnUploads() {
		String dmn = shippedDmn();
		List<Case> rows = new ArrayList<>();
		rows.add(upload("DMN that is not XML", "hostile-text", "this is not XML at all", "not a DMN document"));
		rows.add(upload("empty DMN", "hostile-empty", "", "empty"));
		rows.add(upload("DMN with an external entity (XXE)", "hostile-xxe",
				"<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
						+ dmn.substring(dmn.indexOf("<definitions"))
							.replace("<description>Screen Actors Guild", "<description>&xxe; Screen Actors Guild"),
				"DOCTYPE"));
		StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
		for (int i = 1; i <= 9; i++) {
			laughs.append("<!ENTITY lol").append(i).append(" \"");
			laughs.append(("&lol" + ((i == 1) ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">");
		}
		laughs.append("]>\n<lolz>&lol9;</lolz>");
		rows.add(upload("DMN with a billion laughs", "hostile-laughs", laughs.toString(), "DOCTYPE"));
		rows.add(upload("DMN with a harmless DOCTYPE", "hostile-doctype",
				"<?xml version=\"1.0\"?>\n<!DOCTYPE definitions>\n" + dmn.substring(dmn.indexOf("<definitions")),
				"DOCTYPE"));
		rows.add(upload("DMN with a JUEL input expression", "hostile-juel", dmn.replace(
				"<inputExpression id=\"MemberVote_Expr_VotesCast\" typeRef=\"long\"><text>yes + no</text>",
				"<inputExpression id=\"MemberVote_Expr_VotesCast\" typeRef=\"long\" expressionLanguage=\"juel\">"
						+ "<text>${yes + no}</text>"),
				"only FEEL"));
		rows.add(upload("DMN with JUEL as its expression language", "hostile-juel-all",
				dmn.replace("id=\"ruleset-sag-2008\"", "id=\"ruleset-sag-2008\" expressionLanguage=\"juel\""),
				"only FEEL"));
		rows.add(upload("DMN with a renamed decision id", "hostile-ids",
				dmn.replace("<decision id=\"member-vote\"", "<decision id=\"member-votes\""), "member-vote"));
		rows.add(
				upload("DMN without an explanation output", "hostile-outputs",
						dmn.replace("id=\"MemberVote_Output_Explanation\" label=\"Explanation\" name=\"explanation\"",
								"id=\"MemberVote_Output_Explanation\" label=\"Explanation\" name=\"why\""),
						"explanation"));
		rows.add(upload("DMN without a history time to live", "hostile-ttl",
				dmn.replace("camunda:versionTag=\"sag-2008:1\" camunda:historyTimeToLive=\"P3650D\">",
						"camunda:versionTag=\"sag-2008:1\">"),
				"History Time To Live"));
		rows.add(upload("DMN that is cut short", "hostile-cut", dmn.substring(0, dmn.length() / 2), null));
		rows.add(upload("2 MB DMN", "hostile-big", dmn.replace("<description>Screen Actors Guild",
				"<description>" + "x".repeat(2 * MB) + " Screen Actors Guild"), "1 MB"));
		rows.add(new Case("DMN upload with a bad key", "POST", "/api/rule-sets", "modeler", Multipart.CONTENT_TYPE,
				Multipart.of("../../etc", "Hostile", "Hostile citation", dmn), 400, 400, "key"));
		rows.add(new Case("DMN upload without the file part", "POST", "/api/rule-sets", "modeler",
				Multipart.CONTENT_TYPE, Multipart.withoutFile("hostile-nofile"), 400, 400, "file"));
		return rows;
	}

	/**
	 * Rule sets from parameters, {@code POST /api/rule-sets} (JSON) as a rules modeler.
	 */
	static List<Case> ruleSetParameters() {
		Function<String, String> set = (memberVote) -> "{\"key\":\"hostile-params\",\"name\":\"Hostile\","
				+ "\"citation\":\"Hostile bylaw\",\"memberVote\":{" + memberVote + "}}";
		String valid = "\"threshold\":0.6,\"comparator\":\">\",\"base\":\"VOTES_CAST\",\"windowMaxDays\":45";
		List<Case> rows = new ArrayList<>();
		rows.add(json("threshold above 1", "/api/rule-sets", "modeler", set.apply(valid.replace("0.6", "1.5")),
				"threshold"));
		rows.add(json("negative threshold", "/api/rule-sets", "modeler", set.apply(valid.replace("0.6", "-0.1")),
				"threshold"));
		rows.add(json("threshold NaN as text", "/api/rule-sets", "modeler", set.apply(valid.replace("0.6", "\"NaN\"")),
				"threshold"));
		rows.add(json("threshold NaN as a bare word", "/api/rule-sets", "modeler",
				set.apply(valid.replace("0.6", "NaN")), null));
		rows.add(json("threshold 1e400", "/api/rule-sets", "modeler", set.apply(valid.replace("0.6", "1e400")),
				"threshold"));
		rows.add(json("threshold 2/0", "/api/rule-sets", "modeler", set.apply(valid.replace("0.6", "\"2/0\"")),
				"threshold"));
		rows.add(json("comparator junk", "/api/rule-sets", "modeler",
				set.apply(valid.replace("\">\"", "\"=>; drop table\"")), "comparator"));
		rows.add(json("unknown base", "/api/rule-sets", "modeler", set.apply(valid.replace("VOTES_CAST", "EVERYONE")),
				"base"));
		rows.add(json("window of 99999 days", "/api/rule-sets", "modeler", set.apply(valid.replace("45", "99999")),
				"windowMaxDays"));
		rows.add(json("negative window", "/api/rule-sets", "modeler", set.apply(valid.replace("45", "-1")),
				"windowMaxDays"));
		rows.add(json("rule-set key with a path", "/api/rule-sets", "modeler",
				set.apply(valid).replace("hostile-params", "../sag-2008"), "key"));
		rows.add(json("rule-set name of 201 characters", "/api/rule-sets", "modeler",
				set.apply(valid).replace("\"Hostile\"", "\"" + "N".repeat(201) + "\""), "name"));
		rows.add(json("rule-set citation with a NUL", "/api/rule-sets", "modeler",
				set.apply(valid).replace("Hostile bylaw", "Hostile\\u0000bylaw"), "control"));
		rows.add(
				json("rule set as an array", "/api/rule-sets", "modeler", "[" + set.apply(valid) + "]", "JSON object"));
		return rows;
	}

	/** Trying a decision, {@code POST /api/rule-sets/{key}/evaluate}. */
	static List<Case> evaluations() {
		String path = "/api/rule-sets/sag-2008/evaluate";
		List<Case> rows = new ArrayList<>();
		rows.add(json("evaluate a negative count", path, "auditor",
				"{\"decision\":\"member-vote\",\"yes\":-1,\"no\":1,\"abstain\":0,\"spoiled\":0,\"eligible\":9}",
				"negative"));
		rows.add(json("evaluate a count of 2^64 + 1", path, "auditor",
				"{\"decision\":\"member-vote\",\"yes\":18446744073709551617,\"no\":1,\"abstain\":0,\"spoiled\":0,"
						+ "\"eligible\":9}",
				"yes"));
		rows.add(json("evaluate a count of Long.MAX_VALUE", path, "auditor",
				"{\"decision\":\"member-vote\",\"yes\":9223372036854775807,\"no\":1,\"abstain\":0,\"spoiled\":0,"
						+ "\"eligible\":9223372036854775807}",
				"large"));
		rows.add(json("evaluate a count as text", path, "auditor",
				"{\"decision\":\"member-vote\",\"yes\":\"5\",\"no\":1,\"abstain\":0,\"spoiled\":0,\"eligible\":9}",
				"number"));
		rows.add(
				json("evaluate an unknown decision", path, "auditor", "{\"decision\":\"coup\",\"yes\":1}", "decision"));
		rows.add(json("evaluate an infinite window", path, "auditor",
				"{\"decision\":\"window-policy\",\"windowDays\":1e400}", "windowDays"));
		rows.add(json("evaluate version as text", path, "auditor",
				"{\"decision\":\"window-policy\",\"version\":\"one\",\"windowDays\":3}", "version"));
		return rows;
	}

	/** Content types, methods and query parameters. */
	static List<Case> protocol(Fixtures f) {
		List<Case> rows = new ArrayList<>();
		rows.add(new Case("status filter out of range", "GET", "/api/cases?status=ON_STRIKE", "auditor", null, null,
				400, 400, "status"));
		rows.add(new Case("version number beyond int", "GET", "/api/rule-sets/sag-2008/versions/99999999999", "auditor",
				null, null, 400, 400, "version"));
		rows.add(new Case("negative version number", "GET", "/api/rule-sets/sag-2008/versions/-1", "auditor", null,
				null, 404, 404, null));
		rows.add(new Case("unknown event kind", "GET", "/api/cases/" + f.caseId() + "/history?kind=COUP", "auditor",
				null, null, 400, 400, "kind"));
		rows.add(new Case("PUT on the case list", "PUT", "/api/cases", "staff", JSON,
				"{\"title\":\"Hostile put\",\"ruleSet\":\"sag-2008\"}".getBytes(StandardCharsets.UTF_8), 405, 405,
				null));
		rows.add(new Case("DELETE a case", "DELETE", "/api/cases/" + f.caseId(), "staff", null, null, 405, 405, null));
		rows.add(new Case("case body in Latin-1 sent as UTF-8", "POST", "/api/cases", "staff",
				"application/json;charset=UTF-8",
				"{\"title\":\"Hostile M\u00fcller\",\"ruleSet\":\"sag-2008\"}".getBytes(StandardCharsets.ISO_8859_1),
				400, 400, "JSON"));
		return rows;
	}

	/**
	 * Process-variant (BPMN) uploads, {@code POST /api/variants} as a rules modeler, and
	 * scenarios for simulated cases: the shipped {@code members-decide} model, broken or
	 * made to run code in every way the sandbox refuses.
	 */
	static List<Case> processVariantUploads(Fixtures f) {
		String good = shipped("/variants/members-decide/strike-authorization.bpmn");
		String listener = "${execution.setVariable('caseStatus', 'ACTIVE')}";
		String start = "<bpmn:startEvent id=\"Event_ContractExpired\" name=\"Contract expired\">";
		String process = "<bpmn:process id=\"strike-authorization\"";
		List<Case> rows = new ArrayList<>();
		rows.add(variant("variant that is not XML", "not-xml", "this is not a BPMN file", "XML"));
		rows.add(variant("variant of an empty file", "empty", "", "empty"));
		rows.add(variant("variant with a DOCTYPE and an external entity", "xxe", good.replace(
				"<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
				"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
			.replace("name=\"Contract expired\"", "name=\"&xxe;\""), "DOCTYPE"));
		rows.add(variant("variant with a billion laughs", "laughs",
				"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">"
						+ "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;\">]><definitions>&lol3;</definitions>",
				"DOCTYPE"));
		rows.add(variant("variant over 1 MB", "huge",
				good.replace(start, start + "<!-- " + "x".repeat(1_100_000) + " -->"), "1 MB"));
		rows.add(variant("variant with a script task", "script",
				good.replace(start,
						"<bpmn:scriptTask id=\"Task_Evil\" name=\"Evil\" scriptFormat=\"javascript\">"
								+ "<bpmn:script>java.lang.Runtime.getRuntime().exec('touch /tmp/pwned')</bpmn:script>"
								+ "</bpmn:scriptTask>" + start),
				"script"));
		rows.add(variant("variant with a Java class listener", "java-class",
				good.replace("expression=\"" + listener + "\"", "class=\"java.lang.Runtime\""), "class"));
		rows.add(variant("variant whose expression calls a bean", "bean-call",
				good.replace(listener, "${guildhallCaseService.list(null)}"), "expression"));
		rows.add(variant("variant whose expression calls a static method", "static-call",
				good.replace(listener, "${''.getClass().forName('java.lang.Runtime')}"), "expression"));
		rows.add(variant("variant without a history time to live", "no-ttl",
				good.replace(" camunda:historyTimeToLive=\"P3650D\"", ""), "history"));
		rows.add(
				variant("variant of an unknown process", "unknown-process",
						good.replace(process, "<bpmn:process id=\"evil-process\"")
							.replace("bpmnElement=\"strike-authorization\"", "bpmnElement=\"evil-process\""),
						"evil-process"));
		rows.add(variant("variant with a start event without a label", "no-label",
				good.replace(start, "<bpmn:startEvent id=\"Event_ContractExpired\">"), "label"));
		rows.add(
				variant("variant calling into another tenant", "tenant",
						good.replace("calledElement=\"board-deliberation\"",
								"calledElement=\"board-deliberation\" camunda:calledElementTenantId=\"${null}\""),
						"tenant"));
		rows.add(variant("variant named with a script tag", "<script>alert(1)</script>", good, "name"));
		rows.add(new Case("variant deployed from an unknown shipped name", "POST", "/api/variants", "modeler", JSON,
				"{\"shipped\":\"../../etc/passwd\"}".getBytes(StandardCharsets.UTF_8), 400, 404, null));
		rows.add(new Case("variant deployed with a number for the shipped name", "POST", "/api/variants", "modeler",
				JSON, "{\"shipped\":42}".getBytes(StandardCharsets.UTF_8), 400, 400, "shipped"));
		rows.add(json("scenario that is an array", "/api/variants/" + f.variantId() + "/simulations", "modeler", "[]",
				"object"));
		rows.add(json("scenario for a step the variant does not have",
				"/api/variants/" + f.variantId() + "/simulations", "modeler",
				"{\"title\":\"Hostile\",\"ruleSet\":\"sag-2008\",\"steps\":{\"Task_Evil\":[{}]}}", "Task_Evil"));
		rows.add(json("scenario with an unknown rule set", "/api/variants/" + f.variantId() + "/simulations", "modeler",
				"{\"title\":\"Hostile\",\"ruleSet\":\"no-such-set\",\"steps\":{\"Task_RecordBoardResolution\":[{}]}}",
				"rule set"));
		rows.add(json("scenario with a ballot-box vote", "/api/variants/" + f.variantId() + "/simulations", "modeler",
				"{\"title\":\"Hostile\",\"ruleSet\":\"sag-2008\",\"steps\":{\"Task_PrepareBallot\":[{\"question\":\"Q\","
						+ "\"ballotMode\":\"BALLOT_BOX\",\"windowStart\":\"2008-12-01T00:00:00Z\","
						+ "\"windowEnd\":\"2009-01-10T00:00:00Z\"}]}}",
				"BALLOT_BOX"));
		rows.add(json("scenario with a negative rule-set version", "/api/variants/" + f.variantId() + "/simulations",
				"modeler", "{\"title\":\"Hostile\",\"ruleSet\":\"sag-2008\",\"ruleSetVersion\":-1,\"steps\":{}}",
				"ruleSetVersion"));
		rows.add(new Case("scenario for an unknown variant", "POST", "/api/variants/no-such-variant/simulations",
				"modeler", JSON,
				"{\"title\":\"Hostile\",\"ruleSet\":\"sag-2008\",\"steps\":{}}".getBytes(StandardCharsets.UTF_8), 404,
				404, "no-such-variant"));
		return rows;
	}

	static Case variant(String name, String variantName, String bpmn, String detail) {
		return new Case(name, "POST", "/api/variants", "modeler", Multipart.CONTENT_TYPE,
				Multipart.variant(variantName, bpmn), 400, 400, detail);
	}

	static String shipped(String resource) {
		try (InputStream in = HostileInputIT.class.getResourceAsStream(resource)) {
			return new String(Objects.requireNonNull(in, resource + " on the class path").readAllBytes(),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// --- building cases

	static Case roll(String name, String path, String csv, String detail) {
		return new Case(name, "POST", path, "officer", CSV, csv.getBytes(StandardCharsets.UTF_8), 400, 400, detail);
	}

	static Case ballot(String name, String path, String body, String detail) {
		return new Case(name, "POST", path, "anonymous", JSON, body.getBytes(StandardCharsets.UTF_8), 400, 400, detail);
	}

	static Case json(String name, String path, String user, String body, String detail) {
		return new Case(name, "POST", path, user, JSON, body.getBytes(StandardCharsets.UTF_8), 400, 400, detail);
	}

	static Case step(String name, String path, String body, String detail) {
		return new Case(name, "POST", path, "secretary", JSON, body.getBytes(StandardCharsets.UTF_8), 400, 400, detail);
	}

	static Case upload(String name, String key, String dmn, String detail) {
		return new Case(name, "POST", "/api/rule-sets", "modeler", Multipart.CONTENT_TYPE,
				Multipart.of(key, "Hostile " + key, "Hostile citation", dmn), 400, 400, detail);
	}

	static String shippedDmn() {
		return shipped("/rulesets/sag-2008.dmn");
	}

	// --- checking answers

	/** What is wrong with the answer to {@code hostile}, or null if nothing. */
	private static String check(Case hostile, HttpResponse<byte[]> response) {
		int status = response.statusCode();
		String body = new String(response.body(), StandardCharsets.UTF_8);
		String shown = (body.length() > 300) ? body.substring(0, 300) + "…" : body;
		if (status < hostile.lowest() || status > hostile.highest()) {
			return "expected " + hostile.lowest()
					+ ((hostile.highest() != hostile.lowest()) ? "-" + hostile.highest() : "") + ", got " + status + " "
					+ shown;
		}
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (!type.startsWith("application/problem+json")) {
			return "expected a problem detail, got " + status + " '" + type + "' " + shown;
		}
		JsonNode problem;
		try {
			problem = MAPPER.readTree(body);
		}
		catch (IOException ex) {
			return "the problem detail is not JSON: " + shown;
		}
		if (problem.path("status").asInt() != status) {
			return "the problem's status " + problem.path("status") + " differs from " + status;
		}
		String detail = problem.path("detail").asText("");
		if (detail.isBlank()) {
			return "the problem says nothing in detail: " + shown;
		}
		if (body.contains("Exception") || body.contains("\tat ") || body.contains("org.guildhall")) {
			return "the problem shows internals: " + shown;
		}
		if (hostile.detail() != null && !detail.toLowerCase().contains(hostile.detail().toLowerCase())) {
			return "the detail should mention '" + hostile.detail() + "': " + detail;
		}
		return null;
	}

	// --- what is stored

	/**
	 * Per table: its row count, and a hash of its rows (in any order) where cheap.
	 */
	private Map<String, String> snapshot() {
		List<String> tables = this.jdbc.queryForList("select table_name from information_schema.tables "
				+ "where lower(table_schema) = 'public' and table_type = 'BASE TABLE'", String.class);
		Map<String, String> snapshot = new TreeMap<>();
		for (String table : tables) {
			String name = table.toUpperCase();
			if (name.equals("ACT_RU_METER_LOG") || name.equals("ACT_RU_TASK_METER_LOG")
					|| name.equals("AUDIT_CHAIN_HEAD")) {
				continue;
			}
			if (name.startsWith("GH_") && !name.equals("GH_SCHEMA_HISTORY") || name.equals("AUDIT_CASE")
					|| name.equals("ACT_RE_DEPLOYMENT") || name.startsWith("ACT_RU_") && !name.equals("ACT_RU_JOB")) {
				snapshot.put(name, contents("select * from " + table));
			}
			else if (name.equals("AUDIT_EVENT")) {
				snapshot.put(name, contents(
						"select * from " + table + " where kind not in ('LOGIN', 'LOGIN_FAILED', " + "'LOGOUT')"));
			}
			else if (name.equals("ACT_RU_JOB") || name.startsWith("ACT_HI_PROCINST") || name.equals("ACT_HI_DETAIL")
					|| name.equals("ACT_HI_VARINST") || name.equals("ACT_HI_TASKINST")) {
				snapshot.put(name, this.jdbc.queryForObject("select count(*) from " + table, Long.class) + " rows");
			}
		}
		return snapshot;
	}

	private String contents(String query) {
		List<String> rows = this.jdbc.query(query, (rs, n) -> {
			StringBuilder row = new StringBuilder();
			for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
				row.append(rs.getString(column)).append('\u001f');
			}
			return row.toString();
		});
		rows.sort(null);
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			rows.forEach((row) -> digest.update(row.getBytes(StandardCharsets.UTF_8)));
			return rows.size() + " rows, " + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String changes(Map<String, String> before, Map<String, String> after) {
		return after.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().equals(before.get(entry.getKey())))
			.map((entry) -> entry.getKey() + " " + before.get(entry.getKey()) + " -> " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	// --- fixtures: a case waiting for its board, and an open ballot-box vote

	/**
	 * @param caseId an active case whose board step is open
	 * @param boardStep that step
	 * @param voteId an open ballot-box vote of another case
	 * @param credential an unused credential of that vote
	 */
	record Fixtures(String caseId, String boardStep, String voteId, String credential, String variantId) {
	}

	private Fixtures fixtures() throws Exception {
		String caseId = startCase("Hostile input target");
		String board = openStep(caseId, "Task_RecordBoardResolution");

		String voteCase = startCase("Hostile input vote");
		ok(post("secretary", "/api/tasks/" + openStep(voteCase, "Task_RecordBoardResolution") + "/complete", JSON,
				"{\"resolution\":\"CALL_AUTHORIZATION_VOTE\",\"votesFor\":48,\"votesAgainst\":14,\"abstentions\":2,"
						+ "\"membersPresent\":64,\"seats\":71,\"committeeMayCallVote\":false}"));
		ok(post("officer", "/api/cases/" + voteCase + "/roll", CSV,
				"memberId,name,goodStanding\n" + IntStream.rangeClosed(1, 3)
					.mapToObj((i) -> "H" + i + ",Member " + i + ",true\n")
					.collect(Collectors.joining())));
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		ok(post("officer", "/api/tasks/" + openStep(voteCase, "Task_PrepareBallot") + "/complete", JSON,
				"{\"question\":\"Hostile?\",\"ballotMode\":\"BALLOT_BOX\",\"windowStart\":\"" + start
						+ "\",\"windowEnd\":\"" + start.plus(Duration.ofHours(2)) + "\"}"));
		String voteId = get("auditor", "/api/cases/" + voteCase).path("currentVote").path("id").asText();
		HttpResponse<String> credentials = this.client.send(
				authorized(HttpRequest.newBuilder(uri("/api/votes/" + voteId + "/credentials.csv")), "officer").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(credentials.statusCode()).as(credentials.body()).isEqualTo(200);
		String credential = credentials.body().lines().skip(1).findFirst().orElseThrow().split(",")[1];
		openWindow(voteId);
		String variantId = ok(post("modeler", "/api/variants", JSON, "{\"shipped\":\"members-decide\"}")).path("id")
			.asText();
		return new Fixtures(caseId, board, voteId, credential, variantId);
	}

	/** Runs the window's opening timer unless the job executor has already. */
	private void openWindow(String voteId) throws Exception {
		long deadline = System.currentTimeMillis() + 60_000;
		while (!"OPEN".equals(get("auditor", "/api/votes/" + voteId).path("state").asText())) {
			assertThat(System.currentTimeMillis()).as("the vote opens").isLessThan(deadline);
			for (Job job : this.management.createJobQuery().timers().executable().list()) {
				try {
					this.management.executeJob(job.getId());
				}
				catch (RuntimeException ex) {
					// the job executor ran it first, or it belongs to another test's case
				}
			}
			Thread.sleep(200);
		}
	}

	private String startCase(String title) throws Exception {
		JsonNode created = ok(post("staff", "/api/cases", JSON,
				"{\"title\":\"" + title + "\",\"ruleSet\":\"sag-2008\",\"expiryDate\":\"2008-06-30\"}"));
		return created.path("id").asText();
	}

	private String openStep(String caseId, String stepKey) throws Exception {
		JsonNode tasks = get("auditor", "/api/tasks?caseId=" + caseId);
		return tasks.findParents("stepKey")
			.stream()
			.filter((task) -> stepKey.equals(task.path("stepKey").asText()))
			.map((task) -> task.path("id").asText())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no open " + stepKey + " in " + tasks));
	}

	private JsonNode get(String user, String path) throws Exception {
		HttpResponse<String> response = this.client.send(authorized(HttpRequest.newBuilder(uri(path)), user).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		return MAPPER.readTree(response.body());
	}

	private HttpResponse<String> post(String user, String path, String contentType, String body) throws Exception {
		return this.client.send(authorized(HttpRequest.newBuilder(uri(path)), user).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode ok(HttpResponse<String> response) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
		return MAPPER.readTree(response.body());
	}

	private URI uri(String path) {
		return URI.create(this.http.getRootUri() + path);
	}

	static HttpRequest.Builder authorized(HttpRequest.Builder request, String user) {
		if (!"anonymous".equals(user)) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
		}
		return request;
	}

	/**
	 * One row of the table.
	 *
	 * @param name what is hostile about it (unique)
	 * @param user a demo user, or {@code anonymous}
	 * @param contentType the body's media type, or null without a body
	 * @param body the bytes sent, or null
	 * @param lowest the lowest status expected (always 4xx)
	 * @param highest the highest status expected (always 4xx)
	 * @param detail a word the problem's detail must contain (any case), or null
	 */
	record Case(String name, String method, String path, String user, String contentType, byte[] body, int lowest,
			int highest, String detail, boolean chunked) {

		Case {
			if (lowest < 400 || highest > 499 || lowest > highest) {
				throw new IllegalArgumentException(name + ": a hostile input must get a 4xx answer");
			}
		}

		/** A case whose body is sent with its length. */
		Case(String name, String method, String path, String user, String contentType, byte[] body, int lowest,
				int highest, String detail) {
			this(name, method, path, user, contentType, body, lowest, highest, detail, false);
		}

		HttpRequest request(String root) {
			HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(root + this.path)), this.user)
				.header("Accept", "application/json, application/problem+json")
				.timeout(Duration.ofSeconds(120));
			if (this.contentType != null) {
				request.header("Content-Type", this.contentType);
			}
			HttpRequest.BodyPublisher body = (this.body == null) ? HttpRequest.BodyPublishers.noBody()
					: this.chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(this.body))
							: HttpRequest.BodyPublishers.ofByteArray(this.body);
			return request.method(this.method, body).build();
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** Multipart bodies for DMN uploads. */
	static final class Multipart {

		static final String BOUNDARY = "hostile-input-boundary-7f3a";

		static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

		private Multipart() {
		}

		static byte[] of(String key, String name, String citation, String dmn) {
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("key", key);
			fields.put("name", name);
			fields.put("citation", citation);
			ByteArrayOutputStream out = fields(fields);
			write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + key
					+ ".dmn\"\r\nContent-Type: application/xml\r\n\r\n");
			write(out, dmn);
			write(out, "\r\n--" + BOUNDARY + "--\r\n");
			return out.toByteArray();
		}

		static byte[] variant(String name, String bpmn) {
			ByteArrayOutputStream out = fields(Map.of("name", name));
			write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"variant.bpmn\""
					+ "\r\nContent-Type: application/xml\r\n\r\n");
			write(out, bpmn);
			write(out, "\r\n--" + BOUNDARY + "--\r\n");
			return out.toByteArray();
		}

		static byte[] withoutFile(String key) {
			ByteArrayOutputStream out = fields(Map.of("key", key, "name", "Hostile", "citation", "Hostile citation"));
			write(out, "--" + BOUNDARY + "--\r\n");
			return out.toByteArray();
		}

		private static ByteArrayOutputStream fields(Map<String, String> fields) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			fields.forEach((field, value) -> write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
					+ field + "\"\r\n\r\n" + value + "\r\n"));
			return out;
		}

		private static void write(ByteArrayOutputStream out, String text) {
			out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
		}

	}

}
