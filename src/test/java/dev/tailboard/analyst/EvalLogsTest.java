package dev.tailboard.analyst;

import dev.tailboard.jobs.JobId;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The analyst on fourteen real failure logs written by others ({@code ../shared/eval-logs}, or the folder the
 * system property {@code tailboard.eval-logs} names; skipped when it is absent). Asked why each build
 * failed, the built-in answer must contain at least half of the facts a right answer names and, as the
 * first link of its "Why it failed" paragraph, a line within 3 of the first line of the real error — for
 * at least 12 of the 14. Prints the result per log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class EvalLogsTest {

    private static final int REQUIRED = 12;
    private static final int NEAR = 3;
    private static final Pattern LINK = Pattern.compile("\\[line (\\d+)]\\(/jobs/[^)#]+#L\\d+\\)");

    private Path folder;
    private LogFolder logs;
    private TestServer server;
    private List<Map<String, Object>> expected;

    @BeforeAll
    void start() throws IOException {
        folder = Path.of(System.getProperty("tailboard.eval-logs", "../shared/eval-logs")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(folder.resolve("expected.json"))) {
            System.out.println(absent());
            return;
        }
        logs = new LogFolder(Files.createTempDirectory("tailboard-eval"));
        server = TestServer.start(logs.root(), Map.of());
        expected = server.context().getBean(JsonMapper.class)
                .readValue(Files.readAllBytes(folder.resolve("expected.json")), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        for (Map<String, Object> log : expected) {
            String id = jobId(log);
            logs.append(id, Files.readAllBytes(folder.resolve((String) log.get("file"))));
            logs.finish(id, "failed", 1);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
            FileUtils.deleteQuietly(logs.root().toFile());
        }
    }

    @Test
    void answersNameTheCauseAndLinkTheFirstErrorLineOfRealFailureLogs() {
        assumeTrue(server != null, absent());
        Briefings briefings = server.context().getBean(Briefings.class);
        List<String> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        for (Map<String, Object> log : expected) {
            String answer = briefings.brief(List.of("Why did this build fail?"), new JobId(jobId(log))).report();
            @SuppressWarnings("unchecked")
            List<String> keys = (List<String>) log.get("keys");
            List<String> missing = keys.stream().filter(key -> !answer.contains(key)).toList();
            long expectedLine = ((Number) log.get("firstErrorLine")).longValue();
            long linked = firstCauseLink(answer);
            boolean keysOk = (keys.size() - missing.size()) * 2 >= keys.size();
            boolean lineOk = Math.abs(linked - expectedLine) <= NEAR;
            passed += keysOk && lineOk ? 1 : 0;
            rows.add(String.format("%-24s keys %d/%d  line %5d (expected %5d)  %s%s", log.get("file"),
                    keys.size() - missing.size(), keys.size(), linked, expectedLine, keysOk && lineOk ? "ok" : "FAILED",
                    missing.isEmpty() ? "" : "  missing " + missing));
            if (!keysOk || !lineOk) {
                failures.add(log.get("file") + ":\n" + answer);
            }
        }
        System.out.println("Analyst on " + folder + ": " + passed + " of " + expected.size() + " right\n" + String.join("\n", rows));
        failures.forEach(System.out::println);
        assertTrue(passed >= REQUIRED, passed + " of " + expected.size() + " right, " + REQUIRED + " needed:\n" + String.join("\n", rows));
    }

    private String absent() {
        return "skipped: no eval logs at " + folder + " (set -Dtailboard.eval-logs=<folder with expected.json> to run this test)";
    }

    /** The first line the "Why it failed" paragraph links, 0 when there is none. */
    private static long firstCauseLink(String answer) {
        int at = answer.indexOf("**Why it failed:**");
        if (at < 0) {
            return 0;
        }
        Matcher link = LINK.matcher(answer.substring(at));
        return link.find() ? Long.parseLong(link.group(1)) : 0;
    }

    private static String jobId(Map<String, Object> log) {
        return "eval/" + ((String) log.get("file")).replace(".log", "");
    }
}
