package dev.tailboard.http;

import dev.tailboard.logs.Drain;
import dev.tailboard.logs.Follower;
import dev.tailboard.logs.LogEvent;
import dev.tailboard.logs.LogView;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One viewer's connection, delivering its log itself. Each event's frame is written straight to the socket, below
 * the protocol's encoder and Netty's idle watch (told at every heartbeat instead), on the connection's own event loop, where its {@link FanOut} wakes it once per change of
 * the log: a chunk the feed shares is encoded once and every viewer writes a duplicate of it, flushed once per
 * wake-up. It writes only while the channel is writable, so a viewer that stops reading holds Netty's high-water
 * mark plus one event at most, and the rest waits in the file. A viewer behind the feed's window reads its cursor
 * from the file on the catch-up pool instead, paced the same way, and comes back to its loop once it caught up.
 *
 * <p>On an HTTP response it starts once the response's head and first piece (which Micronaut writes, with every
 * filter's headers) have gone out; on a WebSocket at once. Its thread rule: everything runs on the event loop, but
 * the follower, which belongs to the catch-up pool while the viewer is {@link Mode#BEHIND}.
 */
final class Viewer extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Viewer.class);

    private enum Mode { OPENING, LIVE, BEHIND, DONE }

    private final Channel channel;
    private final EventExecutor loop;
    private final LogView view;
    private final Follower follower;
    private final Wire wire;
    private final ViewerConnections connections;
    private final Function<Channel, ChannelHandlerContext> encoder;
    private final boolean afterHead;
    private final Runnable onEnd;
    private final long heartbeatMillis;
    private final Drain catchUp;
    private final ChannelFutureListener closed = future -> cancel();
    private final Sinks.Empty<Void> added = Sinks.empty();
    /** The catch-up pool owns the follower. */
    private volatile boolean reading;
    /** The viewer is done while the catch-up pool owns the follower: it hands it back to be closed. */
    private volatile boolean cancelled;
    /** Frames leave from here: below the protocol's encoder and Netty's idle watch, straight to the socket. */
    private ChannelHandlerContext out;
    /** Heartbeats leave from here, through the idle watch, which so learns that the connection is in use. */
    private ChannelHandlerContext watched;
    private Mode mode = Mode.OPENING;
    private boolean headSeen;
    private boolean chunked = true;
    private FanOut fanOut;
    private ScheduledFuture<?> heartbeat;
    private boolean quiet;
    /** Where it sits in its fan-out. */
    int slot;

    /**
     * @param encoder   the context of the protocol's encoder, which frames are written below
     * @param afterHead start once the HTTP response's head and first piece went out (else: at once)
     * @param onEnd     runs on the event loop after the {@code end} event was written
     */
    Viewer(Channel channel, LogView view, Follower follower, Wire wire, ViewerConnections connections,
           Function<Channel, ChannelHandlerContext> encoder, boolean afterHead, Runnable onEnd, Executor files,
           long heartbeatMillis) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.view = view;
        this.follower = follower;
        this.wire = wire;
        this.connections = connections;
        this.encoder = encoder;
        this.afterHead = afterHead;
        this.onEnd = onEnd;
        this.heartbeatMillis = heartbeatMillis;
        this.catchUp = new Drain(files, this::readBehind);
        channel.closeFuture().addListener(closed);
    }

    /** Completes once the viewer is in its channel's pipeline, where it sees what is written. */
    Mono<Void> added() {
        return added.asMono();
    }

    EventExecutor loop() {
        return loop;
    }

    LogView view() {
        return view;
    }

    /** Bytes written to the connection and not yet sent. */
    long pendingBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        watched = encoder.apply(channel);
        ChannelHandlerContext idleWatch = channel.pipeline().context(ChannelPipelineCustomizer.HANDLER_IDLE_STATE);
        out = idleWatch == null ? watched : idleWatch;
        added.tryEmitEmpty();
        if (!afterHead && mode == Mode.OPENING) {
            start();
        }
    }

    /** Watches the response go out: once its head and first piece passed, the rest is this viewer's to write. */
    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (mode == Mode.OPENING && afterHead) {
            if (message instanceof FullHttpResponse || (headSeen && message instanceof LastHttpContent)) {
                // the response ended without a stream (a HEAD request, an error)
                context.write(message, promise);
                finish();
                return;
            }
            if (message instanceof HttpResponse head) {
                headSeen = true;
                chunked = HttpUtil.isTransferEncodingChunked(head);
            } else if (headSeen && message instanceof HttpContent) {
                context.write(message, promise);
                loop.execute(this::start);
                return;
            }
        }
        context.write(message, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        if (channel.isWritable()) {
            if (mode == Mode.LIVE) {
                pump();
            } else if (mode == Mode.BEHIND) {
                wakeCatchUp();
            }
        }
        super.channelWritabilityChanged(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        finish();
        super.channelInactive(context);
    }

    /** Ends this viewer from any thread: its client left, or its response was cancelled. */
    void cancel() {
        if (loop.inEventLoop()) {
            finish();
            return;
        }
        try {
            loop.execute(this::finish);
        } catch (RejectedExecutionException stopping) {
            view.close();
        }
    }

    private void start() {
        if (mode != Mode.OPENING) {
            return;
        }
        mode = Mode.LIVE;
        fanOut = connections.join(this);
        if (heartbeatMillis > 0) {
            heartbeat = loop.scheduleAtFixedRate(this::beat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        }
        pump();
    }

    /** Writes what the viewer has to learn from memory while the connection takes it; flushes once. */
    void pump() {
        if (mode != Mode.LIVE) {
            return;
        }
        boolean wrote = false;
        try {
            while (channel.isWritable()) {
                LogEvent event = follower.next(false);
                if (event == null) {
                    if (follower.needsFile()) {
                        mode = Mode.BEHIND;
                        reading = true;
                        wakeCatchUp();
                    }
                    break;
                }
                wrote |= send(event, false);
                if (event instanceof LogEvent.End) {
                    out.flush();
                    end();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            return;
        }
        if (wrote) {
            out.flush();
            quiet = false;
        }
    }

    /** Writes the frame of {@code event}, if it has one; from the catch-up pool with a flush, as one task. */
    private boolean send(LogEvent event, boolean flush) {
        ByteBuf frame = wire.frame(event, channel.alloc());
        if (frame == null) {
            return false;
        }
        write(out, frame, flush);
        return true;
    }

    private void write(ChannelHandlerContext from, ByteBuf frame, boolean flush) {
        ByteBuf bytes = chunked || wire.framing() != Framing.HTTP_CHUNK ? frame : Framing.unchunked(frame);
        if (flush) {
            from.writeAndFlush(bytes, from.voidPromise());
        } else {
            from.write(bytes, from.voidPromise());
        }
    }

    /** On the catch-up pool: reads the file while the connection takes it, then hands the viewer back to its loop. */
    private void readBehind() {
        if (!reading) {
            return;
        }
        LogEvent event = null;
        try {
            while (!cancelled) {
                if (!channel.isWritable()) {
                    if (channel.isActive()) {
                        // the loop wakes the pool again when the connection can take more
                        return;
                    }
                    break;
                }
                event = follower.next(true);
                if (event == null) {
                    break;
                }
                send(event, true);
                if (event instanceof LogEvent.End) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Reading {} for a viewer failed", view, e);
            channel.close();
        }
        reading = false;
        boolean ended = event instanceof LogEvent.End;
        loop.execute(() -> handBack(ended));
    }

    private void handBack(boolean ended) {
        if (mode == Mode.DONE) {
            view.close();
            return;
        }
        mode = Mode.LIVE;
        if (ended) {
            end();
        } else {
            pump();
        }
    }

    private void wakeCatchUp() {
        try {
            catchUp.wake();
        } catch (RejectedExecutionException stopping) {
            reading = false;
            channel.close();
        }
    }

    /**
     * Every heartbeat: a quiet connection gets the transport's heartbeat, if it has one; one that was written to
     * tells Netty's idle watch so (its frames went past it), so that a stream is not closed as idle.
     */
    private void beat() {
        if (channel.isWritable()) {
            if (mode == Mode.LIVE && quiet && wire.beats()) {
                write(watched, wire.heartbeat(), true);
            } else if (mode == Mode.BEHIND || !quiet) {
                watched.writeAndFlush(Unpooled.EMPTY_BUFFER, watched.voidPromise());
            }
        }
        quiet = true;
    }

    private void end() {
        finish();
        onEnd.run();
    }

    private void fail(Exception e) {
        LOG.warn("Delivering {} failed", view, e);
        finish();
        channel.close();
    }

    /** Leaves the fan-out, the heartbeat and the pipeline, and lets go of the log (or has the catch-up pool do so). */
    private void finish() {
        if (mode == Mode.DONE) {
            return;
        }
        Mode was = mode;
        mode = Mode.DONE;
        if (fanOut != null) {
            connections.leave(fanOut, this);
            fanOut = null;
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        channel.closeFuture().removeListener(closed);
        connections.forget(this);
        if (channel.pipeline().context(this) != null) {
            channel.pipeline().remove(this);
        }
        if (was == Mode.BEHIND) {
            cancelled = true;
            wakeCatchUp();
        } else {
            view.close();
        }
    }
}
