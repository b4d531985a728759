package dev.tailboard.logs;

import dev.tailboard.jobs.JobId;

import java.util.Optional;

/**
 * Which lines of a whole log are errors, for the viewer's error gutter and its next / previous error keys.
 * Implemented by the analyst's error finder; an interface so that logs/ and web/ need not know the analyst.
 */
public interface ErrorLines {

    /** Blocking: the error lines up to the end the log has now, or empty when there is no such job. */
    Optional<LogSearch.Matches> find(JobId id);
}
