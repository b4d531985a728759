package dev.tailboard.web;

import dev.tailboard.http.ApiException;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;
import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job-list filters of {@code GET /api/jobs} and of the dashboard: {@code status} (one or several,
 * comma-separated), {@code q} (a case-insensitive part of the id or title) and {@code limit} (the newest that
 * match). Empty values filter nothing; a bad one is a {@code 400}.
 */
record JobFilter(Set<JobStatus> statuses, String text, int limit) {

    static final int MAX_LIMIT = 10_000;
    static final int MAX_TEXT = 1000;

    static JobFilter parse(@Nullable String status, @Nullable String q, @Nullable String limit) {
        return new JobFilter(statuses(status), text(q), limit(limit));
    }

    List<Job> apply(List<Job> newestFirst) {
        return newestFirst.stream().filter(this::matches).limit(limit).toList();
    }

    boolean matches(Job job) {
        return (statuses.isEmpty() || statuses.contains(job.status()))
                && (text.isEmpty() || contains(job.id()) || job.title() != null && contains(job.title()));
    }

    private boolean contains(String value) {
        return value.toLowerCase(Locale.ROOT).contains(text);
    }

    private static Set<JobStatus> statuses(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        for (String part : value.split(",", -1)) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            JobStatus status = JobStatus.of(name);
            if (!status.wire().equals(name)) {
                throw ApiException.badRequest("'status' must be one or more of "
                        + Arrays.stream(JobStatus.values()).map(JobStatus::wire).collect(Collectors.joining(", "))
                        + ", comma-separated; not '" + part.strip() + "'");
            }
            statuses.add(status);
        }
        return statuses;
    }

    private static String text(@Nullable String value) {
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_TEXT) {
            throw ApiException.badRequest("'q' is longer than " + MAX_TEXT + " characters");
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }

    private static int limit(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Integer.MAX_VALUE;
        }
        String trimmed = value.strip();
        if (trimmed.length() > 6 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(trimmed) < 1 || Integer.parseInt(trimmed) > MAX_LIMIT) {
            throw ApiException.badRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(trimmed);
    }
}
