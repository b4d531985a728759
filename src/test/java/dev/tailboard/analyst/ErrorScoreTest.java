package dev.tailboard.analyst;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What marks a real error across tools, and the look-alikes that are none. */
class ErrorScoreTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            FAILURE | vis-subprocess.h:21:29: error: unknown type name ‘fd_set’
            FAILURE | error[E0425]: cannot find value `CURSOR` in this scope
            FAILURE | src/Cart.cs(12,5): error CS0103: The name 'total' does not exist in the current context
            FAILURE | [ERROR] /w/src/App.java:[71,65] cannot find symbol
            FAILURE | ./tests/test_shell.py:33:11: F821 undefined name 'FileNotFoundError'
            FAILURE | ./main.go:12:2: undefined: helper
            FAILURE | --- FAIL: TestParse (0.00s)
            FAILURE | ConsoleClientTest > testClassicParsing() FAILED
            FAILURE | tests.openface_tests.test_batch ... FAIL
            FAILURE | Nancy.Tests.BrowserFixture.Should_return_JSON [FAIL]
            FAILURE | [ERROR] demo.PriceTest.rounds -- Time elapsed: 0.01 s <<< FAILURE!
            FAILURE | FAIL test/autoprefixer.test.js (11.408s)
            FAILURE | ● cart › applies coupon
            FAILURE | ✕ applies coupon (5 ms)
            FAILURE | panic: runtime error: invalid memory address or nil pointer dereference
            FAILURE | Exception in thread "main" java.lang.IllegalStateException: boom
            FAILURE | npm ERR! code ERESOLVE
            FAILURE | #6 ERROR: failed to copy: httpReadSeeker: failed open: not found
            FAILURE | ::error file=src/A.java,line=6::off-by-one
            FAILURE | ##[error]Cannot find module 'left-pad'
            FAILURE | bash: line 3: pom.xml: No space left on device
            ERROR   | java.lang.IllegalArgumentException: no such file ../data/a.log
            ERROR   | Error response from daemon: This node is not a swarm manager.
            ERROR   | fatal: unsafe repository ('/github/workspace' is owned by someone else)
            ERROR   | [ERROR] Source option 5 is no longer supported. Use 7 or later.
            ERROR   | bash: bc: command not found
            SUMMARY | [INFO] BUILD FAILURE
            SUMMARY | make: *** [vis] Error 1
            SUMMARY | [ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project app: There are test failures.
            SUMMARY | error: failed to solve: failed to compute cache key
            SUMMARY | Tests:       1 failed, 216 passed, 217 total
            SUMMARY | FAILED (failures=6)
            SUMMARY | > Task :app:test FAILED
            SUMMARY | [ERROR] Tests run: 7147, Failures: 1, Errors: 0, Skipped: 7
            DETAIL  | [ERROR]   symbol:   method getExecutedTests()
            DETAIL  | npm ERR! peer react@"^18.2.0" from next@14.0.0
            NONE    | [ERROR] -> [Help 1]
            NONE    | [ERROR] Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF8
            NONE    | [WARNING] /w/src/Gen.java:[18,26] redundant cast to java.lang.String
            NONE    | /w/src/Gen.java:[890,29] Unsafe is internal proprietary API and may be removed in a future release
            NONE    | [INFO] Tests run: 6, Failures: 0, Errors: 0, Skipped: 0
            NONE    | 0 Error(s)
            NONE    | checking whether compiler accepts -Werror=unknown-warning-option... no
            NONE    |    Compiling quick-error v1.2.2
            NONE    | --tests, testOutOfMemoryError:testStackOverFlowError]
            NONE    | --- PASS: TestParse (0.00s)
            """)
    void scoresALineByWhatItSays(ErrorKind kind, String line) {
        assertEquals(kind, ErrorScore.of(line));
    }
}
