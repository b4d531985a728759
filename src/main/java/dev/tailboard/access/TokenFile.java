package dev.tailboard.access;

import io.micronaut.context.exceptions.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code tailboard.auth.token-file}: the token kept in a file. A missing file is created holding a random token,
 * readable by its owner only, so that a token is neither typed on a command line nor printed in a log, and
 * stays the same across restarts (logins with it stay valid).
 */
final class TokenFile {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);
    private static final int RANDOM_BYTES = 24;

    private TokenFile() {
    }

    static String read(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String token = Files.readString(file).strip();
            if (token.isEmpty()) {
                throw new ConfigurationException("tailboard.auth.token-file " + file + " holds no token");
            }
            return token;
        } catch (IOException e) {
            throw new ConfigurationException("tailboard.auth.token-file " + file + " cannot be read: " + e, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
            LOG.info("Wrote a new random access token to {}: log in with what it holds", file);
        } catch (FileAlreadyExistsException e) {
            // another server on the same file was first: its token is the one
        }
    }
}
