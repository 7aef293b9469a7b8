package org.guildhall.web.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions of engine values to what the API writes: instants and ISO dates. */
final class Json {

	private Json() {
	}

	static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	/** A date the engine holds as midnight UTC, as the calendar day it stands for. */
	static LocalDate day(Date date) {
		return (date != null) ? LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC) : null;
	}

	/** A value as JSON shows it: {@link Date}s become instants, the rest is kept. */
	static Object value(Object value) {
		if (value instanceof Date date) {
			return date.toInstant();
		}
		if (value instanceof Map<?, ?> map) {
			return values(map);
		}
		if (value instanceof List<?> list) {
			return list.stream().map(Json::value).toList();
		}
		return value;
	}

	static Map<String, Object> values(Map<?, ?> values) {
		Map<String, Object> converted = new LinkedHashMap<>();
		if (values != null) {
			values.forEach((key, value) -> converted.put(String.valueOf(key), value(value)));
		}
		return converted;
	}

}
