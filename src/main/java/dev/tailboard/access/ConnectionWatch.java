package dev.tailboard.access;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches one connection, just behind the HTTP decoder: it is closed when it has not sent a whole request within
 * {@code tailboard.request-timeout} — from its opening or the end of its last answer (nothing sent, half a head,
 * an idle keep-alive) and again from the head to the end of the body. Once a whole request is in, it is served
 * as long as its answer takes, a stream or a WebSocket included. A connection {@link Connections} accepted beyond
 * the limit is answered {@code 503}, except {@code /health}.
 */
final class ConnectionWatch extends ChannelDuplexHandler {

    static final String NAME = "tailboard-connection-watch";
    /** {@link #waitingSince()} of a connection that is being served. */
    static final long SERVING = 0;
    private static final byte[] BUSY = ("{\"error\":\"this server is serving as many connections as it may: "
            + "try again shortly\"}").getBytes(StandardCharsets.UTF_8);

    private final Connections connections;
    private final long timeoutNanos;
    private final AtomicLong waitingSince = new AtomicLong(SERVING);
    private ChannelHandlerContext context;
    private ScheduledFuture<?> deadline;
    private boolean watched;
    private boolean beyondLimit;
    private boolean refused;
    private boolean receiving;
    private boolean upgraded;
    private int unanswered;

    ConnectionWatch(Connections connections, Duration timeout) {
        this.connections = connections;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Since when (System.nanoTime) it waits for a whole request, or {@link #SERVING}. */
    long waitingSince() {
        return waitingSince.get();
    }

    /** Closes it if it still waits since {@code since}; any thread may ask. */
    boolean evict(long since) {
        if (since == SERVING || !waitingSince.compareAndSet(since, SERVING)) {
            return false;
        }
        context.close();
        return true;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.context = context;
        if (context.channel().isActive()) {
            open();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        open();
        super.channelActive(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        closed();
        super.channelInactive(context);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        closed();
    }

    private void open() {
        if (!watched) {
            watched = true;
            waiting();
            beyondLimit = !connections.watch(this);
        }
    }

    private void closed() {
        disarm();
        waitingSince.set(SERVING);
        if (watched) {
            watched = false;
            connections.unwatch(this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (!upgraded && message instanceof HttpRequest request) {
            if (beyondLimit && !isHealth(request)) {
                ReferenceCountUtil.release(message);
                refuse(context);
                return;
            }
            receiving = true;
            disarm();
            arm();
        }
        if (!upgraded && message instanceof LastHttpContent) {
            receiving = false;
            unanswered++;
            serving();
        }
        super.channelRead(context, message);
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
        if (!upgraded && message instanceof HttpResponse response
                && response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            upgraded = true;
            serving();
        } else if (!upgraded && message instanceof LastHttpContent && !isInterim(message)) {
            ChannelPromise sent = promise.unvoid();
            sent.addListener(written -> answered());
            super.write(context, message, sent);
            return;
        }
        super.write(context, message, promise);
    }

    /** A {@code 100 Continue}: the request's body is still to come. */
    private static boolean isInterim(Object message) {
        return message instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    private void answered() {
        unanswered = Math.max(0, unanswered - 1);
        if (unanswered == 0 && !receiving && context.channel().isActive()) {
            waiting();
        }
    }

    private void waiting() {
        waitingSince.set(System.nanoTime() | 1);
        arm();
    }

    private void serving() {
        waitingSince.set(SERVING);
        disarm();
    }

    private void arm() {
        if (deadline == null) {
            deadline = context.executor().schedule(() -> {
                deadline = null;
                context.close();
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private static boolean isHealth(HttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        return path.equals("/health") || path.startsWith("/health/");
    }

    private void refuse(ChannelHandlerContext context) {
        refused = true;
        serving();
        FullHttpResponse busy = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE,
                Unpooled.wrappedBuffer(BUSY));
        busy.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, BUSY.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .setInt(HttpHeaderNames.RETRY_AFTER, 1);
        SecurityHeaders.HEADERS.forEach(busy.headers()::set);
        context.writeAndFlush(busy).addListener(ChannelFutureListener.CLOSE);
    }
}
