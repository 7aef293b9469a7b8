package org.guildhall.web.ballots;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.guildhall.engine.ballots.BallotBox;
import org.guildhall.engine.ballots.BallotException;
import org.guildhall.engine.ballots.RollSummary;
import org.guildhall.engine.ballots.Vote;
import org.guildhall.engine.cases.CaseService;
import org.guildhall.engine.cases.CaseStateException;
import org.guildhall.web.security.Actors;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * Ballot-box pages: the members' ballot page (no login, a one-time credential), the vote
 * page for staff (turnout chart, credentials, result), and the election officer's roll
 * upload.
 */
@Controller
class BallotPageController {

	static final String BALLOT_VIEW = "ballots/ballot";

	static final String RECEIPT_VIEW = "ballots/receipt";

	static final String VOTE_VIEW = "ballots/vote";

	static final String ROLL_VIEW = "ballots/roll";

	private final BallotBox box;

	private final CaseService cases;

	private final VoteResults results;

	private final FailedCredentialLimiter limiter;

	BallotPageController(BallotBox box, CaseService cases, VoteResults results, FailedCredentialLimiter limiter) {
		this.box = box;
		this.cases = cases;
		this.results = results;
		this.limiter = limiter;
	}

	@GetMapping("/vote/{voteId}")
	String ballot(@PathVariable String voteId, Model model) {
		model.addAttribute("vote", this.box.find(voteId));
		return BALLOT_VIEW;
	}

	@PostMapping("/vote/{voteId}")
	ModelAndView cast(@PathVariable String voteId, @RequestParam(defaultValue = "") String credential,
			@RequestParam(required = false) String choice, @RequestParam(required = false) String confirm,
			HttpServletRequest request) {
		Vote vote = this.box.find(voteId);
		ModelAndView page = new ModelAndView(BALLOT_VIEW);
		page.addObject("vote", vote);
		page.addObject("choice", choice);
		if (choice == null) {
			return refuse(page, HttpStatus.UNPROCESSABLE_ENTITY, "Choose YES, NO or ABSTAIN.");
		}
		if (confirm == null) {
			return refuse(page, HttpStatus.UNPROCESSABLE_ENTITY,
					"Tick the confirmation: a ballot cannot be changed once it is cast.");
		}
		String client = request.getRemoteAddr();
		long wait = this.limiter.retryAfterSeconds(client);
		if (wait > 0) {
			return refuse(page, HttpStatus.TOO_MANY_REQUESTS,
					"Too many attempts with invalid credentials from this address; try again in " + wait + " seconds.");
		}
		try {
			String receipt = this.box.cast(voteId, credential, choice);
			ModelAndView done = new ModelAndView(RECEIPT_VIEW);
			done.addObject("vote", vote);
			done.addObject("receipt", receipt);
			return done;
		}
		catch (BallotException.BadCredential ex) {
			this.limiter.failed(client);
			return refuse(page, HttpStatus.FORBIDDEN, "This credential is not valid for this vote. Check it "
					+ "against your voting letter (letters and digits, hyphens optional).");
		}
		catch (BallotException ex) {
			return refuse(page, BallotApiController.statusOf(ex), ex.getMessage());
		}
	}

	@GetMapping("/vote/{voteId}/receipt")
	String receipt(@PathVariable String voteId, @RequestParam(defaultValue = "") String code, Model model) {
		model.addAttribute("vote", this.box.find(voteId));
		model.addAttribute("code", code);
		model.addAttribute("counted", !code.isBlank() && this.box.isCounted(voteId, code));
		model.addAttribute("checked", !code.isBlank());
		return RECEIPT_VIEW;
	}

	@GetMapping("/votes/{voteId}")
	String vote(@PathVariable String voteId, Model model) {
		Vote vote = this.box.find(voteId);
		model.addAttribute("vote", vote);
		model.addAttribute("caseSummary", this.cases.summary(vote.caseId()));
		model.addAttribute("turnout", this.box.turnout(voteId));
		model.addAttribute("history", this.box.turnoutHistory(voteId));
		model.addAttribute("result", this.box.result(voteId).map((tally) -> this.results.result(voteId)).orElse(null));
		return VOTE_VIEW;
	}

	@GetMapping("/cases/{caseId}/roll")
	@PreAuthorize("hasAuthority('election-officer')")
	String roll(@PathVariable String caseId, Model model) {
		model.addAttribute("caseSummary", this.cases.summary(caseId));
		model.addAttribute("pending", this.box.pendingRoll(caseId).orElse(null));
		return ROLL_VIEW;
	}

	@PostMapping("/cases/{caseId}/roll")
	@PreAuthorize("hasAuthority('election-officer')")
	ModelAndView uploadRoll(@PathVariable String caseId, @RequestParam("roll") MultipartFile file,
			Authentication authentication) throws IOException {
		ModelAndView page = new ModelAndView(ROLL_VIEW);
		page.addObject("caseSummary", this.cases.summary(caseId));
		try (InputStream in = file.getInputStream()) {
			this.results.requireActiveCase(caseId);
			RollSummary summary = this.box.uploadRoll(caseId, in, Actors.of(authentication));
			page.addObject("pending", summary);
			page.addObject("message", "Roll uploaded: " + summary.entries() + " members, " + summary.eligible()
					+ " eligible. It will be frozen into the vote when the ballot is prepared.");
		}
		catch (BallotException | CaseStateException ex) {
			page.addObject("pending", this.box.pendingRoll(caseId).orElse(null));
			page.addObject("error", "The roll was not stored: " + ex.getMessage());
			page.setStatus(HttpStatus.UNPROCESSABLE_ENTITY);
		}
		return page;
	}

	private static ModelAndView refuse(ModelAndView page, HttpStatus status, String message) {
		page.addObject("error", message);
		page.setStatus(status);
		return page;
	}

}
