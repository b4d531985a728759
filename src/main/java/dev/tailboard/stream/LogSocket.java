package dev.tailboard.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailboard.http.ApiException;
import dev.tailboard.http.EventStreams;
import dev.tailboard.http.LogRequest;
import dev.tailboard.http.WireJson;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.logs.LogChunk;
import dev.tailboard.logs.LogEvent;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import jakarta.inject.Named;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ws://…/ws/jobs/{id}?from=N}: a log as JSON text frames {@code log}, {@code status}, {@code reset} and
 * {@code end}, then a close with 1000. A ping every heartbeat keeps an idle socket open through proxies. The
 * stream is one-way: what a client sends is ignored.
 */
@ServerWebSocket(LogSocket.PATH + "/{+id}")
public class LogSocket {

    static final String PATH = "/ws/jobs";
    private static final String SUBSCRIPTIONS = "tailboard.subscriptions";
    private static final byte[] PING = "tailboard".getBytes(StandardCharsets.US_ASCII);
    /** How long a client has to answer the server's close frame before the connection is closed anyway. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final LogFeeds feeds;
    private final EventStreams streams;
    private final TaskScheduler scheduler;
    private final SocketFormat format;

    public LogSocket(LogFeeds feeds, WireJson json, EventStreams streams,
                     @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.feeds = feeds;
        this.streams = streams;
        this.scheduler = scheduler;
        this.format = new SocketFormat(json);
    }

    @Serdeable
    record LogFrame(String type, long next, long line, List<String> lines) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StatusFrame(String type, JobStatus status, @Nullable Integer exitCode) {
    }

    @Serdeable
    record ResetFrame(String type) {
    }

    @OnOpen
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void open(WebSocketSession session, HttpRequest<?> request) {
        LogRequest logRequest = request.getAttribute(LogSocketGate.LOG_REQUEST, LogRequest.class).orElseThrow();
        LogView view;
        try {
            view = logRequest.open(feeds);
        } catch (ApiException gone) {
            goodbye(session, new CloseReason(CloseReason.POLICY_VIOLATION.getCode(), gone.getMessage()));
            return;
        }
        Disposable.Composite subscriptions = Disposables.composite();
        session.put(SUBSCRIPTIONS, subscriptions);
        subscriptions.add(streams.heartbeats()
                .concatMap(tick -> Mono.fromFuture(() -> session.sendPingAsync(PING)))
                .subscribe(sent -> { }, closed -> { }));
        subscriptions.add(view.events()
                .concatMap(event -> Mono.fromFuture(() -> session.sendAsync(event.in(format))), 1)
                .subscribe(sent -> { }, error -> end(session, subscriptions, CloseReason.INTERNAL_ERROR),
                        () -> end(session, subscriptions, CloseReason.NORMAL)));
        if (!session.isOpen()) {
            subscriptions.dispose();
        }
    }

    /** Micronaut wants a message handler; some clients send keep-alive text, which needs no answer. */
    @OnMessage
    public void ignore(String message) {
    }

    @OnClose
    public void close(WebSocketSession session) {
        session.get(SUBSCRIPTIONS, Disposable.class).ifPresent(Disposable::dispose);
    }

    private void end(WebSocketSession session, Disposable subscriptions, CloseReason reason) {
        subscriptions.dispose();
        goodbye(session, reason);
    }

    /**
     * Sends the close frame and leaves closing the connection to the client's answer, as RFC 6455 asks.
     * {@code session.close} closes the connection at once: the client's answer then meets a closed socket, the
     * connection is reset, and some clients (Node's) lose the last frames and report 1006.
     */
    private void goodbye(WebSocketSession session, CloseReason reason) {
        Mono.fromFuture(() -> session.sendAsync(new CloseWebSocketFrame(reason.getCode(), reason.getReason())))
                .subscribe(sent -> scheduler.schedule(CLOSE_GRACE, () -> session.close(reason)), closed -> { });
    }

    /** A log event as a JSON text frame. */
    private static final class SocketFormat implements LogEvent.Format<String> {

        private final WireJson json;
        /** One encoder for all viewers, so that each chunk is encoded once however many follow it. */
        private final Function<LogChunk, String> logFrame;

        SocketFormat(WireJson json) {
            this.json = json;
            this.logFrame = chunk -> json.write(new LogFrame("log", chunk.end(), chunk.firstLine(), chunk.lines()));
        }

        @Override
        public String lines(LogChunk chunk) {
            return chunk.encoded(logFrame);
        }

        @Override
        public String status(JobStatus status, Integer exitCode) {
            return json.write(new StatusFrame("status", status, exitCode));
        }

        @Override
        public String reset() {
            return json.write(new ResetFrame("reset"));
        }

        @Override
        public String end(JobStatus status, Integer exitCode) {
            return json.write(new StatusFrame("end", status, exitCode));
        }
    }
}
