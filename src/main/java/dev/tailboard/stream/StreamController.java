package dev.tailboard.stream;

import dev.tailboard.http.ViewerConnections;
import dev.tailboard.http.EventStreams;
import dev.tailboard.http.LogRequest;
import dev.tailboard.http.PlainText;
import dev.tailboard.logs.LogChunk;
import dev.tailboard.logs.LogEvent;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogView;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@code GET /api/jobs/{id}/stream}: the raw bytes of a log as one chunked response, each chunk flushed as
 * it is read, complete when the job is final (for {@code curl -N}). It cannot say {@code reset}: after one
 * it simply goes on with the bytes from 0.
 */
@Controller("/api/jobs")
public class StreamController {

    /** Sent first so that the status line and headers leave at once, before any line exists. */
    private static final byte[] NOTHING = new byte[0];

    private final LogFeeds feeds;
    private final ViewerConnections connections;

    public StreamController(LogFeeds feeds, ViewerConnections connections) {
        this.feeds = feeds;
        this.connections = connections;
    }

    @Get(uri = "/{+id}/stream", produces = "text/plain; charset=utf-8")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Publisher<byte[]>> stream(LogRequest request, HttpRequest<?> http) {
        LogView view = request.open(feeds);
        Flux<byte[]> bytes = view.lines(connections.outletOf(http))
                .ofType(LogEvent.Lines.class)
                .map(lines -> raw(view, lines.chunk()));
        return EventStreams.streamed(HttpResponse.ok((Publisher<byte[]>) Flux.concat(Flux.just(NOTHING), bytes)))
                .contentType(PlainText.UTF8);
    }

    private static byte[] raw(LogView view, LogChunk chunk) {
        ByteBuffer bytes = view.raw(chunk.start(), chunk.end());
        return bytes.remaining() == bytes.capacity() ? bytes.array() : Arrays.copyOf(bytes.array(), bytes.remaining());
    }
}
