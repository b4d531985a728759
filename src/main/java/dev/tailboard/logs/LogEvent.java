package dev.tailboard.logs;

import dev.tailboard.jobs.JobStatus;

/** What a follower of a log is told, in order; every transport maps these to its own wire format. */
public sealed interface LogEvent {

    /** How one wire format writes each kind of event: a format that leaves one out does not compile. */
    interface Format<T> {
        T lines(LogChunk chunk);

        T status(JobStatus status, Integer exitCode);

        T reset();

        T end(JobStatus status, Integer exitCode);
    }

    /** This event in {@code format}. */
    <T> T in(Format<T> format);

    /** Lines; {@code chunk.end()} is the cursor just past them. */
    record Lines(LogChunk chunk) implements LogEvent {
        @Override
        public <T> T in(Format<T> format) {
            return format.lines(chunk);
        }
    }

    /** The job's status is now this. */
    record Status(JobStatus status, Integer exitCode) implements LogEvent {
        @Override
        public <T> T in(Format<T> format) {
            return format.status(status, exitCode);
        }
    }

    /** The log was truncated or replaced, or the cursor was past its end: lines start again at 0. */
    record Reset() implements LogEvent {
        @Override
        public <T> T in(Format<T> format) {
            return format.reset();
        }
    }

    /** The job is final and every line was delivered; nothing follows. */
    record End(JobStatus status, Integer exitCode) implements LogEvent {
        @Override
        public <T> T in(Format<T> format) {
            return format.end(status, exitCode);
        }
    }
}
