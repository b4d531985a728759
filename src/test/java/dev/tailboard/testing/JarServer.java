package dev.tailboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real {@code target/tailboard.jar} (built by {@code mvn package} before the integration tests) in its own
 * process, its output in a file; started once {@code /health} answers, ended with {@code kill -9}.
 */
public final class JarServer {

    public static final Duration DEADLINE = Duration.ofSeconds(90);

    private JarServer() {
    }

    /**
     * Starts the jar on {@code port} over {@code logs} with {@code -Dname=value} {@code settings}; with
     * {@code openFiles} above 0, under that open-files limit (soft and hard, as {@code ulimit -n} sets them).
     */
    public static ServerProcess start(Path logs, int port, Path output, int openFiles, String... settings) {
        List<String> command = new ArrayList<>();
        if (openFiles > 0) {
            command.addAll(List.of("sh", "-c", "ulimit -n " + openFiles + " && exec \"$@\"", "sh"));
        }
        command.addAll(List.of(ServerProcess.java(), "-Xmx256m",
                "-Dmicronaut.server.port=" + port, "-Dtailboard.logs-dir=" + logs, "-Dtailboard.demo.enabled=false"));
        for (String setting : settings) {
            command.add("-D" + setting);
        }
        command.addAll(List.of("-jar", jar().toString()));
        return ServerProcess.start(command, Path.of(""), port, output);
    }

    /** The jar that {@code mvn package} built. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("tailboard.jar", "target/tailboard.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is built by 'mvn package' before this test");
        return jar;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
