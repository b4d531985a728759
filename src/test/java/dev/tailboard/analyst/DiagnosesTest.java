package dev.tailboard.analyst;

import dev.tailboard.TailboardSettings;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The finder over jobs of a real server: a pipeline's run beside its last good run, the viewer's error lines, a 100 MB log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class DiagnosesTest {

    private static final String GOOD_RUN = """
            $ ./gradlew build
            > Task :compileJava
            ERROR: mirror 3 unreachable, using mirror 4
            > Task :test
            BUILD SUCCESSFUL in 12s
            The command "./gradlew build" exited with 0.
            """;
    private static final String BAD_RUN = """
            $ ./gradlew build
            > Task :compileJava
            ERROR: mirror 3 unreachable, using mirror 4
            > Task :test
            CartTest > appliesCoupon() FAILED
                org.opentest4j.AssertionFailedError: expected: <90> but was: <100>
                    at app.CartTest.appliesCoupon(CartTest.java:21)
            1 test completed, 1 failed
            > Task :test FAILED
            BUILD FAILED in 14s
            The command "./gradlew build" exited with 1.
            """;
    private static final long HUGE_BYTES = 100L * 1024 * 1024;

    private LogFolder logs;
    private TestServer server;
    private long hugeErrorLine;

    @BeforeAll
    void start() throws IOException {
        logs = new LogFolder(Files.createTempDirectory("tailboard-diagnoses"));
        logs.append("shop/1", BAD_RUN).finish("shop/1", "failed", 1);
        logs.append("shop/2", GOOD_RUN).finish("shop/2", "success", 0);
        logs.append("shop/3", BAD_RUN).finish("shop/3", "failed", 1);
        hugeErrorLine = writeHugeLog();
        logs.finish("huge/1", "failed", 1);
        server = TestServer.start(logs.root(), Map.of());
        JobRegistry registry = server.context().getBean(JobRegistry.class);
        Await.until("the jobs to be seen", () -> registry.find(new JobId("huge/1")).isPresent()
                && registry.find(new JobId("shop/3")).isPresent());
    }

    @AfterAll
    void stop() {
        server.close();
        FileUtils.deleteQuietly(logs.root().toFile());
    }

    @Test
    void aFailedRunIsComparedWithTheLastEarlierRunThatSucceeded() {
        Diagnosis diagnosis = diagnoses().diagnose(new JobId("shop/3")).orElseThrow();
        assertEquals(5, diagnosis.cause().line().line(), "the mirror error is in the good run too");
        RunComparison comparison = diagnosis.comparison();
        assertEquals("shop/2", comparison.earlierRun());
        assertEquals(new Quote(5, "CartTest > appliesCoupon() FAILED"), comparison.firstNew());
        assertTrue(comparison.causeIsNew());

        Briefing briefing = server.context().getBean(Briefings.class).brief(List.of("why did it fail?"), new JobId("shop/3"));
        String answer = briefing.report();
        assertTrue(answer.contains("**Why it failed:** The test `CartTest > appliesCoupon()` failed, with "
                + "`org.opentest4j.AssertionFailedError: expected: <90> but was: <100>`, raised at `CartTest.java:21` "
                + "([line 5](/jobs/shop/3#L5))."), answer);
        assertTrue(answer.contains("**Compared with [shop/2](/jobs/shop/2)**, the last run of this pipeline that succeeded: "
                + "6 lines are new in this run, the first at [line 5](/jobs/shop/3#L5): `CartTest > appliesCoupon() FAILED`. "
                + "The error line is new too. New right after it: [line 6](/jobs/shop/3#L6), [line 7](/jobs/shop/3#L7)"), answer);
        assertTrue(briefing.context().endsWith("""
                Lines of the log (number: text, colour codes removed):

                1: $ ./gradlew build
                2: > Task :compileJava
                3: ERROR: mirror 3 unreachable, using mirror 4
                4: > Task :test
                5: CartTest > appliesCoupon() FAILED
                6:     org.opentest4j.AssertionFailedError: expected: <90> but was: <100>
                7:         at app.CartTest.appliesCoupon(CartTest.java:21)
                8: 1 test completed, 1 failed
                9: > Task :test FAILED
                10: BUILD FAILED in 14s
                11: The command "./gradlew build" exited with 1.
                """), "a model reads the finder's excerpt: " + briefing.context());
        assertEquals(null, diagnoses().diagnose(new JobId("shop/1")).orElseThrow().comparison(), "no earlier run succeeded");
    }

    @Test
    void theViewerGetsEveryErrorLineInOrder() {
        assertEquals(List.of(3L, 5L, 6L, 9L, 10L, 11L), diagnoses().find(new JobId("shop/3")).orElseThrow().lines());
        assertEquals(Optional.empty(), diagnoses().find(new JobId("no/such/job")));
    }

    @Test
    void aHundredMegabyteLogIsReadOnceInBoundedMemory() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        long started = System.nanoTime();
        long cpuStarted = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Diagnoses uncached = new Diagnoses(server.context().getBean(JobRegistry.class), server.context().getBean(TailboardSettings.class));
        Diagnosis diagnosis = uncached.diagnose(new JobId("huge/1")).orElseThrow();
        long millis = (System.nanoTime() - started) / 1_000_000;
        long cpuMillis = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted) / 1_000_000;
        long after = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("Finder over %d MB: %d ms (%d ms of CPU), heap %d MB before, %d MB after, %d error lines kept of %d%n",
                HUGE_BYTES >> 20, millis, cpuMillis, before >> 20, after >> 20, diagnosis.errorLines().size(), diagnosis.errorLineCount());
        assertEquals(hugeErrorLine, diagnosis.cause().line().line());
        assertEquals(ErrorFinder.MAX_ERROR_LINES, diagnosis.errorLines().size());
        assertTrue(diagnosis.errorLineCount() > ErrorFinder.MAX_ERROR_LINES);
    }

    private Diagnoses diagnoses() {
        return server.context().getBean(Diagnoses.class);
    }

    /** A GitHub Actions log of 100 MB: a step that ignores failures full of errors, then the real one near the end. */
    private long writeHugeLog() throws IOException {
        long line = 0;
        long bytes = 0;
        Files.createDirectories(logs.log("huge/1").getParent());
        try (BufferedWriter out = Files.newBufferedWriter(logs.log("huge/1"), StandardCharsets.UTF_8)) {
            out.write("2024-01-01T00:00:00.0000000Z ##[group]Run ./lint.sh || true\n");
            line++;
            while (bytes < HUGE_BYTES) {
                String text = line % 20 == 0
                        ? "2024-01-01T00:00:01.0000000Z src/gen/File" + line + ".java:12:5: error: generated code warning as error\n"
                        : "2024-01-01T00:00:01.0000000Z \u001B[36m[INFO]\u001B[0m Checking module " + line + " of the project, all fine\n";
                out.write(text);
                bytes += text.length();
                line++;
            }
            out.write("2024-01-01T00:00:02.0000000Z ##[group]Run mvn verify\n");
            out.write("2024-01-01T00:00:03.0000000Z [ERROR] /w/src/App.java:[12,5] cannot find symbol\n");
            out.write("2024-01-01T00:00:03.0000000Z ##[error]Process completed with exit code 1.\n");
            return line + 2;
        }
    }
}
