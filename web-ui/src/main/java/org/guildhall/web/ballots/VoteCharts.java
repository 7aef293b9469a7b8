package org.guildhall.web.ballots;

import java.util.ArrayList;
import java.util.List;
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

	/** The samples so far plus the current count, as {@code [{"at":..,"cast":..}]}. */
	public String samples(List<Turnout> history, Turnout now) throws JsonProcessingException {
		List<Map<String, Object>> points = new ArrayList<>();
		history.forEach((sample) -> points.add(Map.of("at", sample.at().toString(), "cast", sample.cast())));
		points.add(Map.of("at", now.at().toString(), "cast", now.cast()));
		return this.json.writeValueAsString(points);
	}

}
