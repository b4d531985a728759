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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real {@code target/tailboard.jar} in its own process, on a given port; {@link #kill()} is {@code kill -9}. */
public final class TailboardProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private TailboardProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The jar {@code mvn package} built (failsafe names it); an IT fails clearly without it. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("tailboard.jar", "target/tailboard.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is built by 'mvn package' before this test");
        }
        return jar;
    }

    /**
     * Starts the jar on {@code port} with the given {@code -D} settings (the demo off), its output in
     * {@code output}, and waits until {@code /health} answers.
     */
    public static TailboardProcess start(int port, Map<String, String> settings, Path output) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dmicronaut.server.port=" + port, "-Dtailboard.demo.enabled=false"));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", jar().toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.until("the server on port " + port + " (see " + output + ")", STARTUP, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited: " + read(output));
            }
            return health(port) == 200;
        });
        return new TailboardProcess(process, port);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    /** Kills it with SIGKILL, as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the server " + process.pid() + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int health(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
