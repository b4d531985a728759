package dev.tailboard.analyst;

import java.util.regex.Pattern;

/**
 * A numbered line of a log as a reader sees it: without colour codes and, for a line rewritten with
 * {@code \r} (a progress bar), in its last state. {@code plain} keeps every {@code \r}-separated part, for
 * markers a terminal would hide (GitLab's section markers).
 */
public record LogLine(long number, String text, String plain) {

    /** Escape sequences: CSI (colours, erase), OSC (titles, links) and the two-character ones. */
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|\u001B[@-Z\\\\-_]?");
    private static final Pattern CONTROLS = Pattern.compile("[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]");

    public static LogLine of(long number, String raw) {
        String plain = CONTROLS.matcher(ESCAPES.matcher(raw).replaceAll("")).replaceAll("");
        return new LogLine(number, lastState(plain), plain);
    }

    private static String lastState(String plain) {
        int end = plain.length();
        while (end > 0 && plain.charAt(end - 1) == '\r') {
            end--;
        }
        int start = plain.lastIndexOf('\r', end - 1) + 1;
        return plain.substring(start, end);
    }
}
