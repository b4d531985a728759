package dev.tailboard.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the build tool says about a job, in {@code <id>.json} beside its log. Every field is optional; the
 * status is kept as written so that a value we do not know does not stop the rest from being read.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sidecar(@Nullable String status,
                      @Nullable Integer exitCode,
                      @Nullable String startedAt,
                      @Nullable String finishedAt,
                      @Nullable String title,
                      @Nullable String note) {

    public static final Sidecar NONE = new Sidecar(null, null, null, null, null, null);

    /** What the sidecar said, as the job shows it. */
    public static Sidecar of(Job job) {
        return new Sidecar(job.status() == JobStatus.UNKNOWN ? null : job.status().wire(), job.exitCode(),
                job.startedAt(), job.finishedAt(), job.title(), job.note());
    }

    public JobStatus jobStatus() {
        return JobStatus.of(status);
    }

    public Sidecar finished(JobStatus newStatus, @Nullable Integer newExitCode, String at, @Nullable String newNote) {
        return new Sidecar(newStatus.wire(), newExitCode, startedAt, at, title, newNote != null ? newNote : note);
    }
}
