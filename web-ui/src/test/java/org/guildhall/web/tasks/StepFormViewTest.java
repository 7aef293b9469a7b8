package org.guildhall.web.tasks;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;

import org.guildhall.engine.tasks.StepField;
import org.guildhall.engine.tasks.StepForm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which control each field type gets. */
class StepFormViewTest {

	static StepField field(String id, String type, Integer maxLength, int options) {
		List<StepField.Option> values = IntStream.range(0, options)
			.mapToObj((i) -> new StepField.Option("V" + i, "Value " + i))
			.toList();
		return new StepField(id, id, type, false, values, null, null, maxLength, null, null);
	}

	@Test
	void controls() {
		assertThat(StepFormView.control(field("resolution", "enum", null, 4))).isEqualTo("radio");
		assertThat(StepFormView.control(field("many", "enum", null, 5))).isEqualTo("select");
		assertThat(StepFormView.control(field("talksFailed", "boolean", null, 0))).isEqualTo("checkbox");
		assertThat(StepFormView.control(field("seats", "long", null, 0))).isEqualTo("number");
		assertThat(StepFormView.control(field("meetingDate", "date", null, 0))).isEqualTo("date");
		assertThat(StepFormView.control(field("windowEnd", "date", null, 0))).isEqualTo("datetime-local");
		assertThat(StepFormView.control(field("title", "string", 120, 0))).isEqualTo("text");
		assertThat(StepFormView.control(field("minutes", "string", 10000, 0))).isEqualTo("textarea");
		assertThat(StepFormView.control(field("note", "string", null, 0))).isEqualTo("textarea");
	}

	@Test
	void datesShowInUtc() {
		Date date = Date.from(Instant.parse("2008-12-01T18:30:00Z"));
		assertThat(StepFormView
			.shown(new StepField("windowEnd", "l", "date", true, List.of(), null, null, null, null, date)))
			.isEqualTo("2008-12-01T18:30");
		assertThat(StepFormView
			.shown(new StepField("meetingDate", "l", "date", true, List.of(), null, null, null, null, date)))
			.isEqualTo("2008-12-01");
	}

	@Test
	void messagesUseTheFieldLabels() {
		StepForm form = new StepForm(null, "case",
				List.of(new StepField("membersPresent", "Members present", "long", true, List.of(), 0L, null, null,
						null, null),
						new StepField("seats", "Seats", "long", true, List.of(), 1L, null, null, null, null),
						new StepField("yes", "Yes votes", "long", true, List.of(), 0L, null, null, null, null)));
		assertThat(StepFormView.humanize("membersPresent (80) must not exceed seats (71); yes", form)).isEqualTo(
				"\u201cMembers present\u201d (80) must not exceed \u201cSeats\u201d (71); \u201cYes votes\u201d");
		assertThat(StepFormView.humanize("seatsTotal is unknown", form)).isEqualTo("seatsTotal is unknown");
	}

	@Test
	void earlierValuesInWords() {
		assertThat(StepFormView.previous(
				new StepField("meetingDate", "l", "date", false, List.of(), null, null, null, null, "19/10/2008")))
			.isEqualTo("2008-10-19");
		assertThat(StepFormView.previous(new StepField("resolution", "l", "enum", false,
				List.of(new StepField.Option("SEEK_MEDIATION", "Seek mediation")), null, null, null, null,
				"SEEK_MEDIATION")))
			.isEqualTo("Seek mediation");
		assertThat(StepFormView
			.previous(new StepField("talksFailed", "l", "boolean", false, List.of(), null, null, null, null, true)))
			.isEqualTo("yes");
		assertThat(StepFormView
			.previous(new StepField("seats", "l", "long", false, List.of(), null, null, null, null, null))).isNull();
	}

}
