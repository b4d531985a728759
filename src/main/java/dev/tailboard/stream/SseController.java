package dev.tailboard.stream;

import dev.tailboard.http.ViewerConnections;
import dev.tailboard.http.EventStreams;
import dev.tailboard.http.LogRequest;
import dev.tailboard.http.WireJson;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.logs.LogChunk;
import dev.tailboard.logs.LogEvent;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogView;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
    private final EventStreams streams;
    private final ViewerConnections connections;
    private final SseFormat format;

    public SseController(LogFeeds feeds, WireJson json, EventStreams streams, ViewerConnections connections) {
        this.feeds = feeds;
        this.connections = connections;
        this.streams = streams;
        this.format = new SseFormat(json);
    }

    @Serdeable
    record LogData(long line, List<String> lines) {
    }

    @Get(uri = "/{+id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Publisher<Event<String>>> events(LogRequest request, HttpRequest<?> http) {
        LogView view = request.open(feeds);
        if (request.resumed() && view.atEnd()) {
            view.close();
            return HttpResponse.noContent();
        }
        return streams.respond("tailboard " + request.job(), view.events(connections.outletOf(http)).map(event -> event.in(format)));
    }

    /** A log event as a server-sent event: {@code log} (its id the cursor past it), {@code status}, {@code reset}, {@code end}. */
    private static final class SseFormat implements LogEvent.Format<Event<String>> {

        private final WireJson json;
        /** One encoder for all viewers, so that each chunk is encoded once however many follow it. */
        private final Function<LogChunk, String> logData;

        SseFormat(WireJson json) {
            this.json = json;
            this.logData = chunk -> json.write(new LogData(chunk.firstLine(), chunk.lines()));
        }

        @Override
        public Event<String> lines(LogChunk chunk) {
            return Event.of(chunk.encoded(logData)).id(Long.toString(chunk.end())).name("log");
        }

        @Override
        public Event<String> status(JobStatus status, Integer exitCode) {
            return Event.of(json.write(new WireJson.StatusData(status, exitCode))).name("status");
        }

        @Override
        public Event<String> reset() {
            return EventStreams.reset();
        }

        @Override
        public Event<String> end(JobStatus status, Integer exitCode) {
            return Event.of(json.write(new WireJson.StatusData(status, exitCode))).name("end");
        }
    }
}
