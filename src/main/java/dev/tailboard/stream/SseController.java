package dev.tailboard.stream;

import dev.tailboard.http.ChannelOutlet;
import dev.tailboard.http.EventStreams;
import dev.tailboard.http.LogRequest;
import dev.tailboard.http.WireJson;
import dev.tailboard.logs.LogChunk;
import dev.tailboard.logs.LogEvent;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogView;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.reactivestreams.Publisher;

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

    @Get(uri = "/{+id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Publisher<Event<String>>> events(@PathVariable String id,
                                                         @Nullable @QueryValue String from,
                                                         @Nullable @QueryValue String tail,
                                                         @Nullable @Header("Last-Event-ID") String lastEventId,
                                                         HttpRequest<?> http) {
        LogRequest request = LogRequest.of(id, from, tail, lastEventId);
        LogView view = request.open(feeds);
        if (request.resumed() && view.atEnd()) {
            view.close();
            return HttpResponse.noContent();
        }
        return streams.respond("tailboard " + request.job(), view.events(ChannelOutlet.of(http)).map(this::toEvent));
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
