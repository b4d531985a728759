package dev.tailboard.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes job logs and sidecars into a test's logs folder, as a build tool would. */
record Logs(Path root) {

    static Logs inTempFolder() {
        try {
            return new Logs(Files.createTempDirectory("tailboard-pages"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log(String id) {
        return root.resolve(id + ".log");
    }

    void write(String id, String text) {
        try {
            Path file = log(id);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void append(String id, String text) {
        try {
            Files.writeString(log(id), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines "line <from>" … "line <to>", each ending in a newline. */
    static String numbered(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int n = from; n <= to; n++) {
            text.append("line ").append(n).append('\n');
        }
        return text.toString();
    }

    /** Writes the sidecar atomically, as the contract asks of build tools. */
    void status(String id, String json) {
        try {
            Path file = root.resolve(id + ".json");
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void running(String id) {
        status(id, "{\"status\": \"running\", \"startedAt\": \"2025-01-01T10:00:00Z\"}");
    }

    void finished(String id, String status, int exitCode) {
        status(id, "{\"status\": \"" + status + "\", \"exitCode\": " + exitCode
                + ", \"startedAt\": \"2025-01-01T10:00:00Z\", \"finishedAt\": \"2025-01-01T10:01:04Z\"}");
    }

    void copyFixture(String name, String id) {
        try (var in = Logs.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            Path file = log(id);
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
