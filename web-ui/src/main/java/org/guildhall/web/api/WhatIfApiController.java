package org.guildhall.web.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.guildhall.engine.rules.RuleSetVersion;
import org.guildhall.engine.rules.RuleSweep;
import org.guildhall.engine.rules.SweepGrid;
import org.guildhall.engine.rules.WhatIf;
import org.guildhall.engine.rules.WhatIfReplay;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What-if replay of a closed case under another rule-set version, and sweeps of two
 * versions over a grid of turnout × yes share (JSON and CSV). Read only: nothing is
 * recorded. For rules modelers and auditors (URL rules in {@code SecurityConfiguration}).
 */
@RestController
@Tag(name = "Rules analysis", description = "What-if replay and rule sweeps (rules-modeler, auditor; read only)")
class WhatIfApiController {

	static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	/** The columns of the sweep CSV. */
	static final String CSV_HEADER = "turnoutPercent,yesPercent,votesCast,yes,no,outcomeA,outcomeB,differs";

	private final WhatIfReplay replay;

	private final RuleSweep sweep;

	WhatIfApiController(WhatIfReplay replay, RuleSweep sweep) {
		this.replay = replay;
		this.sweep = sweep;
	}

	@GetMapping(path = "/api/cases/{id}/what-if", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Replay a closed case's decisions under another rule-set version (nothing is recorded)",
			description = "Every decision the audit trail recorded for the case (board motions, committee "
					+ "determinations, member votes, final decisions), evaluated again on the recorded counts "
					+ "under ruleSet, beside the recorded outcome and explanation. Works from the trail alone. "
					+ "404 for an unknown case, 409 for a case still running, 400 for an unknown or malformed "
					+ "ruleSet.")
	WhatIfView whatIf(@PathVariable String id,
			@Parameter(description = "the version to replay under, <key>:<version>, e.g. two-thirds:1",
					required = true) @RequestParam("ruleSet") String ruleSet) {
		return WhatIfView.of(this.replay.replay(id, ruleSet));
	}

	@GetMapping(path = "/api/rule-sets/sweep", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Sweep two rule-set versions' member vote over turnout × yes share",
			description = "A grid of (steps + 1)² cells: turnout index t is t·100/steps % of eligible, yes index y "
					+ "is y·100/steps % of the votes cast; votes cast = floor(eligible·t/steps), yes = "
					+ "floor(cast·y/steps), no = cast − yes, no abstentions or spoiled ballots. steps 2 to 200, "
					+ "eligible 1 to 1,000,000,000. Versions made from parameters are decided in Java with the "
					+ "DMN's whole-number comparisons; an uploaded DMN is evaluated through its DMN on at most 20 "
					+ "steps (coarsened = true). approvedA[t][y] and approvedB[t][y] say whether each approves.")
	SweepView sweep(@Parameter(description = "version A, <key>:<version>", required = true) @RequestParam("a") String a,
			@Parameter(description = "version B, <key>:<version>", required = true) @RequestParam("b") String b,
			@Parameter(description = "the roll size, 1 to 1,000,000,000") @RequestParam(name = "eligible",
					defaultValue = "1000") long eligible,
			@Parameter(description = "intervals per axis, 2 to 200") @RequestParam(name = "steps",
					defaultValue = "100") int steps) {
		return SweepView.of(grid(a, b, eligible, steps));
	}

	@GetMapping("/api/rule-sets/sweep.csv")
	@Operation(summary = "The same sweep as CSV, one row per cell",
			description = "Header: " + CSV_HEADER + ". outcomeA/outcomeB are APPROVED or REJECTED.",
			responses = @ApiResponse(responseCode = "200",
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
	ResponseEntity<String> sweepCsv(@RequestParam("a") String a, @RequestParam("b") String b,
			@RequestParam(name = "eligible", defaultValue = "1000") long eligible,
			@RequestParam(name = "steps", defaultValue = "100") int steps) {
		SweepGrid grid = grid(a, b, eligible, steps);
		StringBuilder csv = new StringBuilder(grid.cells() * 48).append(CSV_HEADER).append('\n');
		String[] percents = new String[grid.size()];
		for (int i = 0; i < grid.size(); i++) {
			percents[i] = percent(i, grid.steps());
		}
		for (int t = 0; t < grid.size(); t++) {
			long cast = grid.cast(t);
			for (int y = 0; y < grid.size(); y++) {
				long yes = grid.yes(t, y);
				csv.append(percents[t])
					.append(',')
					.append(percents[y])
					.append(',')
					.append(cast)
					.append(',')
					.append(yes)
					.append(',')
					.append(cast - yes)
					.append(',')
					.append(grid.approvedA(t, y) ? "APPROVED" : "REJECTED")
					.append(',')
					.append(grid.approvedB(t, y) ? "APPROVED" : "REJECTED")
					.append(',')
					.append(grid.differs(t, y))
					.append('\n');
			}
		}
		String name = "sweep-" + grid.a().key() + "-" + grid.a().version() + "-vs-" + grid.b().key() + "-"
				+ grid.b().version() + "-" + grid.eligible() + ".csv";
		return ResponseEntity.ok()
			.contentType(CSV)
			.header("Content-Disposition", "attachment; filename=\"" + name + "\"")
			.body(csv.toString());
	}

	private SweepGrid grid(String a, String b, long eligible, int steps) {
		RuleSetVersion versionA = this.replay.version(a, "a");
		RuleSetVersion versionB = this.replay.version(b, "b");
		return this.sweep.sweep(versionA, versionB, eligible, steps);
	}

	/** {@code index * 100 / steps} with at most two decimals: "75", "33.33". */
	static String percent(int index, int steps) {
		return BigDecimal.valueOf(index * 100L)
			.divide(BigDecimal.valueOf(steps), 2, RoundingMode.HALF_UP)
			.stripTrailingZeros()
			.toPlainString();
	}

	/**
	 * A case replayed under another version.
	 *
	 * @param caseId the case
	 * @param title its title
	 * @param status how it ended
	 * @param pinnedRuleSet the version it pinned
	 * @param ruleSet the version replayed
	 * @param ruleSetName its name
	 * @param ruleSetApproved whether that version is approved
	 * @param differences how many decisions would have come out differently
	 * @param decisions every recorded decision, in order
	 */
	@Schema(name = "WhatIf")
	record WhatIfView(String caseId, String title, String status, String pinnedRuleSet, String ruleSet,
			String ruleSetName, boolean ruleSetApproved, long differences, List<RowView> decisions) {

		static WhatIfView of(WhatIf whatIf) {
			return new WhatIfView(whatIf.caseId(), whatIf.title(), whatIf.status(), whatIf.pinnedTag(),
					whatIf.alternativeTag(), whatIf.alternativeName(), whatIf.alternativeApproved(),
					whatIf.differences(), whatIf.decisions().stream().map(RowView::of).toList());
		}

	}

	/**
	 * One recorded decision beside the replayed one.
	 *
	 * @param seq the audit event's sequence number
	 * @param evaluatedAt when it was evaluated
	 * @param decision the decision key
	 * @param label the decision in words
	 * @param counts the counts it was decided on
	 * @param recordedRuleSet the version that decided it
	 * @param recordedOutcome what was decided
	 * @param recordedExplanation why
	 * @param outcome what the other version answers, or null if it could not be replayed
	 * @param explanation why (or why it could not be replayed)
	 * @param differs whether the outcomes differ
	 * @param words the other outcome in words: "would pass", "would fail" ...
	 */
	@Schema(name = "WhatIfDecision")
	record RowView(long seq, Instant evaluatedAt, String decision, String label, Map<String, Object> counts,
			String recordedRuleSet, String recordedOutcome, String recordedExplanation, String outcome,
			String explanation, boolean differs, String words) {

		static RowView of(WhatIf.Row row) {
			return new RowView(row.seq(), row.occurredAt(), row.decision(), row.label(), row.counts(),
					row.recordedTag(), row.recordedOutcome(), row.recordedExplanation(), row.outcome(),
					row.explanation(), row.differs(), row.words());
		}

	}

	/**
	 * A version swept.
	 *
	 * @param ruleSet its tag
	 * @param name its name
	 * @param approved whether it is approved
	 * @param method PARAMETERS (Java arithmetic) or DMN (uploaded)
	 */
	@Schema(name = "SweptRuleSet")
	record Swept(String ruleSet, String name, boolean approved, SweepGrid.Method method) {
	}

	/**
	 * A sweep.
	 *
	 * @param a version A
	 * @param b version B
	 * @param eligible the roll size
	 * @param steps intervals per axis
	 * @param requestedSteps the steps asked for
	 * @param coarsened whether an uploaded version made the grid coarser
	 * @param cells (steps + 1)²
	 * @param approvalsA cells A approves
	 * @param approvalsB cells B approves
	 * @param disagreements cells where they differ
	 * @param percents the percentage of each index, both axes
	 * @param votesCast votes cast per turnout index
	 * @param approvedA [turnout index][yes index]: A approves
	 * @param approvedB [turnout index][yes index]: B approves
	 */
	@Schema(name = "Sweep")
	record SweepView(Swept a, Swept b, long eligible, int steps, int requestedSteps, boolean coarsened, int cells,
			int approvalsA, int approvalsB, int disagreements, List<Double> percents, List<Long> votesCast,
			List<boolean[]> approvedA, List<boolean[]> approvedB) {

		static SweepView of(SweepGrid grid) {
			List<Double> percents = new ArrayList<>(grid.size());
			List<Long> cast = new ArrayList<>(grid.size());
			List<boolean[]> a = new ArrayList<>(grid.size());
			List<boolean[]> b = new ArrayList<>(grid.size());
			for (int t = 0; t < grid.size(); t++) {
				percents.add(grid.percent(t));
				cast.add(grid.cast(t));
				boolean[] rowA = new boolean[grid.size()];
				boolean[] rowB = new boolean[grid.size()];
				for (int y = 0; y < grid.size(); y++) {
					rowA[y] = grid.approvedA(t, y);
					rowB[y] = grid.approvedB(t, y);
				}
				a.add(rowA);
				b.add(rowB);
			}
			return new SweepView(swept(grid.a(), grid.methodA()), swept(grid.b(), grid.methodB()), grid.eligible(),
					grid.steps(), grid.requestedSteps(), grid.coarsened(), grid.cells(), grid.approvalsA(),
					grid.approvalsB(), grid.disagreements(), percents, cast, a, b);
		}

		private static Swept swept(RuleSetVersion version, SweepGrid.Method method) {
			return new Swept(version.tag(), version.name(), version.approved(), method);
		}

	}

}
