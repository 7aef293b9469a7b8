package org.guildhall.engine.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RuleSetTagTest {

	@Test
	void readsKeyAndVersionUpToTheLastColon() {
		assertThat(RuleSetTag.parse(" sag-2008:12 ")).isEqualTo(new RuleSetTag("sag-2008", 12));
		assertThat(RuleSetTag.parse("a:b:3")).isEqualTo(new RuleSetTag("a:b", 3));
		assertThat(new RuleSetTag("two-thirds", 1)).hasToString("two-thirds:1");
	}

	@Test
	void saysWhatIsWrongWithATagItCannotRead() {
		assertThatIllegalArgumentException().isThrownBy(() -> RuleSetTag.parse("two-thirds"))
			.withMessage("must be <key>:<version>, e.g. two-thirds:1, not 'two-thirds'");
		assertThatIllegalArgumentException().isThrownBy(() -> RuleSetTag.parse(":1"))
			.withMessageStartingWith("must be <key>:<version>,");
		assertThatIllegalArgumentException().isThrownBy(() -> RuleSetTag.parse(null))
			.withMessage("must be <key>:<version>, e.g. two-thirds:1, not ''");
		assertThatIllegalArgumentException().isThrownBy(() -> RuleSetTag.parse("two-thirds:one"))
			.withMessage(
					"must be <key>:<version> with a whole version number, e.g. two-thirds:1, not 'two-thirds:one'");
		assertThatIllegalArgumentException().isThrownBy(() -> RuleSetTag.parse("two-thirds:99999999999"))
			.withMessageContaining("whole version number");
	}

}
