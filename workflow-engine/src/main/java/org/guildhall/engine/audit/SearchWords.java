package org.guildhall.engine.audit;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of the auditor's case search ({@code audit_word}): text in lower case
 * ({@link Locale#ROOT}), split at every character that is not a Unicode letter or digit,
 * each word cut to {@value #MAX_LENGTH} characters. {@code sag-tv-2008} gives
 * {@code sag}, {@code tv}, {@code 2008}. The same split serves the index (titles,
 * business keys, the JSON text of events) and the words of a query, so both always agree;
 * changing it means re-indexing the trail with a new migration (see
 * {@code db.migration.V9__audit_words_backfill}).
 */
public final class SearchWords {

	/** A UUID, as Camunda writes its ids. */
	private static final Pattern ENGINE_ID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/** The width of {@code audit_word.word}. */
	public static final int MAX_LENGTH = 64;

	private SearchWords() {
	}

	/** The distinct words of {@code text}, in order of first appearance. */
	public static Set<String> of(String text) {
		Set<String> words = new LinkedHashSet<>();
		add(text, words);
		return words;
	}

	/** Adds the words of {@code text} (none if null) to {@code words}. */
	public static void add(String text, Set<String> words) {
		if (text == null || text.isEmpty()) {
			return;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		int start = -1;
		int i = 0;
		while (i < lower.length()) {
			int codePoint = lower.codePointAt(i);
			if (Character.isLetterOrDigit(codePoint)) {
				if (start < 0) {
					start = i;
				}
			}
			else if (start >= 0) {
				words.add(cut(lower, start, i));
				start = -1;
			}
			i += Character.charCount(codePoint);
		}
		if (start >= 0) {
			words.add(cut(lower, start, lower.length()));
		}
	}

	/**
	 * Adds the words of a JSON document (the {@code data} of an event: keys and values
	 * alike) to {@code words}. Escape sequences are read as the characters they stand
	 * for, so {@code "a\nstrike"} gives {@code a} and {@code strike}, not
	 * {@code nstrike}. Camunda's ids (UUIDs: of tasks, executions, activity instances,
	 * deployments) are left out: nobody searches for a fragment of one, and they were
	 * most of an event's words (a case is found by its id on its own page).
	 */
	public static void addJson(String json, Set<String> words) {
		String text = unescape(json);
		add((text != null) ? ENGINE_ID.matcher(text).replaceAll(" ") : null, words);
	}

	private static String cut(String text, int start, int end) {
		int stop = Math.min(end, start + MAX_LENGTH);
		if (stop < end && Character.isHighSurrogate(text.charAt(stop - 1))) {
			stop--; // never half a character
		}
		return text.substring(start, stop);
	}

	/** JSON text with its escape sequences replaced by what they stand for. */
	static String unescape(String json) {
		if (json == null || json.indexOf('\\') < 0) {
			return json;
		}
		StringBuilder out = new StringBuilder(json.length());
		int i = 0;
		while (i < json.length()) {
			char c = json.charAt(i);
			if (c != '\\' || i + 1 >= json.length()) {
				out.append(c);
				i++;
				continue;
			}
			char escaped = json.charAt(i + 1);
			if (escaped == 'u' && i + 6 <= json.length()) {
				try {
					out.append((char) Integer.parseInt(json, i + 2, i + 6, 16));
					i += 6;
					continue;
				}
				catch (NumberFormatException ex) {
					// not an escape after all: a separator like any other backslash
				}
			}
			out.append(switch (escaped) {
				case 'n', 'r', 't', 'b', 'f', 'u' -> ' ';
				default -> escaped;
			});
			i += 2;
		}
		return out.toString();
	}

}
