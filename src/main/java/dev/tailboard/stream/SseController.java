package dev.tailboard.stream;

import dev.tailboard.logs.LogChunk;
import dev.tailboard.logs.LogEvent;
import dev.tailboard.logs.LogFeeds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.serde.annotation.Serdeable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.function.Function;

/** {@code GET /api/jobs/{id}/events}: a log as server-sent events, resumable with {@code Last-Event-ID}. */
@Controller("/api/jobs")
public class SseController {

    private final LogFeeds feeds;
    private final WireJson json;
    private final EventStreams streams;
    /** One encoder for all viewers, so that each chunk is encoded once however many follow it. */
    private final Function<LogChunk, String> logData;

    public SseController(LogFeeds feeds, WireJson json, EventStreams streams) {
        this.feeds = feeds;
        this.json = json;
        this.streams = streams;
        this.logData = chunk -> json.write(new LogData(chunk.firstLine(), chunk.lines()));
    }

    @Serdeable
    record LogData(long line, List<String> lines) {
    }

    /**
     * Opening a view may read the file, so it happens on the bounded-elastic pool; the events then go from
     * the feed's threads straight to the connection, with no pool in between.
     */
    @Get(uri = "/{+id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    public Mono<HttpResponse<Publisher<Event<String>>>> events(@PathVariable String id,
                                                         @Nullable @QueryValue String from,
                                                         @Nullable @QueryValue String tail,
                                                         @Nullable @Header("Last-Event-ID") String lastEventId,
                                                         HttpRequest<?> http) {
        LogRequest request = LogRequest.of(id, from, tail, lastEventId);
        return Mono.fromCallable(() -> request.open(feeds)).subscribeOn(Schedulers.boundedElastic()).map(view -> {
            if (request.resumed() && view.atEnd()) {
                view.close();
                return HttpResponse.noContent();
            }
            return streams.respond("tailboard " + request.job(), view.events(ChannelOutlet.of(http)).map(this::toEvent));
        });
    }

    private Event<String> toEvent(LogEvent event) {
        if (event instanceof LogEvent.Lines lines) {
            return Event.of(lines.chunk().encoded(logData)).id(Long.toString(lines.chunk().end())).name("log");
        } else if (event instanceof LogEvent.Status status) {
            return Event.of(json.write(new WireJson.StatusData(status.status(), status.exitCode()))).name("status");
        } else if (event instanceof LogEvent.Reset) {
            return Event.of("{}").id("0").name("reset");
        } else {
            LogEvent.End end = (LogEvent.End) event;
            return Event.of(json.write(new WireJson.StatusData(end.status(), end.exitCode()))).name("end");
        }
    }
}
