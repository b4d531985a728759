package dev.tailboard.analyst;

import dev.tailboard.logs.LogText;

/**
 * A numbered line of a log as a reader sees it: {@code text} is what the log viewer shows
 * ({@link LogText#visible}); {@code plain} keeps every {@code \r}-separated part, for markers a terminal would
 * hide (GitLab's section markers).
 */
public record LogLine(long number, String text, String plain) {

    public static LogLine of(long number, String raw) {
        return new LogLine(number, LogText.visible(raw), LogText.unstyled(raw));
    }
}
