package org.guildhall.engine;

import java.util.Set;
import java.util.TreeSet;

import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's SQL mappings parsed ahead of the engine: the same statements, with the
 * same database-specific SQL, as Camunda's own parse; handed only to an engine on the
 * database type and table prefix they were parsed for, once, and not at all when the
 * parse failed.
 */
class EarlyEngineMappingsTest {

	@ParameterizedTest
	@CsvSource({ "h2, ''", "postgres, ''", "postgres, GUILD." })
	void theEarlyParseIsCamundasOwn(String databaseType, String tablePrefix) throws Exception {
		Configuration early = EarlyEngineMappings.parse(databaseType, tablePrefix);
		Configuration camundas = new CamundasParse().parse(databaseType, tablePrefix);

		Set<String> names = new TreeSet<>(camundas.getMappedStatementNames());
		assertThat(names).hasSizeGreaterThan(1000);
		assertThat(new TreeSet<>(early.getMappedStatementNames())).isEqualTo(names);
		int staticSql = 0;
		for (String name : names) {
			MappedStatement theirs = camundas.getMappedStatement(name);
			MappedStatement ours = early.getMappedStatement(name);
			assertThat(ours.getSqlCommandType()).as(name).isEqualTo(theirs.getSqlCommandType());
			assertThat(ours.getResultMaps()).as(name)
				.extracting(ResultMap::getId)
				.isEqualTo(theirs.getResultMaps().stream().map(ResultMap::getId).toList());
			assertThat(ours.getSqlSource().getClass()).as(name).isEqualTo(theirs.getSqlSource().getClass());
			if (theirs.getSqlSource() instanceof RawSqlSource) {
				// the database's and prefix's SQL, resolved at parse time
				assertThat(ours.getBoundSql(null).getSql()).as(name).isEqualTo(theirs.getBoundSql(null).getSql());
				staticSql++;
			}
		}
		assertThat(staticSql).as("statements whose SQL could be compared").isGreaterThan(100);
		assertThat(early.getMappedStatement("selectProperty").getBoundSql(null).getSql())
			.contains(tablePrefix + "ACT_GE_PROPERTY");
	}

	@Test
	void theMappingsGoOnlyToAnEngineOnTheDatabaseAndPrefixTheyWereParsedFor() {
		EarlyEngineMappings mappings = EarlyEngineMappings.start("h2", "");

		assertThat(mappings.take("postgres", "")).isEmpty();
		assertThat(mappings.take("h2", "OTHER.")).isEmpty();
		assertThat(mappings.take("h2", null))
			.hasValueSatisfying((configuration) -> assertThat(configuration.hasStatement("selectProperty")).isTrue());
		assertThat(mappings.take("h2", "")).as("a configuration belongs to one engine").isEmpty();
	}

	@Test
	void aFailedParseLeavesTheParsingToTheEngine() {
		// Camunda has no SQL dialect of that name: its properties cannot be built
		assertThat(EarlyEngineMappings.start("no-such-database", "").take("no-such-database", "")).isEmpty();
	}

	@Test
	void theDatabaseTypeIsCamundasNameForTheConfiguredDatabase() {
		assertThat(EarlyEngineMappings.databaseType(new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:h2:file:./data/guildhall;AUTO_SERVER=TRUE")))
			.isEqualTo("h2");
		assertThat(EarlyEngineMappings.databaseType(new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://db.example.org:5432/guildhall")))
			.isEqualTo("postgres");
		assertThat(EarlyEngineMappings
			.databaseType(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/guildhall")
				.withProperty("camunda.bpm.database.type", "cockroachdb")))
			.isEqualTo("cockroachdb");
		assertThat(EarlyEngineMappings
			.databaseType(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:mysql://db/guildhall")))
			.isNull();
		assertThat(EarlyEngineMappings.databaseType(new MockEnvironment())).isNull();
	}

	@Test
	void theInitializerStartsTheParseOnlyForAKnownDatabaseAndWhenNotTurnedOff() {
		assertThat(initialized(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x"))).isTrue();
		assertThat(initialized(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x")
			.withProperty(EarlyEngineMappings.ENABLED_PROPERTY, "false"))).isFalse();
		assertThat(initialized(new MockEnvironment())).isFalse();
	}

	private static boolean initialized(MockEnvironment environment) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.setEnvironment(environment);
			new EarlyEngineMappings.Initializer().initialize(context);
			return context.getBeanFactory().containsSingleton(EarlyEngineMappings.BEAN_NAME);
		}
	}

	/**
	 * Camunda's own parse, as its engine configuration does it when building an engine.
	 */
	static class CamundasParse extends StandaloneProcessEngineConfiguration {

		Configuration parse(String databaseType, String tablePrefix) {
			setDatabaseType(databaseType);
			setDatabaseTablePrefix(tablePrefix);
			JdbcDataSource dataSource = new JdbcDataSource();
			dataSource.setURL("jdbc:h2:mem:never-opened");
			setDataSource(dataSource);
			initTransactionFactory();
			initSqlSessionFactory();
			return getSqlSessionFactory().getConfiguration();
		}

	}

}
