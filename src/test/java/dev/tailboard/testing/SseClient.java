package dev.tailboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent events client over a real HTTP connection that parses the wire exactly (comments, retry,
 * ids, multi-line data), so that tests see what a browser's EventSource would.
 */
public final class SseClient implements AutoCloseable {

    /** One dispatched event, or a comment line ({@code event} is ":"), or the end of the stream ({@code "<eof>"}). */
    public record Event(String id, String event, String data, String retry) {
        public boolean isComment() {
            return ":".equals(event);
        }
    }

    private static final Event EOF = new Event(null, "<eof>", null, null);
    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient connect(HttpClient http, URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    public int status() {
        return response.statusCode();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            String retry = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || retry != null) {
                        events.add(new Event(id, event == null ? "message" : event, data == null ? null : data.toString(), retry));
                    }
                    event = null;
                    retry = null;
                    data = null;
                    id = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, ":", line.substring(1).trim(), null));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "retry" -> retry = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // the stream was closed by the test or the server
        } finally {
            events.add(EOF);
        }
    }

    /** The next event that is not a comment, waiting up to the deadline. */
    public Event next() throws InterruptedException {
        while (true) {
            Event event = nextIncludingComments();
            if (!event.isComment()) {
                return event;
            }
        }
    }

    public Event nextIncludingComments() throws InterruptedException {
        Event event = events.poll(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + Await.DEADLINE);
        }
        return event;
    }

    /** Events until (and including) one named {@code name}, or the end of the stream. */
    public List<Event> until(String name) throws InterruptedException {
        List<Event> seen = new ArrayList<>();
        Event event;
        do {
            event = next();
            seen.add(event);
        } while (!name.equals(event.event()) && event != EOF);
        return seen;
    }

    public static boolean isEnd(Event event) {
        return event == EOF;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
