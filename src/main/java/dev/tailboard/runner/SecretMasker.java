package dev.tailboard.runner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces every secret value in a stream of output by {@code ***}. Output arrives in pieces of any size, so
 * a tail that could still grow into a secret is held back in memory until the next piece (or the end)
 * decides it: a secret written one byte at a time is masked, and no part of it reaches the disk.
 * Not thread-safe: one masker serves one output stream.
 */
final class SecretMasker {

    private static final byte[] MASK = "***".getBytes(StandardCharsets.US_ASCII);

    /** Longest first, so that of two secrets starting at the same byte the longer one is masked whole. */
    private final List<byte[]> secrets;
    private byte[] pending = new byte[0];

    SecretMasker(Collection<String> values) {
        this.secrets = values.stream()
                .filter(value -> !value.isEmpty())
                .distinct()
                .map(value -> value.getBytes(StandardCharsets.UTF_8))
                .sorted(Comparator.comparingInt((byte[] secret) -> secret.length).reversed())
                .toList();
    }

    /** The bytes that can be written now, given {@code length} more bytes of output. */
    byte[] accept(byte[] data, int length) {
        byte[] text = Arrays.copyOf(pending, pending.length + length);
        System.arraycopy(data, 0, text, pending.length, length);
        return mask(text, false);
    }

    /** The bytes still held back, masked, once the output has ended. */
    byte[] finish() {
        return mask(pending, true);
    }

    private byte[] mask(byte[] text, boolean atEnd) {
        if (secrets.isEmpty()) {
            pending = new byte[0];
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
        int i = 0;
        while (i < text.length) {
            if (!atEnd && mayGrowIntoSecret(text, i)) {
                break;
            }
            int secret = secretAt(text, i);
            if (secret > 0) {
                out.writeBytes(MASK);
                i += secret;
            } else {
                out.write(text[i]);
                i++;
            }
        }
        pending = Arrays.copyOfRange(text, i, text.length);
        return out.toByteArray();
    }

    /** The length of the longest secret that starts at {@code at}, or 0. */
    private int secretAt(byte[] text, int at) {
        for (byte[] secret : secrets) {
            if (secret.length <= text.length - at && Arrays.equals(text, at, at + secret.length, secret, 0, secret.length)) {
                return secret.length;
            }
        }
        return 0;
    }

    /** True when the rest of {@code text} from {@code at} is the start of a secret longer than that rest. */
    private boolean mayGrowIntoSecret(byte[] text, int at) {
        int rest = text.length - at;
        for (byte[] secret : secrets) {
            if (secret.length > rest && Arrays.equals(text, at, text.length, secret, 0, rest)) {
                return true;
            }
        }
        return false;
    }
}
