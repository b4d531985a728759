package dev.tailboard.stream;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.Hangup;
import dev.tailboard.http.LogRequest;
import dev.tailboard.http.PollAnswer;
import dev.tailboard.http.ViewerConnections;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogPage;
import dev.tailboard.logs.LogView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * {@code GET /api/jobs/{id}/log}: short polling, and long polling with {@code wait}. A waiting request holds
 * no thread: the feed wakes it when a line arrives or the job becomes final, and it ends if its client hangs up.
 * A poll at the live edge is served on its connection's event loop from memory, woken there when it waits, and
 * answered without a hop; one that must read the file (the first view of a log, a cursor far behind) opens its
 * view on the blocking pool.
 */
@Controller("/api/jobs")
public class PollController {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    static final int MAX_WAIT_SECONDS = 60;

    private final LogFeeds feeds;
    private final Scheduler blocking;

    public PollController(LogFeeds feeds, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.feeds = feeds;
        this.blocking = Schedulers.fromExecutor(blocking);
    }

    @Get("/{+id}/log")
    public Mono<PollAnswer> log(LogRequest request,
                                @Nullable @QueryValue String limit,
                                @Nullable @QueryValue String wait,
                                HttpRequest<?> http) {
        int lines = limit == null ? DEFAULT_LIMIT : (int) within("limit", limit, 1, MAX_LIMIT);
        Duration waiting = Duration.ofSeconds(wait == null ? 0 : within("wait", wait, 0, MAX_WAIT_SECONDS));
        Executor loop = ViewerConnections.loopOf(http);
        Mono<LogPage> page = Mono.defer(() -> request.openNow(feeds)
                .map(view -> view.page(lines, waiting, loop))
                .orElseGet(() -> Mono.using(() -> request.open(feeds), view -> view.page(lines, waiting, loop), LogView::close)
                        .subscribeOn(blocking)));
        return page.map(answer -> PollAnswer.of(request.job(), answer)).takeUntilOther(Hangup.of(http));
    }

    private static long within(String name, String value, long min, long max) {
        long number = LogRequest.cursor(name, value);
        if (number < min || number > max) {
            throw ApiException.badRequest("'" + name + "' must be between " + min + " and " + max);
        }
        return number;
    }
}
