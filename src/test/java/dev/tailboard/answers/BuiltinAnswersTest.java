package dev.tailboard.answers;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in engine answers about every shared fixture log with its real facts, over the real API. */
class BuiltinAnswersTest extends ServerTest {


    @Override
    protected Map<String, Object> settings() {
        Fixtures.job(logs, "deploy/running", "maven-success.log", "{\"status\": \"running\", \"startedAt\": \"2026-11-21T18:00:00Z\"}");
        return Map.of("tailboard.answers.chunk-delay", "0ms");
    }

    @Test
    void mavenTestFailureNamesTheFailedTestsWithTheirAssertionsAndLines() throws Exception {
        String answer = ask("why did it fail?", "maven/test-failure");
        assertContainsAll(answer,
                "**maven/test-failure** failed with exit code 1 after 10 s",
                "`maven-surefire-plugin:3.2.5:test (default-test)` on project checkout-service: There are test failures",
                "`demo.PriceCalculatorTest.tenPercent` ([line 47](/jobs/maven/test-failure#L47)): "
                        + "`AssertionFailedError: expected: <900> but was: <901>` at `PriceCalculatorTest.java:7`",
                "`demo.PriceCalculatorTest.zeroQuantity` ([line 60](/jobs/maven/test-failure#L60))",
                "expected: <0> but was: <1>",
                "`demo.PriceCalculatorTest.noDiscount` ([line 73](/jobs/maven/test-failure#L73))",
                "expected: <1000> but was: <1001>",
                "`Tests run: 6, Failures: 3, Errors: 0, Skipped: 0`",
                "`BUILD FAILURE` ([line 99](/jobs/maven/test-failure#L99))",
                "Maven build: 10.188 s",
                "mvn test -Dtest='PriceCalculatorTest#tenPercent+zeroQuantity+noDiscount'",
                "/builds/acme/checkout-service/target/surefire-reports");
    }

    @Test
    void mavenCompileFailureQuotesTheCompilerErrors() throws Exception {
        String answer = ask("what went wrong", "maven/compile-failure");
        assertContainsAll(answer,
                "`maven-compiler-plugin:3.1:compile (default-compile)` on project checkout-service: Compilation failure",
                "[line 17](/jobs/maven/compile-failure#L17): `[ERROR] Source option 5 is no longer supported. Use 7 or later.`",
                "[line 18](/jobs/maven/compile-failure#L18): `[ERROR] Target option 5 is no longer supported. Use 7 or later.`",
                "`maven.compiler.release`",
                "Maven build: 2.584 s");
    }

    @Test
    void mavenSuccessSaysSoWithTheTestCountAndTime() throws Exception {
        String answer = ask("how did it go?", "maven/success");
        assertContainsAll(answer, "**maven/success** succeeded with exit code 0", "`BUILD SUCCESS`",
                "`Tests run: 6, Failures: 0, Errors: 0, Skipped: 0` ([line 36](/jobs/maven/success#L36))",
                "Maven build: 7.551 s", "Nothing to fix");
        assertFalse(answer.contains("Failed tests"), answer);
    }

    @Test
    void npm404NamesTheMissingPackageAndTheRegistry() throws Exception {
        String answer = ask("why did the install fail?", "npm/install");
        assertContainsAll(answer,
                "[line 1](/jobs/npm/install#L1): `npm error code E404`",
                "[line 2](/jobs/npm/install#L2): `npm error 404 Not Found - GET https://registry.example.invalid/tailboard-no-such-package-4711`",
                "`tailboard-no-such-package-4711` was not found on the registry `https://registry.example.invalid`",
                "`package.json`");
    }

    @Test
    void pythonUnittestNamesTheErroredTestsAndWhereTheyRaised() throws Exception {
        String answer = ask("which tests failed?", "python/unittest");
        assertContainsAll(answer,
                "`test_parse.ParseTest.test_prerelease` ([line 7](/jobs/python/unittest#L7)): "
                        + "`ValueError: invalid literal for int() with base 10: '3-rc1'` raised in `parse_version in test_parse.py:4`",
                "`test_parse.ParseTest.test_two_parts` ([line 19](/jobs/python/unittest#L19)): "
                        + "`ValueError: not enough values to unpack (expected 3, got 2)`",
                "`return int(major), int(minor), int(patch)`",
                "`FAILED (errors=2)` ([line 33](/jobs/python/unittest#L33))",
                "python -m unittest test_parse.ParseTest.test_prerelease test_parse.ParseTest.test_two_parts");
    }

    @Test
    void gitlabJobNamesTheFailingSectionCommandAndJestExpectation() throws Exception {
        String answer = ask("why?", "gitlab/sections");
        assertContainsAll(answer,
                "(step_script)`, while running `npm test` ([line 5](/jobs/gitlab/sections#L5))",
                "`cart › applies coupon (src/cart.test.js)` ([line 10](/jobs/gitlab/sections#L10)): "
                        + "`expect(received).toBe(expected); Expected: 90; Received: 100`",
                "`ERROR: Job failed: exit code 1` ([line 15](/jobs/gitlab/sections#L15))",
                "section `prepare_script` (Preparing environment): 4 s",
                "section `step_script`",
                ": 37 s",
                "npx jest src/cart.test.js -t 'applies coupon'");
    }

    @Test
    void githubActionsLogNamesTheFailingGroupAndTheAnnotation() throws Exception {
        String answer = ask("why did it fail", "github/groups");
        assertContainsAll(answer,
                "**github/groups** failed with exit code 1",
                "**Failing step:** `Build and test` ([line 10](/jobs/github/groups#L10))",
                "`Tests run: 6, Failures: 3` ([line 13](/jobs/github/groups#L13))",
                "[line 15](/jobs/github/groups#L15): `::error file=src/main/java/demo/PriceCalculator.java,line=6::off-by-one in totalCents`",
                "`src/main/java/demo/PriceCalculator.java:6`: off-by-one in totalCents");
    }

    @Test
    void progressBarLogIsQuotedInItsLastState() throws Exception {
        String answer = ask("did the download finish?", "curl/progress");
        assertContainsAll(answer, "**curl/progress** succeeded", "No error lines in the log",
                "1: ######################################################################## 100.0%");
        assertFalse(answer.contains("6.6%"), answer);
    }

    @Test
    void aJobNamedInThePromptWinsOverNoPick() throws Exception {
        String answer = ask("why did python/unittest fail?", null);
        assertTrue(answer.startsWith("**python/unittest** failed"), answer);
    }

    @Test
    void aFollowUpIsAnsweredAboutTheSameJob() throws Exception {
        String first = ask("why did python/unittest fail?", null);
        Api api = api();
        Api.Answered followUp = api.follow((String) api.ask("and which tests?", null,
                List.of(ChatMessage.user("why did python/unittest fail?"), new ChatMessage("assistant", first))).get("events"));
        assertEquals("stop", followUp.finishReason());
        assertTrue(followUp.text().startsWith("**python/unittest** failed"), followUp.text());
    }

    @Test
    void whyDidItFailWithoutAJobIsAboutTheLatestFailedJob() throws Exception {
        List<Map<String, Object>> jobs = server.context().getBean(JsonMapper.class).readValue(
                api().get("/api/jobs").body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        Object latest = jobs.stream().filter(job -> "failed".equals(job.get("status"))).findFirst().orElseThrow().get("id");
        String answer = ask("why did it fail?", null);
        assertTrue(answer.startsWith("No job was picked, so this is about the latest failed one, [" + latest + "](/jobs/"
                + latest + ").\n\n**" + latest + "** failed"), answer);
        String several = ask("Why are the jobs failing?", null);
        assertTrue(several.startsWith("Tailboard has **9 jobs**"), several);
    }

    @Test
    void withoutAJobTheAnswerIsAboutTheDashboard() throws Exception {
        String answer = ask("Which jobs are running or failing? What about maven/999?", null);
        assertContainsAll(answer,
                "There is no job `maven/999`.",
                "**9 jobs**: 1 running, 2 succeeded, 6 failed",
                "**Running now:**",
                "[deploy/running](/jobs/deploy/running), started",
                "[maven/test-failure](/jobs/maven/test-failure), exit code 1",
                "[npm/install](/jobs/npm/install), exit code 1",
                "**Recently succeeded:**");
    }

    @Test
    void aRunningJobIsDescribedAsSoFar() throws Exception {
        String answer = ask("how is it going?", "deploy/running");
        assertContainsAll(answer, "**deploy/running** is still running (started", "this is what its log says so far",
                "follow it live");
    }

    @Test
    void quotedLinesNeverCarryEscapeCodes() throws Exception {
        for (String job : List.of("maven/test-failure", "maven/compile-failure", "npm/install", "gitlab/sections", "github/groups")) {
            String answer = ask("why", job);
            assertFalse(answer.contains("\u001B") || answer.contains("\r"), job + ": " + answer);
        }
    }

    /** Asks over the real API and reads the whole answer from its event stream. */
    private String ask(String prompt, String job) throws IOException, InterruptedException {
        Api api = api();
        Api.Answered answered = api.follow((String) api.ask(prompt, job).get("events"));
        assertEquals("stop", answered.finishReason(), answered.text());
        return answered.text();
    }

    private static void assertContainsAll(String answer, String... facts) {
        for (String fact : facts) {
            assertTrue(answer.contains(fact), "missing «" + fact + "» in:\n" + answer);
        }
    }
}
