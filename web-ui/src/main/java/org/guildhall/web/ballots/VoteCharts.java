package org.guildhall.web.ballots;

import java.util.ArrayList;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.guildhall.engine.ballots.Turnout;

import org.springframework.stereotype.Component;

/**
 * The turnout samples as JSON for the vote page's chart ({@code @voteCharts} in
 * templates).
 */
@Component("voteCharts")
class VoteCharts {

	private final ObjectMapper json = new ObjectMapper();

	private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	/**
	 * The samples so far, plus the current count while the box is open, as
	 * {@code [{"at":..,"label":..,"cast":..}]} (labels in UTC).
	 */
	public String samples(List<Turnout> history, Turnout now, boolean open) throws JsonProcessingException {
		List<Map<String, Object>> points = new ArrayList<>();
		history.forEach((sample) -> points.add(point(sample)));
		if (open || history.isEmpty()) {
			points.add(point(now));
		}
		return this.json.writeValueAsString(points);
	}

	private static Map<String, Object> point(Turnout sample) {
		return Map.of("at", sample.at().toString(), "label", LABEL.format(sample.at()), "cast", sample.cast());
	}

}
