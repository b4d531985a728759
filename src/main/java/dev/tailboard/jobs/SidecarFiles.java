package dev.tailboard.jobs;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes sidecars. A missing, huge or unreadable sidecar reads as {@link Sidecar#NONE}. */
@Singleton
public class SidecarFiles {

    static final long MAX_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(SidecarFiles.class);

    private final JsonMapper json;

    public SidecarFiles(JsonMapper json) {
        this.json = json;
    }

    public Sidecar read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                LOG.warn("Sidecar {} is larger than {} bytes; its job's status is unknown", file, MAX_BYTES);
                return Sidecar.NONE;
            }
            Sidecar sidecar = json.readValue(Files.readAllBytes(file), Sidecar.class);
            return sidecar == null ? Sidecar.NONE : sidecar;
        } catch (NoSuchFileException e) {
            return Sidecar.NONE;
        } catch (IOException | RuntimeException e) {
            LOG.debug("Sidecar {} cannot be read: {}", file, e.toString());
            return Sidecar.NONE;
        }
    }

    /** Writes atomically (a hidden temp file renamed into place) so that a reader never sees half a sidecar. */
    public void write(Path file, Sidecar sidecar) {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temp, json.writeValueAsBytes(sidecar));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sidecar " + file, e);
        }
    }
}
