package org.guildhall.engine.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one encoding the audit chain hashes: JSON with object keys sorted, no whitespace,
 * UTF-8, strings escaped as Python's {@code json.dumps(obj, sort_keys=True,
 * separators=(",", ":"), ensure_ascii=False)} escapes them, and no floating-point numbers
 * (values are strings, whole numbers, booleans, null, lists and objects). An outsider can
 * therefore recompute every hash of an export with a few lines of any language.
 */
public final class CanonicalJson {

	/** The previous hash of the first row. */
	public static final String GENESIS = "0".repeat(64);

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private CanonicalJson() {
	}

	/**
	 * A value as the trail keeps it: whole numbers as numbers, other numbers, dates and
	 * anything else as text, maps with sorted keys.
	 */
	public static Object normalize(Object value) {
		if (value == null || value instanceof String || value instanceof Boolean) {
			return value;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof BigInteger big) {
			return (big.bitLength() < 64) ? (Object) big.longValue() : big.toString();
		}
		if (value instanceof Number number) {
			BigDecimal decimal = new BigDecimal(number.toString());
			if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
				try {
					return decimal.longValueExact();
				}
				catch (ArithmeticException ex) {
					return decimal.toPlainString();
				}
			}
			return decimal.toPlainString();
		}
		if (value instanceof Date date) {
			return timestamp(date.toInstant());
		}
		if (value instanceof Instant instant) {
			return timestamp(instant);
		}
		if (value instanceof TemporalAccessor || value instanceof Enum<?>) {
			return value.toString();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((key, entry) -> sorted.put(String.valueOf(key), normalize(entry)));
			return sorted;
		}
		if (value instanceof Collection<?> collection) {
			List<Object> list = new ArrayList<>(collection.size());
			collection.forEach((entry) -> list.add(normalize(entry)));
			return list;
		}
		return value.toString();
	}

	/**
	 * An instant as the trail writes it: UTC, milliseconds, e.g.
	 * {@code 2008-10-19T14:00:00.000Z}.
	 */
	public static String timestamp(Instant instant) {
		Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
		String text = millis.toString();
		// Instant.toString drops zero fractions; the canonical form always has three
		// digits
		int dot = text.indexOf('.');
		if (dot < 0) {
			return text.substring(0, text.length() - 1) + ".000Z";
		}
		String fraction = text.substring(dot + 1, text.length() - 1);
		return text.substring(0, dot + 1) + (fraction + "000").substring(0, 3) + "Z";
	}

	/** The canonical text of a normalized value (see {@link #normalize(Object)}). */
	public static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(normalize(value), out);
		return out.toString();
	}

	/** The canonical text of parsed JSON, e.g. a line of an export. */
	public static String write(JsonNode node) {
		return write(toValue(node));
	}

	/**
	 * Parses canonical JSON (or any JSON without fractions) into maps, lists and values.
	 */
	public static Object parse(String json) {
		try {
			return toValue(MAPPER.readTree(json));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/** Parses JSON into a tree. */
	public static JsonNode tree(String json) {
		try {
			return MAPPER.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
	public static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}

	private static Object toValue(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
			while (fields.hasNext()) {
				Map.Entry<String, JsonNode> field = fields.next();
				map.put(field.getKey(), toValue(field.getValue()));
			}
			return map;
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>(node.size());
			node.forEach((entry) -> list.add(toValue(entry)));
			return list;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue().toString();
		}
		if (node.isNumber()) {
			return node.decimalValue();
		}
		return node.asText();
	}

	@SuppressWarnings("unchecked")
	private static void write(Object value, StringBuilder out) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof String text) {
			string(text, out);
		}
		else if (value instanceof Boolean || value instanceof Long) {
			out.append(value);
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				string(entry.getKey(), out);
				out.append(':');
				write(entry.getValue(), out);
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(list.get(i), out);
			}
			out.append(']');
		}
		else {
			throw new IllegalArgumentException("not a canonical value: " + value.getClass().getName());
		}
	}

	private static void string(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
