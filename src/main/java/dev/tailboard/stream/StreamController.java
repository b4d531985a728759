package dev.tailboard.stream;

import dev.tailboard.http.EventStreams;
import dev.tailboard.http.LogRequest;
import dev.tailboard.http.PlainText;
import dev.tailboard.http.ViewerConnections;
import dev.tailboard.logs.LogFeeds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.reactivestreams.Publisher;

/**
 * {@code GET /api/jobs/{id}/stream}: the raw bytes of a log as one chunked response, each chunk flushed as
 * it is read, complete when the job is final (for {@code curl -N}). It cannot say {@code reset}: after one
 * it simply goes on with the bytes from 0. The bytes are the viewer's to write ({@link RawWire}), paced by the socket.
 */
@Controller("/api/jobs")
public record StreamController(LogFeeds feeds, ViewerConnections connections, RawWire wire) {

    /** Sent first so that the status line and headers leave at once, before any line exists. */
    private static final byte[] NOTHING = new byte[0];

    @Get(uri = "/{+id}/stream", produces = "text/plain; charset=utf-8")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Publisher<byte[]>> stream(LogRequest request, HttpRequest<?> http) {
        Publisher<byte[]> body = connections.body(http, request.open(feeds), wire, true, NOTHING);
        return EventStreams.streamed(HttpResponse.ok(body)).contentType(PlainText.UTF8);
    }
}
