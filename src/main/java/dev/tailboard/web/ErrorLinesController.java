package dev.tailboard.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailboard.http.ApiException;
import dev.tailboard.jobs.JobId;
import dev.tailboard.logs.ErrorLines;
import dev.tailboard.logs.LogSearch;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code GET /api/errors?job=<id>}: the error lines of a whole log, for the viewer's error gutter and its
 * next / previous error keys. Shaped like a search answer; {@code line} is the first line not looked at.
 */
@Controller("/api/errors")
public class ErrorLinesController {

    private final ErrorLines errors;

    public ErrorLinesController(ErrorLines errors) {
        this.errors = errors;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Result(String job, long count, List<Long> lines, boolean truncated, long line) {
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Result errors(@Nullable @QueryValue JobId job) {
        if (job == null) {
            throw ApiException.badRequest("'job' is required");
        }
        try {
            return errors.find(job)
                    .map(found -> new Result(job.value(), found.count(), found.lines(), found.truncated(), found.line()))
                    .orElseThrow(() -> ApiException.noJob(job));
        } catch (LogSearch.Busy e) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        }
    }
}
