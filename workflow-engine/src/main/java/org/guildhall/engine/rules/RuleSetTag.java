package org.guildhall.engine.rules;

/**
 * A rule-set version as a case pins it: its key and version number, written
 * {@code <key>:<version>} (e.g. {@code sag-2008:1}; {@link RuleSetCatalog#tag}).
 *
 * @param key the rule set's key
 * @param version the version number
 */
public record RuleSetTag(String key, int version) {

	/**
	 * Reads {@code <key>:<version>} (surrounding blanks ignored).
	 * @throws IllegalArgumentException saying what is wrong ("must be ..."), if it is not
	 * a key and a whole version number
	 */
	public static RuleSetTag parse(String tag) {
		String text = (tag != null) ? tag.trim() : "";
		int colon = text.lastIndexOf(':');
		if (colon < 1) {
			throw new IllegalArgumentException("must be <key>:<version>, e.g. two-thirds:1, not '" + text + "'");
		}
		try {
			return new RuleSetTag(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"must be <key>:<version> with a whole version number, e.g. two-thirds:1, not '" + text + "'");
		}
	}

	@Override
	public String toString() {
		return RuleSetCatalog.tag(this.key, this.version);
	}

}
