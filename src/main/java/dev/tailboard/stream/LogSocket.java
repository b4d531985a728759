package dev.tailboard.stream;

import dev.tailboard.http.ApiException;
import dev.tailboard.http.LogRequest;
import dev.tailboard.http.ViewerConnections;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogView;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import jakarta.inject.Named;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * {@code ws://…/ws/jobs/{id}?from=N}: a log as JSON text frames {@code log}, {@code status}, {@code reset} and
 * {@code end}, then a close with 1000. A ping every heartbeat keeps an idle socket open through proxies. The
 * stream is one-way: what a client sends is ignored. The frames are the viewer's to write ({@link SocketWire}).
 */
@ServerWebSocket(LogSocket.PATH + "/{+id}")
public class LogSocket {

    static final String PATH = "/ws/jobs";
    private static final String VIEWER = "tailboard.viewer";
    /** How long a client has to answer the server's close frame before the connection is closed anyway. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final LogFeeds feeds;
    private final ViewerConnections connections;
    private final SocketWire wire;
    private final TaskScheduler scheduler;

    public LogSocket(LogFeeds feeds, ViewerConnections connections, SocketWire wire,
                     @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.feeds = feeds;
        this.connections = connections;
        this.wire = wire;
        this.scheduler = scheduler;
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
        Runnable leave = connections.socket(request, view, wire, () -> goodbye(session, CloseReason.NORMAL));
        session.put(VIEWER, leave);
        if (!session.isOpen()) {
            leave.run();
        }
    }

    /** Micronaut wants a message handler; some clients send keep-alive text, which needs no answer. */
    @OnMessage
    public void ignore(String message) {
    }

    @OnClose
    public void close(WebSocketSession session) {
        session.get(VIEWER, Runnable.class).ifPresent(Runnable::run);
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
}
