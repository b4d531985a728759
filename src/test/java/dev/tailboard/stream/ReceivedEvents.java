package dev.tailboard.stream;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server-sent event stream read the way a browser's EventSource reads it (WHATWG rules: fields, comments,
 * a blank line dispatches, a block without data dispatches nothing), on a thread of its own. Micronaut's
 * SseClient cannot be used: it fails on a block without data, which every stream here starts with.
 */
final class ReceivedEvents implements AutoCloseable {

    /** One dispatched event; {@code id} is the last event id at that moment. */
    record SseEvent(String name, String id, String data) {
    }

    private final Stream<String> lines;
    private final List<SseEvent> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private volatile boolean complete;
    private volatile boolean closed;
    private volatile Throwable failure;
    private String name;
    private String lastId = "";
    private StringBuilder data;
    private String retry;

    ReceivedEvents(HttpResponse<Stream<String>> response) {
        this.lines = response.body();
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            lines.forEach(this::line);
            complete = true;
        } catch (RuntimeException e) {
            if (!closed) {
                failure = e;
            }
        }
    }

    private synchronized void line(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                events.add(new SseEvent(name == null ? "message" : name, lastId, data.toString()));
            }
            name = null;
            data = null;
            return;
        }
        if (line.startsWith(":")) {
            comments.add(line.substring(1).trim());
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> name = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            case "id" -> lastId = value;
            case "retry" -> retry = value;
            default -> { }
        }
    }

    synchronized List<SseEvent> all() {
        return List.copyOf(events);
    }

    List<SseEvent> named(String eventName) {
        return all().stream().filter(event -> eventName.equals(event.name())).toList();
    }

    synchronized List<String> comments() {
        return List.copyOf(comments);
    }

    synchronized String retry() {
        return retry;
    }

    /** The server ended the stream normally. */
    boolean complete() {
        if (failure != null) {
            throw new AssertionError("the stream failed", failure);
        }
        return complete;
    }

    @Override
    public void close() {
        closed = true;
        lines.close();
    }
}
