package dev.tailboard.logs;

import dev.tailboard.jobs.JobId;

import java.util.Optional;

/**
 * Which lines of a whole log are errors, for the viewer's error gutter and its next / previous error keys.
 * One small interface so that a smarter finder (the analyst's) can take the place of {@link TintedErrorLines}.
 */
public interface ErrorLines {

    /** Blocking: the error lines up to the end the log has now, or empty when there is no such job. */
    Optional<LogSearch.Matches> find(JobId id);
}
