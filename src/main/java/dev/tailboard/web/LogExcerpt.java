package dev.tailboard.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.logs.LogPage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The lines a log page is rendered with, handed to its script in the shape of a polling answer: the
 * script follows on from {@code next}, so that nothing is missed or shown twice.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LogExcerpt(String job, long from, long next, long line, List<String> lines, JobStatus status,
                         @Nullable Integer exitCode, boolean more) {

    static LogExcerpt of(String job, LogPage page) {
        return new LogExcerpt(job, page.from().offset(), page.next().offset(), page.from().line(),
                page.chunk().lines(), page.status(), page.exitCode(), page.more());
    }

    /** The number of the line after the last one here. */
    public long endLine() {
        return line + lines.size();
    }
}
