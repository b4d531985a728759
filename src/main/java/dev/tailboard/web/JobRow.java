package dev.tailboard.web;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A job as the pages show it: the values of the job JSON plus their human forms (size, times, duration),
 * so that a page reads well without JavaScript. {@code static/format.js} makes the same forms in the browser.
 */
public record JobRow(Job job, String href, String statusIcon, String sizeText, String updatedText,
                     @Nullable String startedText, @Nullable String finishedText, @Nullable String durationText) {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    static JobRow of(Job job, Instant now) {
        Instant started = instant(job.startedAt());
        Instant finished = instant(job.finishedAt());
        Instant durationEnd = finished != null ? finished : job.status() == JobStatus.RUNNING ? now : null;
        String duration = started != null && durationEnd != null && !durationEnd.isBefore(started)
                ? duration(Duration.between(started, durationEnd)) : null;
        return new JobRow(job, "/jobs/" + job.id(), icon(job.status()), size(job.size()),
                shown(job.updatedAt()), shown(job.startedAt()), shown(job.finishedAt()), duration);
    }

    public String status() {
        return job.status().wire();
    }

    /** The title if the sidecar gives one, else the id. */
    public String name() {
        return job.title() == null || job.title().isBlank() ? job.id() : job.title();
    }

    /** A symbol that tells the status apart without colour. */
    static String icon(JobStatus status) {
        return switch (status) {
            case QUEUED -> "◌";
            case RUNNING -> "●";
            case SUCCESS -> "✓";
            case FAILED -> "✗";
            case CANCELLED -> "⊘";
            case UNKNOWN -> "?";
        };
    }

    static String size(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " B";
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }

    static String duration(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }

    @Nullable
    private static String shown(@Nullable String time) {
        Instant instant = instant(time);
        return instant == null ? time : SHOWN.format(instant);
    }

    /** An ISO-8601 time as a sidecar may write it (with {@code Z} or an offset), or null. */
    @Nullable
    static Instant instant(@Nullable String time) {
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
