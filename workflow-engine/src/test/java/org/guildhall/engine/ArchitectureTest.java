package org.guildhall.engine;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The engine module's boundaries. */
@AnalyzeClasses(packages = "org.guildhall.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule engine_has_no_http_layer = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "jakarta.servlet..", "org.guildhall.web..")
		.as("engine_has_no_http_layer: HTTP lives in web-ui only");

	@ArchTest
	static final ArchRule rules_do_not_depend_on_cases_or_tasks = noClasses().that()
		.resideInAPackage("org.guildhall.engine.rules..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.guildhall.engine.cases..", "org.guildhall.engine.tasks..",
				"org.guildhall.engine.ballots..")
		.as("rules_do_not_depend_on_cases_or_tasks: rule sets are the bottom layer");

	@ArchTest
	static final ArchRule identity_stands_alone = noClasses().that()
		.resideInAPackage("org.guildhall.engine.identity..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.guildhall.engine.cases..", "org.guildhall.engine.tasks..",
				"org.guildhall.engine.rules..", "org.guildhall.engine.ballots..")
		.as("identity_stands_alone");

}
