package dev.tailboard.jobs;

import io.micronaut.core.annotation.Nullable;

/** Something happened to a job: it appeared, its file or sidecar changed, or its log went away. */
public record JobEvent(Kind kind, Job job, @Nullable Job previous) {

    public enum Kind { ADDED, CHANGED, REMOVED }

    public JobId id() {
        return job.jobId();
    }

    public boolean statusChanged() {
        return kind != Kind.CHANGED || !job.sameStatus(previous);
    }
}
