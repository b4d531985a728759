package dev.tailboard.logs;

import dev.tailboard.jobs.JobStatus;

/** What a follower of a log is told, in order; every transport maps these to its own wire format. */
public sealed interface LogEvent {

    /** Lines; {@code chunk.end()} is the cursor just past them. */
    record Lines(LogChunk chunk) implements LogEvent {
    }

    /** The job's status is now this. */
    record Status(JobStatus status, Integer exitCode) implements LogEvent {
    }

    /** The log was truncated or replaced, or the cursor was past its end: lines start again at 0. */
    record Reset() implements LogEvent {
    }

    /** The job is final and every line was delivered; nothing follows. */
    record End(JobStatus status, Integer exitCode) implements LogEvent {
    }
}
