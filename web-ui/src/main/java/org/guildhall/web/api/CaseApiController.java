package org.guildhall.web.api;

import org.guildhall.web.security.Actors;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.guildhall.engine.cases.CaseDetails;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.ballots.Vote;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseStatus;
import org.guildhall.engine.cases.CaseSummary;
import org.guildhall.engine.cases.DecisionRecord;
import org.guildhall.engine.cases.NewCase;
import org.guildhall.engine.cases.StartedCase;
import org.guildhall.engine.cases.TimelineEntry;
import org.guildhall.engine.rules.RuleSetTag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cases: start one (guild staff), list and read them (anyone signed in), record an
 * agreement or withdraw one (guild staff).
 */
@RestController
@RequestMapping(path = "/api/cases", produces = "application/json")
@Tag(name = "Cases", description = "Strike authorization cases, each pinned to a rule-set version")
class CaseApiController {

	private final CaseService cases;

	private final BallotBox ballots;

	CaseApiController(CaseService cases, BallotBox ballots) {
		this.cases = cases;
		this.ballots = ballots;
	}

	@PostMapping(consumes = "application/json")
	@PreAuthorize("hasAuthority('guild-staff')")
	@Operation(summary = "Start a case (guild-staff)",
			description = "The case pins the current version of the rule set; later versions never change it.")
	ResponseEntity<CaseCreated> start(@Valid @RequestBody StartCaseRequest request) {
		StartedCase started = this.cases.start(new NewCase(request.title(), request.contract(), request.employer(),
				request.expiryDate(), request.finalOfferDate(), request.ruleSet().trim()));
		RuleSetTag tag = RuleSetTag.parse(started.ruleSetTag());
		CaseCreated created = new CaseCreated(started.id(), started.businessKey(), tag.key(), tag.version());
		return ResponseEntity.created(URI.create("/api/cases/" + started.id())).body(created);
	}

	@GetMapping
	@Operation(summary = "The cases, newest first")
	List<CaseListItem> list(
			@Parameter(description = "only cases with this status") @RequestParam(required = false) CaseStatus status) {
		return this.cases.list(status).stream().map(CaseListItem::of).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One case: status, pinned rule set, open steps, outcome, decisions and timeline")
	CaseView find(@PathVariable String id) {
		return view(this.cases.find(id));
	}

	@PostMapping("/{id}/agreement")
	@PreAuthorize("hasAuthority('guild-staff')")
	@Operation(summary = "Record that an agreement was reached (guild-staff)",
			description = "Correlates Message_AgreementReached: the case leaves its current stage for member "
					+ "ratification. 409 if the case has ended or is already ratifying an agreement.")
	CaseView agreement(@PathVariable String id, Authentication authentication) {
		this.cases.agreementReached(id, Actors.of(authentication));
		return view(this.cases.find(id));
	}

	@PostMapping(path = "/{id}/withdraw", consumes = "application/json")
	@PreAuthorize("hasAuthority('guild-staff')")
	@Operation(summary = "Withdraw an active case (guild-staff)",
			description = "Ends the case as WITHDRAWN with the reason on record. 409 if the case has ended.")
	CaseView withdraw(@PathVariable String id, @Valid @RequestBody WithdrawRequest request,
			Authentication authentication) {
		this.cases.withdraw(id, request.reason(), Actors.of(authentication));
		return view(this.cases.find(id));
	}

	/**
	 * What staff enter to start a case.
	 *
	 * @param title a short title; the business key is made from it
	 * @param contract the contract under negotiation
	 * @param employer the employer or employers' association
	 * @param expiryDate the day the contract expired or expires (ISO date)
	 * @param finalOfferDate the day of the employer's final offer (ISO date), if any
	 * @param ruleSet the rule set key, e.g. {@code sag-2008}
	 */
	@Schema(name = "StartCase")
	record StartCaseRequest(@NotBlank @Size(max = 200) @Schema(example = "TV/Theatrical contract 2008") String title,
			@Size(max = 500) String contract, @Size(max = 500) String employer,
			@Schema(example = "2008-06-30") LocalDate expiryDate,
			@Schema(example = "2008-06-30") LocalDate finalOfferDate,
			@NotBlank @Schema(example = "sag-2008") String ruleSet) {
	}

	/**
	 * A case just started.
	 *
	 * @param id the case id
	 * @param businessKey the business key made from the title
	 * @param ruleSet the pinned rule set
	 * @param version the pinned version
	 */
	@Schema(name = "CaseCreated")
	record CaseCreated(String id, String businessKey, String ruleSet, int version) {
	}

	/** Why a case is withdrawn. */
	@Schema(name = "Withdrawal")
	record WithdrawRequest(@NotBlank @Size(max = 2000) String reason) {
	}

	/** A case as lists show it. */
	@Schema(name = "CaseListItem")
	record CaseListItem(String id, String businessKey, String title, CaseStatus status, String ruleSet,
			Integer ruleSetVersion, Instant started, Instant ended, List<StepView> activeSteps) {

		static CaseListItem of(CaseSummary summary) {
			return new CaseListItem(summary.id(), summary.businessKey(), summary.title(), summary.status(),
					summary.ruleSetKey(), summary.ruleSetVersion(), Json.instant(summary.started()),
					Json.instant(summary.ended()), StepView.of(summary.activeSteps()));
		}

	}

	/**
	 * Everything about one case.
	 *
	 * @param outcome how it ended (the decisive decision), or null while active or when
	 * withdrawn
	 * @param currentVote the case's latest ballot-box vote (id, state, window), or null
	 * if it has none (certified-tally votes run outside Guildhall's box)
	 */
	@Schema(name = "Case")
	record CaseView(String id, String businessKey, String title, CaseStatus status, String ruleSet,
			Integer ruleSetVersion, Instant started, Instant ended, String contract, String employer,
			LocalDate expiryDate, LocalDate finalOfferDate, List<StepView> activeSteps, OutcomeView outcome,
			List<DecisionView> decisions, List<TimelineView> timeline,
			@Schema(description = "The case's latest ballot-box vote (id, state, window), or null",
					nullable = true) VoteView currentVote) {

		static CaseView of(CaseDetails details, VoteView currentVote) {
			CaseSummary summary = details.summary();
			DecisionRecord outcome = details.outcome();
			return new CaseView(summary.id(), summary.businessKey(), summary.title(), summary.status(),
					summary.ruleSetKey(), summary.ruleSetVersion(), Json.instant(summary.started()),
					Json.instant(summary.ended()), details.contract(), details.employer(),
					Json.day(details.expiryDate()), Json.day(details.finalOfferDate()),
					StepView.of(summary.activeSteps()),
					(outcome != null) ? new OutcomeView(outcome.decision(), outcome.outcome(), outcome.explanation())
							: null,
					details.decisions().stream().map(DecisionView::of).toList(),
					details.timeline().stream().map(TimelineView::of).toList(), currentVote);
		}

	}

	/**
	 * How a case ended.
	 *
	 * @param decision the decisive decision, e.g. {@code final-decision}
	 * @param outcome e.g. {@code CARRIED}
	 * @param explanation the outcome in words and numbers
	 */
	@Schema(name = "Outcome")
	record OutcomeView(String decision, String outcome, String explanation) {
	}

	/**
	 * One decision the case evaluated.
	 *
	 * @param ruleSet the rule-set version tag it was evaluated under, e.g.
	 * {@code sag-2008:1}
	 */
	@Schema(name = "Decision")
	record DecisionView(String decision, String ruleSet, String outcome, String explanation, Map<String, Object> inputs,
			Instant evaluated) {

		static DecisionView of(DecisionRecord record) {
			return new DecisionView(record.decision(), record.ruleSetTag(), record.outcome(), record.explanation(),
					Json.values(record.inputs()), Json.instant(record.evaluated()));
		}

	}

	/** A completed human step: who did it, when, and what they entered. */
	@Schema(name = "TimelineEntry")
	record TimelineView(Instant completed, String stepKey, String stepName, String actor, Map<String, Object> values) {

		static TimelineView of(TimelineEntry entry) {
			return new TimelineView(Json.instant(entry.completed()), entry.stepKey(), entry.stepName(), entry.actor(),
					Json.values(entry.values()));
		}

	}

	private CaseView view(CaseDetails details) {
		return CaseView.of(details, this.ballots.latestVote(details.summary().id()).map(VoteView::of).orElse(null));
	}

	/** The case's latest ballot-box vote; details at {@code /api/votes/{id}}. */
	@Schema(name = "Vote")
	record VoteView(String id, String state, Instant windowStart, Instant windowEnd, String rollHash, int eligible) {

		static VoteView of(Vote vote) {
			return new VoteView(vote.id(), vote.state(), vote.windowStart(), vote.windowEnd(), vote.rollHash(),
					vote.eligible());
		}

	}

}
