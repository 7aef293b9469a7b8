package org.guildhall.web.audit;

import java.util.Set;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The path rebuilt from the trail on the shipped models. */
class ProcessPathTest {

	static final String BARGAINING = "bargaining:1:b";

	static final BpmnModelInstance BARGAINING_MODEL = AuditEvents.model("bargaining");

	@Test
	void aLoopCountsEachPassAndMarksTheFlowsTakenEachTime() {
		AuditEvents trail = new AuditEvents().path(BARGAINING, "b1", "Event_BargainingStarted",
				"Gateway_SessionToRecord", "Task_RecordBargainingSession", "Gateway_SessionOutcome",
				"Gateway_SessionToRecord", "Task_RecordBargainingSession", "Gateway_SessionOutcome",
				"Event_ImpasseReached");

		ProcessPath.Path path = ProcessPath.of(BARGAINING, trail.list(), Set.of(), BARGAINING_MODEL);

		assertThat(path.visits()).containsEntry("Task_RecordBargainingSession", 2)
			.containsEntry("Gateway_SessionToRecord", 2)
			.containsEntry("Event_ImpasseReached", 1);
		assertThat(path.loops()).containsOnly(entry("Gateway_SessionToRecord", 2),
				entry("Task_RecordBargainingSession", 2), entry("Gateway_SessionOutcome", 2));
		assertThat(path.flows()).containsExactlyInAnyOrder("Flow_ToSessionToRecord", "Flow_ToRecordBargainingSession",
				"Flow_ToSessionOutcome", "Flow_SessionContinue", "Flow_SessionImpasse");
		assertThat(path.interrupted()).isEmpty();
		assertThat(path.visitsAttribute()).contains("Task_RecordBargainingSession:2");
	}

	@Test
	void aFlowBetweenTwoVisitedActivitiesIsNotTakenUnlessTheTokenWentThatWay() {
		// one session that ended in an impasse: both ends of the "continue" flow were
		// visited, but it was never taken
		AuditEvents trail = new AuditEvents().path(BARGAINING, "b1", "Event_BargainingStarted",
				"Gateway_SessionToRecord", "Task_RecordBargainingSession", "Gateway_SessionOutcome",
				"Event_ImpasseReached");

		ProcessPath.Path path = ProcessPath.of(BARGAINING, trail.list(), Set.of(), BARGAINING_MODEL);

		assertThat(path.flows()).contains("Flow_SessionImpasse")
			.doesNotContain("Flow_SessionContinue", "Flow_SessionTentativeAgreement");
		assertThat(path.loops()).isEmpty();
	}

	@Test
	void anInterruptedStepIsMarkedAndLeadsNowhere() {
		AuditEvents trail = new AuditEvents()
			.path(BARGAINING, "b1", "Event_BargainingStarted", "Gateway_SessionToRecord")
			.ended(BARGAINING, "b1", "Task_RecordBargainingSession", true);

		ProcessPath.Path path = ProcessPath.of(BARGAINING, trail.list(), Set.of(), BARGAINING_MODEL);

		assertThat(path.interrupted()).containsExactly("Task_RecordBargainingSession");
		assertThat(path.flows()).contains("Flow_ToRecordBargainingSession").doesNotContain("Flow_ToSessionOutcome");
	}

	@Test
	void anOpenStepIsWaitingAndTheFlowIntoItTaken() {
		AuditEvents trail = new AuditEvents()
			.path(BARGAINING, "b1", "Event_BargainingStarted", "Gateway_SessionToRecord")
			// another definition's activities are not this diagram's
			.path("bargaining:2:other", "b2", "Gateway_SessionOutcome");

		ProcessPath.Path path = ProcessPath.of(BARGAINING, trail.list(), Set.of("Task_RecordBargainingSession"),
				BARGAINING_MODEL);

		assertThat(path.open()).containsExactly("Task_RecordBargainingSession");
		assertThat(path.flows()).containsExactlyInAnyOrder("Flow_ToSessionToRecord", "Flow_ToRecordBargainingSession");
		assertThat(path.visits()).doesNotContainKey("Gateway_SessionOutcome");
	}

	@Test
	void aRunningCalledProcessMarksItsCallActivityAndTheSubProcessAroundIt() {
		BpmnModelInstance top = AuditEvents.model("strike-authorization");
		assertThat(ProcessPath.runningCallActivities(top, Set.of("committee-determination")))
			.containsExactly("CallActivity_CommitteeDetermination");
		// two call activities run the member vote: the trail cannot tell which one
		assertThat(ProcessPath.runningCallActivities(top, Set.of("member-vote"))).isEmpty();

		AuditEvents trail = new AuditEvents().path("strike-authorization:1:t", "t1", "Gateway_SessionOutcome");
		ProcessPath.Path path = ProcessPath.of("strike-authorization:1:t", trail.list(),
				Set.of("CallActivity_CommitteeDetermination"), top);
		assertThat(path.open()).contains("CallActivity_CommitteeDetermination", "SubProcess_Negotiation");
		assertThat(path.flows()).containsExactly("Flow_Impasse");
	}

	@Test
	void withoutAModelOnlyTheVisitsAreKnown() {
		AuditEvents trail = new AuditEvents().path(BARGAINING, "b1", "Event_BargainingStarted");
		ProcessPath.Path path = ProcessPath.of(BARGAINING, trail.list(), Set.of(), null);
		assertThat(path.visits()).containsOnlyKeys("Event_BargainingStarted");
		assertThat(path.flows()).isEmpty();
	}

}
