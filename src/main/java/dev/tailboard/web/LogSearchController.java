package dev.tailboard.web;

import dev.tailboard.http.ApiException;
import dev.tailboard.jobs.JobId;
import dev.tailboard.logs.LogSearch;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /api/search?job=<id>&q=<text>}: the lines of a whole log that contain a text, for the log
 * viewer's search (it holds only the lines on screen). Not under {@code /api/jobs/<id>/…}, where a word
 * after the id could be a job's last segment.
 */
@Controller("/api/search")
public class LogSearchController {

    static final int MAX_QUERY = 1000;

    private final LogSearch search;

    public LogSearchController(LogSearch search) {
        this.search = search;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public LogSearch.Result search(@Nullable @QueryValue JobId job, @Nullable @QueryValue String q) {
        if (job == null) {
            throw ApiException.badRequest("'job' is required");
        }
        if (q == null || q.isEmpty()) {
            throw ApiException.badRequest("'q' must not be empty");
        }
        if (q.length() > MAX_QUERY) {
            throw ApiException.badRequest("'q' is longer than " + MAX_QUERY + " characters");
        }
        try {
            return search.search(job, q).orElseThrow(() -> ApiException.noJob(job));
        } catch (LogSearch.Busy e) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        }
    }
}
