package dev.tailboard.stream;

import org.apache.commons.io.file.PathUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A real logs folder in a temp directory, written the way a build tool writes it. */
final class LogsFolder implements AutoCloseable {

    private final Path root;
    private final AtomicInteger jobs = new AtomicInteger();

    LogsFolder() {
        try {
            root = Files.createTempDirectory("tailboard-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings that point a server, on a random port, at this folder. The quick re-scan keeps the tests
     * prompt on a machine whose inotify instances are used up by other programs.
     */
    Map<String, String> properties() {
        return Map.of("tailboard.logs-dir", root.toString(), "tailboard.demo.enabled", "false",
                "micronaut.server.port", "-1", "tailboard.rescan-interval", "250ms");
    }

    /** A new empty job; its id has a {@code /}, as ids may. */
    String newJob() {
        String id = "ci/job-" + jobs.incrementAndGet();
        append(id, "");
        return id;
    }

    Path log(String id) {
        return root.resolve(id + ".log");
    }

    void append(String id, String text) {
        append(id, text.getBytes(StandardCharsets.UTF_8));
    }

    void append(String id, byte[] bytes) {
        try {
            Files.createDirectories(log(id).getParent());
            Files.write(log(id), bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the log with a shorter one, as a rerun of a job does. */
    void truncate(String id) {
        try {
            Files.write(log(id), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remove(String id) {
        try {
            Files.delete(log(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the sidecar {@code {"status": …, "exitCode": …}} atomically, as the runner does. */
    void status(String id, String status, int exitCode) {
        Path sidecar = root.resolve(id + ".json");
        Path temp = sidecar.resolveSibling("." + sidecar.getFileName() + ".tmp");
        try {
            Files.writeString(temp, "{\"status\": \"" + status + "\", \"exitCode\": " + exitCode + "}");
            Files.move(temp, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void finish(String id) {
        status(id, "success", 0);
    }

    @Override
    public void close() throws IOException {
        PathUtils.deleteDirectory(root);
    }
}
