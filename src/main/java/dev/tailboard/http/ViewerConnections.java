package dev.tailboard.http;

import dev.tailboard.TailboardSettings;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogView;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The streaming viewers' connections: each one a {@link Viewer} that writes its log to its channel itself, grouped
 * by log and event loop into {@link FanOut}s. They say how many bytes the server holds for them, handed to the
 * connection and not yet written — what a stalled viewer costs.
 */
@Singleton
public class ViewerConnections {

    private final long heartbeatMillis;
    private final Set<Viewer> open = ConcurrentHashMap.newKeySet();
    private final Map<FanOut.Key, FanOut> fanOuts = new ConcurrentHashMap<>();
    /** Reads the file for viewers behind the feed's window, off the event loops. */
    private final Executor catchUp;

    public ViewerConnections(TailboardSettings settings, LogFeeds feeds) {
        this.heartbeatMillis = settings.getHeartbeat().toMillis();
        this.catchUp = feeds.delivery();
    }

    /**
     * The body of a streaming HTTP response that a viewer of {@code view} writes in {@code wire}'s format: Micronaut
     * writes the head (with every filter's headers) and {@code first}, the viewer everything after it, and the body
     * completes once the viewer wrote the end. Cancelling it, or the client leaving, ends the viewer.
     */
    public <T> Flux<T> body(HttpRequest<?> request, LogView view, Wire wire, boolean linesOnly, T first) {
        Sinks.Empty<T> ended = Sinks.empty();
        Viewer viewer = install(channelOf(request), view, wire, linesOnly, ended::tryEmitEmpty,
                ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, true);
        // the head and the first piece leave once the viewer is in place to see them go
        return viewer.added().then(Mono.just(first)).concatWith(ended.asMono()).doOnCancel(viewer::cancel);
    }

    /**
     * Has a viewer of {@code view} write to the WebSocket of {@code request}, whose handshake is done; {@code onEnd}
     * runs after the end was written. The returned action ends the viewer (when the socket closes).
     */
    public Runnable socket(HttpRequest<?> request, LogView view, Wire wire, Runnable onEnd) {
        Channel channel = channelOf(request);
        ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
        if (encoder == null) {
            view.close();
            throw new IllegalStateException("no WebSocket encoder on " + channel);
        }
        return install(channel, view, wire, false, onEnd, encoder.name(), false)::cancel;
    }

    private Viewer install(Channel channel, LogView view, Wire wire, boolean linesOnly, Runnable onEnd, String encoder,
                           boolean afterHead) {
        Function<Channel, ChannelHandlerContext> below = ch -> ch.pipeline().context(encoder);
        Viewer viewer = new Viewer(channel, view, view.follower(linesOnly), wire, this, below, afterHead, onEnd, catchUp,
                heartbeatMillis);
        open.add(viewer);
        try {
            channel.pipeline().addAfter(encoder, null, viewer);
        } catch (RuntimeException gone) {
            // the connection closed meanwhile, and its pipeline was emptied: the viewer ends with it
            viewer.cancel();
        }
        return viewer;
    }

    /** The event loop of {@code request}'s connection: what runs there answers without a hop. */
    public static Executor loopOf(HttpRequest<?> request) {
        return channelOf(request).eventLoop();
    }

    private static Channel channelOf(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            return netty.getChannelHandlerContext().channel();
        }
        throw new IllegalStateException("not a Netty request: " + request);
    }

    /** On the viewer's loop: its fan-out, joined. */
    FanOut join(Viewer viewer) {
        FanOut fanOut = fanOuts.computeIfAbsent(new FanOut.Key(viewer.view().feed(), viewer.loop()), FanOut::new);
        fanOut.add(viewer);
        return fanOut;
    }

    /** On the viewer's loop: its fan-out, left; an empty one is dropped. */
    void leave(FanOut fanOut, Viewer viewer) {
        if (fanOut.remove(viewer)) {
            fanOuts.remove(fanOut.key(), fanOut);
        }
    }

    void forget(Viewer viewer) {
        open.remove(viewer);
    }

    /** Bytes written to viewers' connections and still waiting in their outbound buffers. */
    public long heldBytes() {
        return open.stream().mapToLong(Viewer::pendingBytes).sum();
    }
}
