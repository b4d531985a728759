package dev.tailboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real {@code target/tailboard.jar} (built by {@code mvn package} before the integration tests) in its own
 * process, its output in a file; started once {@code /health} answers, ended with {@code kill -9}.
 */
public final class JarServer implements AutoCloseable {

    public static final Duration DEADLINE = Duration.ofSeconds(90);

    private final Process process;
    private final Path output;

    private JarServer(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts the jar on {@code port} over {@code logs} with {@code -Dname=value} {@code settings}; with
     * {@code openFiles} above 0, under that open-files limit (soft and hard, as {@code ulimit -n} sets them).
     */
    public static JarServer start(Path logs, int port, Path output, int openFiles, String... settings) {
        Path jar = Path.of(System.getProperty("tailboard.jar", "target/tailboard.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by 'mvn package' before this test");
        List<String> command = new ArrayList<>();
        if (openFiles > 0) {
            command.addAll(List.of("sh", "-c", "ulimit -n " + openFiles + " && exec \"$@\"", "sh"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dmicronaut.server.port=" + port, "-Dtailboard.logs-dir=" + logs, "-Dtailboard.demo.enabled=false"));
        for (String setting : settings) {
            command.add("-D" + setting);
        }
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            JarServer server = new JarServer(process, output);
            server.awaitHealth(port);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealth(int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Await.until("the server on port " + port + " (see " + output + ")", DEADLINE, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited: " + output());
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

    /** What the server wrote so far. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return e.toString();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kill -9}, and waits until the process is gone. */
    @Override
    public void close() {
        try {
            assertTrue(process.destroyForcibly().waitFor(30, TimeUnit.SECONDS), "the server did not die");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
