package dev.tailboard.runner;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SecretMaskerTest {

    /** Feeds {@code text} to a fresh masker in pieces of {@code piece} bytes and returns what it let out. */
    private static String mask(List<String> secrets, String text, int piece) {
        SecretMasker masker = new SecretMasker(secrets);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < bytes.length; at += piece) {
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + piece));
            out.writeBytes(masker.accept(chunk, chunk.length));
        }
        out.writeBytes(masker.finish());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSecretIsMaskedHoweverTheOutputIsCut() {
        String text = "login with hunter2, then hunter2again; hunter and hunte";
        for (int piece = 1; piece <= text.length(); piece++) {
            assertEquals("login with ***, then ***again; hunter and hunte", mask(List.of("hunter2"), text, piece),
                    "pieces of " + piece);
        }
    }

    @Test
    void noPartOfASecretIsLetOutBeforeItIsDecided() {
        SecretMasker masker = new SecretMasker(List.of("hunter2"));
        byte[] start = "pass: hunt".getBytes(StandardCharsets.UTF_8);
        assertEquals("pass: ", new String(masker.accept(start, start.length), StandardCharsets.UTF_8));
        byte[] rest = "er2\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("***\n", new String(masker.accept(rest, rest.length), StandardCharsets.UTF_8));
    }

    @Test
    void theLongerOfTwoSecretsStartingTogetherIsMaskedWhole() {
        for (int piece = 1; piece <= 12; piece++) {
            assertEquals("*** and ***!", mask(List.of("abc", "abcdef"), "abcdef and abc!", piece));
        }
    }

    @Test
    void aSecretHeldBackAtTheEndIsStillMasked() {
        assertEquals("value ***", mask(List.of("abc", "abcdef"), "value abc", 1));
    }

    @Test
    void multiByteSecretsAreMaskedByTheirUtf8Bytes() {
        String masked = mask(List.of("pässwörd✓"), "x=pässwörd✓ y=päss", 1);
        assertEquals("x=*** y=päss", masked);
        assertFalse(masked.contains("\uFFFD"));
    }

    @Test
    void withoutSecretsEverythingPassesAtOnce() {
        SecretMasker masker = new SecretMasker(List.of("", ""));
        byte[] bytes = "all of it".getBytes(StandardCharsets.UTF_8);
        assertEquals("all of it", new String(masker.accept(bytes, bytes.length), StandardCharsets.UTF_8));
        assertEquals(0, masker.finish().length);
    }
}
