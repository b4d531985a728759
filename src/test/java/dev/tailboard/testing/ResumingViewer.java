package dev.tailboard.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A viewer of {@code line 1}, {@code line 2}, … as EventSource is one: on a lost connection it comes back with the
 * last id it saw — to the same server, or to whichever it is {@linkplain #moveTo sent} — and it checks that every
 * line arrives exactly once, in order.
 */
public final class ResumingViewer extends Thread {

    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.createDefault();
    private volatile URI target;
    public final AtomicLong received = new AtomicLong();
    public volatile boolean ended;
    public volatile Throwable failure;
    public volatile int reconnects;
    private String lastId;

    public ResumingViewer(URI target) {
        super("resuming-viewer");
        this.target = target;
        setDaemon(true);
    }

    /** The node it comes back to when its connection is lost. */
    public void moveTo(URI newTarget) {
        target = newTarget;
    }

    public boolean done() {
        return ended || failure != null;
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try {
            while (!ended && System.nanoTime() < deadline) {
                follow();
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void follow() throws InterruptedException {
        Map<String, String> headers = lastId == null ? Map.of() : Map.of("Last-Event-ID", lastId);
        try (SseClient client = SseClient.connect(http, target, headers)) {
            if (client.status() == 204) {
                ended = true;
                return;
            }
            if (client.status() != 200) {
                throw new IOException("status " + client.status());
            }
            for (SseClient.Event event = client.next(); !SseClient.isEnd(event); event = client.next()) {
                take(event);
                if (ended) {
                    return;
                }
            }
        } catch (IOException e) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // EventSource's retry delay, not a wait
        }
        reconnects++;
    }

    private void take(SseClient.Event event) throws IOException {
        switch (event.event()) {
            case "log" -> {
                Map<String, Object> data = json.readValue(event.data(), Argument.mapOf(String.class, Object.class));
                assertEquals(received.get() + 1, ((Number) data.get("line")).longValue(), "the next line, none lost, none twice");
                @SuppressWarnings("unchecked")
                List<String> lines = (List<String>) data.get("lines");
                for (String text : lines) {
                    assertEquals("line " + received.incrementAndGet(), text);
                }
                lastId = event.id();
            }
            case "end" -> ended = true;
            case "reset" -> throw new AssertionError("a reset: the log was never replaced");
            default -> { }
        }
    }
}
