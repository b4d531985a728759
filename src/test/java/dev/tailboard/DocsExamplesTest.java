package dev.tailboard;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.DocExamples;
import dev.tailboard.testing.DocExamples.Example;
import dev.tailboard.testing.TestServer;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the shell examples of the README and its docs in reading order, as a reader pastes them, in a folder
 * whose {@code logs/} a real tailboard watches (with its defaults: the demo pipelines run at the start), and
 * compares what they print with the output the docs show. Only {@code localhost:8080} is changed, to the
 * test server's address. JavaScript examples run in {@code web/DocsScriptsBrowserTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocsExamplesTest {

    private static final Duration EXAMPLE_DEADLINE = Duration.ofSeconds(30);

    private Path folder;
    private TestServer server;

    @BeforeAll
    void startServer() throws IOException {
        folder = Files.createTempDirectory("tailboard-docs");
        Files.createDirectories(folder.resolve("home"));
        // A slower demo and answer than the defaults, so that a run can still be cancelled and an answer still stopped.
        server = TestServer.start(folder.resolve("logs"), Map.of("tailboard.demo.enabled", true,
                "tailboard.runner.max-runs", 4, "tailboard.answers.chunk-delay", "100ms"));
    }

    @AfterAll
    void stopServer() {
        server.close();
        FileUtils.deleteQuietly(folder.toFile());
    }

    @Test
    void everyExampleRunsAndPrintsWhatTheDocsShow() throws Exception {
        List<Example> examples = DocExamples.read(Path.of(""));
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i).rewritten(this::local);
            if (example.notRun() || example.language().equals("js")) {
                continue;
            }
            if (!example.language().equals("sh")) {
                fail(example.place() + ": a '" + example.language() + "' block that no test runs; run it, or mark it "
                        + "<!-- example: not run, because … -->");
            }
            Shell shell = start(example);
            if (example.startsNextOnce() != null) {
                Await.until(example.place() + " printing " + example.startsNextOnce(), EXAMPLE_DEADLINE,
                        () -> shell.stdout().contains(example.startsNextOnce()) || !shell.process().isAlive());
                Example next = examples.get(++i).rewritten(this::local);
                check(next, start(next));
            }
            check(example, shell);
        }
    }

    @Test
    void theExamplesAreRunOrSayWhyNot() {
        List<Example> examples = DocExamples.read(Path.of(""));
        assertTrue(examples.stream().filter(e -> e.language().equals("sh") && !e.notRun()).count() >= 10,
                "the shell examples are found");
        for (Example example : examples) {
            assertTrue(example.marker() == null || example.notRun() || example.startsNextOnce() != null,
                    example.place() + ": unknown marker '" + example.marker() + "'");
        }
    }

    private record Shell(Process process, Path out, Path err) {

        String stdout() {
            return read(out);
        }

        String stderr() {
            return read(err);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private Shell start(Example example) throws IOException {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", example.code())
                .directory(folder.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("HOME", folder.resolve("home").toString());
        return new Shell(builder.start(), out, err);
    }

    private void check(Example example, Shell shell) {
        try {
            Await.until(example.place() + " to end", EXAMPLE_DEADLINE, () -> !shell.process().isAlive());
        } catch (AssertionError e) {
            shell.process().descendants().forEach(ProcessHandle::destroyForcibly);
            shell.process().destroyForcibly();
            throw new AssertionError(report(example, shell), e);
        }
        assertEquals(0, shell.process().exitValue(), () -> report(example, shell));
        assertTrue(example.printed(shell.stdout()), () -> "not the output the docs show: " + report(example, shell));
    }

    private String local(String text) {
        return text.replace("localhost:8080", "localhost:" + server.port());
    }

    private static String report(Example example, Shell shell) {
        return example.place() + "\n" + example.code() + "--- printed:\n" + shell.stdout() + "--- stderr:\n"
                + shell.stderr() + "--- the docs show:\n" + example.expected();
    }
}
