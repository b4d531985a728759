package dev.tailboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A real logs folder in a temp directory, written the way build tools write: appends and sidecars. */
public record LogFolder(Path root) {

    public Path log(String id) {
        return root.resolve(id + ".log");
    }

    public LogFolder append(String id, String text) {
        return append(id, text.getBytes(StandardCharsets.UTF_8));
    }

    public LogFolder append(String id, byte[] bytes) {
        try {
            Path file = log(id);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the sidecar the way a build tool should: a temp file renamed into place. */
    public LogFolder sidecar(String id, String json) {
        try {
            Path file = root.resolve(id + ".json");
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temp, json);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LogFolder finish(String id, String status, int exitCode) {
        return sidecar(id, "{\"status\":\"" + status + "\",\"exitCode\":" + exitCode + "}");
    }

    public long size(String id) {
        try {
            return Files.size(log(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} numbered lines {@code prefix1 … prefixN} starting at {@code first}. */
    public static String lines(String prefix, int first, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            text.append(prefix).append(i).append('\n');
        }
        return text.toString();
    }
}
