package dev.tailboard.logs;

import dev.tailboard.jobs.JobStatus;

/**
 * One answer to a poll: the lines from {@code from}, whether the cursor was reset, whether more lines are
 * already there, and the job's status at that moment.
 */
public record LogPage(Position from, LogChunk chunk, boolean reset, boolean more, JobStatus status,
                      Integer exitCode, boolean complete) {

    public Position next() {
        return chunk.isEmpty() ? from : chunk.endPosition();
    }
}
