package dev.tailboard.analyst;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The finder's general rules, each on a small log written the way CI runners and tools write them. */
class ErrorFinderTest {

    @Test
    void errorsOfAStepThatIgnoresFailuresDoNotCount() {
        Diagnosis diagnosis = diagnose(null, """
                ##[group]Run mvn dependency:go-offline --fail-never
                [ERROR] /w/src/Old.java:[3,7] cannot find symbol
                ##[group]Run mvn verify
                [INFO] Running demo.PriceTest
                [ERROR] demo.PriceTest.rounds -- Time elapsed: 0.01 s <<< FAILURE!
                org.opentest4j.AssertionFailedError: expected: <900> but was: <901>
                \tat org.junit.jupiter.api.AssertEquals.failNotEqual(AssertEquals.java:197)
                \tat demo.PriceTest.rounds(PriceTest.java:7)
                [INFO] BUILD FAILURE
                ##[error]Process completed with exit code 1.
                """);
        FailureCause cause = diagnosis.cause();
        assertEquals(5, cause.line().line());
        assertEquals("demo.PriceTest.rounds", cause.subject());
        assertEquals(List.of(6L, 8L), lines(cause.explanation()), "the assertion and the test's own frame");
        assertEquals(new Quote(4, "[INFO] Running demo.PriceTest"), cause.subStep());
        assertEquals("mvn verify", diagnosis.step().name());
        assertEquals(10, diagnosis.step().end().line());
    }

    @Test
    void onARunnerThatStopsAtAFailureTheLastFailedStepFailedTheJob() {
        Diagnosis diagnosis = diagnose(null, """
                ##[group]Run npm run lint
                src/a.js:3:7: error Unexpected var
                ##[error]Process completed with exit code 1.
                ##[group]Run npm test
                FAIL src/cart.test.js
                ##[error]Process completed with exit code 1.
                """);
        assertEquals(5, diagnosis.cause().line().line(), "the lint step was allowed to fail: the job went on after it");
        assertEquals(List.of(new Quote(3, "##[error]Process completed with exit code 1.")), diagnosis.otherFailures());
    }

    @Test
    void onTravisEveryCommandRunsAndTheFirstFailedOneIsTheCause() {
        Diagnosis diagnosis = diagnose(null, """
                $ ruby --version
                ruby 2.4.1p111 (2017-03-22 revision 58053) [x86_64-linux]
                $ python --version
                Python 2.7.14
                $ flake8
                ./app/shell.py:33:11: F821 undefined name 'FileNotFoundError'
                The command "flake8" exited with 1.
                $ pytest
                E   NameError: name 'FileNotFoundError' is not defined
                FAILED tests/test_shell.py::test_run - NameError
                The command "pytest" exited with 1.
                Done. Your build exited with 1.
                """);
        assertEquals(6, diagnosis.cause().line().line());
        assertEquals("flake8", diagnosis.step().name());
        assertEquals(new Quote(4, "Python 2.7.14"), diagnosis.runtime(), "the version of the failing file's language");
    }

    @Test
    void anErrorTheScriptWentOnAfterIsOnlyWhereTheSameErrorFirstShowed() {
        Diagnosis diagnosis = diagnose(null, """
                section_start:1:step_script\r\u001B[0KExecuting "step_script" stage of the job script
                $ ./deploy.sh
                Removing the existing stack...
                Error response from daemon: This node is not a swarm manager.
                Stack not found, skipping removal.
                Deploying the stack...
                this node is not a swarm manager
                section_end:2:step_script\r\u001B[0K
                ERROR: Job failed: exit code 1
                """);
        FailureCause cause = diagnosis.cause();
        assertEquals(7, cause.line().line(), "the last line the failing command printed");
        assertTrue(!cause.recognised());
        assertEquals(4, cause.firstSeen().line());
        assertEquals(4, cause.first().line());
        assertEquals("./deploy.sh", diagnosis.step().name());
        assertEquals(9, diagnosis.step().end().line());
    }

    @Test
    void aCommandThatIgnoresItsFailureIsSkippedAndTheLastTracedCommandComesFirst() {
        Diagnosis diagnosis = diagnose(null, """
                [job] $ /bin/sh -xe /tmp/build.sh
                + ./examples.sh
                Error: example 3 did not build
                + rm -rf cache || true
                rm: cannot remove 'cache': Permission denied
                + mvn test
                [ERROR] /w/src/App.java:[12,5] cannot find symbol
                [ERROR]   symbol:   class Helper
                Build step 'Execute shell' marked build as failure
                Finished: FAILURE
                """);
        assertEquals(7, diagnosis.cause().line().line());
        assertEquals(List.of(8L), lines(diagnosis.cause().explanation()));
    }

    @Test
    void withoutAnyErrorLineTheToolsVerdictWithAReasonIsTheCause() {
        Diagnosis diagnosis = diagnose(null, """
                [INFO] BUILD FAILURE
                [ERROR] Failed to execute goal on project app: Could not resolve dependencies for project demo:app:jar:1.0: Could not find artifact demo:lib:jar:2.0
                [ERROR] -> [Help 1]
                """);
        assertEquals(2, diagnosis.cause().line().line());
    }

    @Test
    void linesTheLastSuccessfulRunPrintedTooAreNotTheCause() {
        KnownLines passed = new KnownLines();
        List.of("$ make", "warning: cache not found", "ERROR: mirror 3 unreachable, using mirror 4", "Done in 12.5s")
                .forEach(passed::add);
        Diagnosis diagnosis = diagnose(passed, """
                $ make
                warning: cache not found
                ERROR: mirror 3 unreachable, using mirror 4
                main.c:5:3: error: 'count' undeclared
                make: *** [all] Error 1
                The command "make" exited with 2.
                """);
        assertEquals(4, diagnosis.cause().line().line());
        RunComparison comparison = diagnosis.comparison();
        assertEquals("pipe/1", comparison.earlierRun());
        assertEquals(3, comparison.newLines(), "the error, make's verdict and the exit line");
        assertEquals(4, comparison.firstNew().line());
        assertTrue(comparison.causeIsNew());
    }

    @Test
    void everyErrorLineIsMarkedForTheViewerAndAPassingLogHasNoCause() {
        Diagnosis diagnosis = diagnose(null, """
                Compiling
                [ERROR] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0
                npm ERR! code E404
                all good
                """, false);
        assertEquals(List.of(2L, 3L), diagnosis.errorLines());
        assertNotNull(diagnosis.cause(), "an error line without a failure mark still explains a job of unknown status");
        assertNull(diagnose(null, "Compiling\nall good\n", false).cause());
    }

    @Test
    void theExcerptHoldsTheLinesAroundTheErrorNotTheEndOfTheLog() {
        StringBuilder log = new StringBuilder("$ go test ./...\n");
        for (int i = 0; i < 100; i++) {
            log.append("ok  \tpkg/").append(i).append("\t0.01s\n");
        }
        log.append("--- FAIL: TestParse (0.00s)\n    parse_test.go:12: got 3, want 4\nFAIL\tpkg/parse\t0.02s\n");
        for (int i = 0; i < 100; i++) {
            log.append("cleanup ").append(i).append('\n');
        }
        log.append("The command \"go test ./...\" exited with 1.\n");
        String excerpt = diagnose(null, log.toString()).excerptText();
        assertTrue(excerpt.contains("102: --- FAIL: TestParse (0.00s)\n103:     parse_test.go:12: got 3, want 4\n"), excerpt);
        assertTrue(excerpt.contains("1: $ go test ./..."), excerpt);
        assertTrue(!excerpt.contains("cleanup 99"), excerpt);
    }

    private static Diagnosis diagnose(KnownLines known, String log) {
        return diagnose(known, log, true);
    }

    private static Diagnosis diagnose(KnownLines known, String log, boolean failed) {
        ErrorFinder finder = new ErrorFinder(known, known == null ? null : "pipe/1");
        String[] lines = log.split("\n");
        for (int i = 0; i < lines.length; i++) {
            finder.line(i + 1, lines[i]);
        }
        return finder.finish(failed);
    }

    private static List<Long> lines(List<Quote> quotes) {
        return quotes.stream().map(Quote::line).toList();
    }
}
