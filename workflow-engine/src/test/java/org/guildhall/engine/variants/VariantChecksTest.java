package org.guildhall.engine.variants;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks an uploaded variant must pass: every live model and shipped variant passes
 * them; each refusal names what is wrong.
 */
class VariantChecksTest {

	/** Beans of the application, as the expression check sees them. */
	static final Predicate<String> BEANS = Set.of("guildhallCaseService", "ballotBox", "overdueStepDelegate",
			"voteCountsValidator", "dataSource")::contains;

	@ParameterizedTest
	@ValueSource(strings = { "processes/strike-authorization.bpmn", "processes/board-deliberation.bpmn",
			"processes/bargaining.bpmn", "processes/committee-determination.bpmn", "processes/member-vote.bpmn",
			"processes/final-strike-decision.bpmn", "variants/members-decide/strike-authorization.bpmn",
			"variants/board-only/strike-authorization.bpmn" })
	void everyLiveModelAndShippedVariantPasses(String resource) {
		VariantChecks.Checked checked = VariantChecks.check(bytes(resource), BEANS);

		assertThat(resource).contains(checked.processId());
	}

	@Test
	void notXml() {
		assertRefused("this is not XML".getBytes(StandardCharsets.UTF_8), "not well-formed XML");
	}

	@Test
	void aDoctypeIsRefusedBeforeAnythingIsRead() {
		String xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
				+ live("bargaining").substring(live("bargaining").indexOf("<bpmn:definitions"));
		assertRefused(xml, "DOCTYPE");
	}

	@Test
	void aHugeFile() {
		byte[] huge = new byte[VariantChecks.MAX_BYTES + 1];
		assertRefused(huge, "at most 1 MB");
	}

	@Test
	void notBpmn() {
		assertRefused("<?xml version=\"1.0\"?><definitions xmlns=\"urn:other\"/>", "not a BPMN 2.0 document");
	}

	@Test
	void aProcessIdThatIsNotGuildhalls() {
		assertRefused(live("bargaining").replace("id=\"bargaining\"", "id=\"haggling\""),
				"process id 'haggling' is not one of Guildhall's processes");
	}

	@Test
	void aRemovedStepKey() {
		assertRefused(live("bargaining").replace("Task_RecordBargainingSession", "Task_RecordSession"),
				"must keep the user task 'Task_RecordBargainingSession'");
	}

	@Test
	void aMissingDecisionOutput() {
		assertRefused(live("final-strike-decision").replace("name=\"finalDecisionOutcome\"", "name=\"outcome\""),
				"has no output 'finalDecisionOutcome'");
	}

	@Test
	void anUnknownDecisionKey() {
		assertRefused(live("board-deliberation").replace("camunda:decisionRef=\"board-motion\"",
				"camunda:decisionRef=\"board-vote\""), "'board-vote', which is not a rule-set decision");
	}

	@Test
	void aCallToAProcessThatDoesNotExist() {
		assertRefused(
				live("strike-authorization").replace("calledElement=\"bargaining\"", "calledElement=\"haggling\""),
				"calls 'haggling'");
	}

	@Test
	void anUnlabelledConditionalFlow() {
		assertRefused(live("strike-authorization").replace("name=\"Impasse\" ", ""),
				"conditional sequence flow 'Flow_Impasse'");
	}

	@Test
	void anUnlabelledFlowNode() {
		assertRefused(live("bargaining").replace(" name=\"Record bargaining session\"", ""), "has no label");
	}

	@Test
	void noHistoryTimeToLive() {
		assertRefused(live("bargaining").replace("camunda:historyTimeToLive=\"P3650D\"", ""),
				"no history time to live");
	}

	@Test
	void aTopLevelVariantThatDecidesNothing() {
		String xml = live("strike-authorization")
			.replace("calledElement=\"final-strike-decision\"", "calledElement=\"bargaining\"")
			.replace("${'member-vote'}", "${'ratification-vote'}");
		assertRefused(xml, "must decide the strike");
	}

	@Test
	void aLoopWithoutExit() {
		// every session outcome leads back to the next session: nothing reaches an end
		String xml = live("bargaining")
			.replace("targetRef=\"Event_TentativeAgreementReached\"", "targetRef=\"Gateway_SessionToRecord\"")
			.replace("targetRef=\"Event_ImpasseReached\"", "targetRef=\"Gateway_SessionToRecord\"");
		assertRefused(xml, "cannot reach an end event");
	}

	@Test
	void aScriptTask() {
		String xml = live("bargaining").replace("<bpmn:userTask id=\"Task_RecordBargainingSession\"",
				"<bpmn:scriptTask id=\"Task_Script\" name=\"Script\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask><bpmn:userTask id=\"Task_RecordBargainingSession\"");
		assertRefused(xml, "runs a script");
	}

	@Test
	void aJavaClassDelegate() {
		assertRefused(live("board-deliberation").replace("camunda:delegateExpression=\"${overdueStepDelegate}\"",
				"camunda:class=\"java.lang.Runtime\""), "names a Java class");
	}

	@Test
	void anExpressionCallingAnApplicationBean() {
		assertRefused(live("board-deliberation").replace("${overdueStepDelegate}", "${guildhallCaseService}"),
				"names 'guildhallCaseService'");
	}

	@Test
	void anExpressionCallingAMethod() {
		assertRefused(live("bargaining").replace("${sessionOutcome == 'CONTINUE'}",
				"${sessionOutcome.getClass().forName('java.lang.Runtime') == 'CONTINUE'}"), "reads properties");
	}

	@Test
	void aListenerWithAnArbitraryExpression() {
		assertRefused(
				live("strike-authorization").replace("${execution.setVariable('caseStatus', 'ACTIVE')}",
						"${execution.getProcessEngineServices().getRuntimeService()}"),
				"reads properties or calls methods");
	}

	@Test
	void aStatusThatIsNotACaseStatus() {
		assertRefused(live("strike-authorization").replace("${execution.setVariable('caseStatus', 'ACTIVE')}",
				"${execution.setVariable('caseStatus', 'HACKED')}"), "not a case status");
	}

	@Test
	void aValidatorByClassName() {
		assertRefused(live("board-deliberation").replace("config=\"${voteCountsValidator}\"",
				"config=\"org.example.Validator\""), "is not one of Guildhall's validators");
	}

	@Test
	void aTenantOfItsOwn() {
		assertRefused(
				live("board-deliberation").replace("camunda:decisionRefBinding=\"versionTag\"",
						"camunda:decisionRefBinding=\"versionTag\" camunda:decisionRefTenantId=\"other\""),
				"not accepted in the sandbox");
	}

	private static void assertRefused(String xml, String message) {
		assertRefused(xml.getBytes(StandardCharsets.UTF_8), message);
	}

	private static void assertRefused(byte[] bytes, String message) {
		assertThatThrownBy(() -> VariantChecks.check(bytes, BEANS)).isInstanceOf(VariantException.Invalid.class)
			.hasMessageContaining(message);
	}

	static String live(String key) {
		return new String(bytes("processes/" + key + ".bpmn"), StandardCharsets.UTF_8);
	}

	static byte[] bytes(String resource) {
		try (InputStream in = VariantChecksTest.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
