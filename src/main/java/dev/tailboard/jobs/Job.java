package dev.tailboard.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A job as the API shows it; absent values are written as {@code null}. {@code node} is the cluster node whose
 * folder holds the log ({@code null} on a single node).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Job(String id,
                  JobStatus status,
                  long size,
                  String updatedAt,
                  @Nullable String startedAt,
                  @Nullable String finishedAt,
                  @Nullable Integer exitCode,
                  @Nullable String title,
                  @Nullable String note,
                  @Nullable String node) {

    static Job of(JobId id, long size, String updatedAt, Sidecar sidecar, @Nullable String node) {
        return new Job(id.value(), sidecar.jobStatus(), size, updatedAt, sidecar.startedAt(),
                sidecar.finishedAt(), sidecar.exitCode(), sidecar.title(), sidecar.note(), node);
    }

    public JobId jobId() {
        return new JobId(id);
    }

    public boolean sameStatus(Job other) {
        return other != null && status == other.status && java.util.Objects.equals(exitCode, other.exitCode);
    }
}
