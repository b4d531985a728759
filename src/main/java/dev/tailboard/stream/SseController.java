package dev.tailboard.stream;

import dev.tailboard.http.EventStreams;
import dev.tailboard.http.LogRequest;
import dev.tailboard.http.ViewerConnections;
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
import org.reactivestreams.Publisher;

/**
 * {@code GET /api/jobs/{id}/events}: a log as server-sent events, resumable with {@code Last-Event-ID}. Micronaut
 * answers with the head and the greeting; the events are the viewer's to write ({@link SseWire}).
 */
@Controller("/api/jobs")
public record SseController(LogFeeds feeds, EventStreams streams, ViewerConnections connections, SseWire wire) {

    /** On the blocking pool: the first view of a log reads it once; the events never pass through this pool. */
    @Get(uri = "/{+id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Publisher<Event<String>>> events(LogRequest request, HttpRequest<?> http) {
        LogView view = request.open(feeds);
        if (request.resumed() && view.atEnd()) {
            view.close();
            return HttpResponse.noContent();
        }
        return streams.written(connections.body(http, view, wire, false, streams.greeting("tailboard " + request.job())));
    }
}
