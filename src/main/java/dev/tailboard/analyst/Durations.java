package dev.tailboard.analyst;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Durations as people read them, and the time between two sidecar timestamps. */
public final class Durations {

    private Durations() {
    }

    /** {@code 850 ms}, {@code 4.2 s}, {@code 37 s}, {@code 2 min 5 s}, {@code 1 h 3 min}. */
    public static String format(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 10_000 && millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }

    /** The time from {@code start} to {@code end} (ISO-8601 instants), when both parse and are in order. */
    static Optional<Duration> between(@Nullable String start, @Nullable String end) {
        return instant(start).flatMap(from -> instant(end).map(to -> Duration.between(from, to)))
                .filter(duration -> !duration.isNegative());
    }

    static Optional<Instant> instant(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notOffset) {
                return Optional.empty();
            }
        }
    }
}
