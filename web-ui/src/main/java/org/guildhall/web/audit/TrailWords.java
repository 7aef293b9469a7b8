package org.guildhall.web.audit;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Values of the trail in words: ISO timestamps as "24 Jan 2009" (or with a time in UTC),
 * yes/no, numbers with thousands separators, enum constants as "Continue bargaining",
 * field names as "Votes for".
 */
final class TrailWords {

	static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH);

	static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'UTC'", Locale.ENGLISH);

	static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", Locale.ENGLISH);

	private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

	private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+|[A-Z]{4,}");

	private static final Map<String, String> DECISIONS = Map.of("board-motion", "Board motion",
			"committee-determination", "Committee determination", "member-vote", "Member vote (strike authorization)",
			"ratification-vote", "Ratification vote", "final-decision", "Final strike decision", "window-policy",
			"Voting window policy");

	private TrailWords() {
	}

	/**
	 * A decision key in words, e.g. "Ratification vote" for {@code ratification-vote}.
	 */
	static String decision(String key) {
		return DECISIONS.getOrDefault(key, String.valueOf(key));
	}

	/** A moment to the second, in UTC. */
	static String moment(Instant instant) {
		return (instant != null) ? SECOND.format(instant.atZone(ZoneOffset.UTC)) : "—";
	}

	/**
	 * A moment to the second, in UTC, without naming the zone (for a column headed UTC).
	 */
	static String clock(Instant instant) {
		return (instant != null) ? CLOCK.format(instant.atZone(ZoneOffset.UTC)) : "—";
	}

	/** A moment to the minute, in UTC. */
	static String minute(Instant instant) {
		return (instant != null) ? MINUTE.format(instant.atZone(ZoneOffset.UTC)) : "—";
	}

	/** A value of the trail's JSON in words. */
	static String value(Object value) {
		if (value == null) {
			return "—";
		}
		if (value instanceof Boolean bool) {
			return bool ? "yes" : "no";
		}
		if (value instanceof Number number) {
			return number(number);
		}
		if (value instanceof Collection<?> list) {
			List<String> words = new ArrayList<>();
			list.forEach((item) -> words.add(value(item)));
			return String.join(", ", words);
		}
		if (value instanceof Map<?, ?> map) {
			List<String> words = new ArrayList<>();
			map.forEach((key, item) -> words.add(label(String.valueOf(key)) + ": " + value(item)));
			return String.join("; ", words);
		}
		String text = value.toString();
		if (TIMESTAMP.matcher(text).matches()) {
			return timestamp(text);
		}
		if (CONSTANT.matcher(text).matches()) {
			return constant(text);
		}
		return text;
	}

	/** An ISO-8601 instant as a day (at midnight UTC) or a minute in UTC. */
	static String timestamp(String iso) {
		try {
			ZonedDateTime utc = Instant.parse(iso).atZone(ZoneOffset.UTC);
			return utc.toLocalTime().equals(LocalTime.MIDNIGHT) ? DAY.format(utc) : MINUTE.format(utc);
		}
		catch (DateTimeParseException ex) {
			return iso;
		}
	}

	/** {@code CONTINUE_BARGAINING} as "Continue bargaining". */
	static String constant(String constant) {
		String spaced = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
		return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}

	/** A field name as a label: {@code votesFor} as "Votes for". */
	static String label(String name) {
		if (name == null || name.isEmpty()) {
			return "";
		}
		if (name.contains(" ") || name.contains("(")) {
			return name;
		}
		String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ');
		spaced = spaced.toLowerCase(Locale.ROOT);
		return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}

	private static String number(Number number) {
		if (number instanceof BigDecimal decimal && decimal.scale() > 0) {
			return decimal.stripTrailingZeros().toPlainString();
		}
		if (number instanceof Double || number instanceof Float) {
			return BigDecimal.valueOf(number.doubleValue()).stripTrailingZeros().toPlainString();
		}
		return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(number.longValue());
	}

}
