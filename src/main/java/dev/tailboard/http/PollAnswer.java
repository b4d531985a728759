package dev.tailboard.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.logs.LogPage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One page of a log as JSON: the answer to a poll, and the lines a log page is rendered with, which its
 * script follows on from {@code next} so that nothing is missed or shown twice. {@code reset} is a poll's
 * alone (a rendered page starts at a tail, never past the end).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PollAnswer(String job, long from, long next, long line, List<String> lines, JobStatus status,
                         @Nullable Integer exitCode,
                         @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) Boolean reset,
                         boolean more) {

    /** The answer to a poll. */
    public static PollAnswer of(JobId job, LogPage page) {
        return of(job, page, page.reset());
    }

    /** The lines a log page is rendered with. */
    public static PollAnswer rendered(JobId job, LogPage page) {
        return of(job, page, null);
    }

    private static PollAnswer of(JobId job, LogPage page, @Nullable Boolean reset) {
        return new PollAnswer(job.value(), page.from().offset(), page.next().offset(), page.from().line(),
                page.chunk().lines(), page.status(), page.exitCode(), reset, page.more());
    }
}
