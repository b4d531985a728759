package dev.tailboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server started as a user starts it — a command in a folder — as the leader of a process group of its own,
 * as a shell in a terminal would start it, so that a test can signal the whole group as Ctrl+C does. Its
 * output goes to a file; it counts as started once {@code /health} answers.
 */
public final class ServerProcess implements AutoCloseable {

    public static final Duration DEADLINE = Duration.ofSeconds(180);

    private final Process process;
    private final Path output;

    private ServerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Runs {@code command} in {@code folder}, with {@code SIGINT} handled as in a terminal (a test runner
     * started in the background of a script may have it ignored, and a child inherits that).
     */
    public static ServerProcess start(List<String> command, Path folder, int port, Path output) {
        List<String> line = new ArrayList<>(List.of("setsid", "perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
        line.addAll(command);
        try {
            Process process = new ProcessBuilder(line).directory(folder.toAbsolutePath().toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            awaitHealth(process, port, output, DEADLINE);
            return new ServerProcess(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java that runs the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitHealth(Process process, int port, Path output, Duration deadline) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Await.until("the server on port " + port + " (see " + output + ")", deadline, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited: " + read(output));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Sends {@code signal} ({@code INT}, {@code TERM}, {@code KILL}) to every process of the group. */
    public void signalGroup(String signal) {
        assertEquals(0, kill(signal), "kill -" + signal + " -- -" + process.pid());
    }

    private int kill(String signal) {
        try {
            return new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits until the group's leader has exited. */
    public void awaitExit() {
        try {
            assertTrue(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the server did not stop: " + output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the server wrote so far. */
    public String output() {
        return read(output);
    }

    private static String read(Path output) {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** {@code kill -9} to the whole group (a server such as {@code mvn mn:run} runs the app as a child). */
    @Override
    public void close() {
        kill("KILL"); // also when the leader is gone: what it started may not be
        awaitExit();
    }
}
