package dev.tailboard.stream;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.Hangup;
import dev.tailboard.http.LogRequest;
import dev.tailboard.http.PollAnswer;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * {@code GET /api/jobs/{id}/log}: short polling, and long polling with {@code wait}. A waiting request holds
 * no thread: the feed wakes it when a line arrives or the job becomes final, and it ends if its client hangs up.
 */
@Controller("/api/jobs")
public class PollController {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    static final int MAX_WAIT_SECONDS = 60;

    private final LogFeeds feeds;

    public PollController(LogFeeds feeds) {
        this.feeds = feeds;
    }

    @Get("/{+id}/log")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Mono<PollAnswer> log(LogRequest request,
                                @Nullable @QueryValue String limit,
                                @Nullable @QueryValue String wait,
                                HttpRequest<?> http) {
        int lines = limit == null ? DEFAULT_LIMIT : (int) within("limit", limit, 1, MAX_LIMIT);
        Duration waiting = Duration.ofSeconds(wait == null ? 0 : within("wait", wait, 0, MAX_WAIT_SECONDS));
        LogView view = request.open(feeds);
        return view.page(lines, waiting).map(page -> PollAnswer.of(request.job(), page)).takeUntilOther(Hangup.of(http));
    }

    private static long within(String name, String value, long min, long max) {
        long number = LogRequest.cursor(name, value);
        if (number < min || number > max) {
            throw ApiException.badRequest("'" + name + "' must be between " + min + " and " + max);
        }
        return number;
    }
}
