package dev.tailboard.http;

import dev.tailboard.logs.Outlet;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;

import java.util.function.Consumer;

/**
 * The connection of a streaming response as an {@link Outlet}: ready while Netty's outbound buffer is below
 * its high-water mark. Micronaut asks a streamed body for 256 elements ahead whatever their size; pacing by
 * the socket instead keeps a stalled viewer to about one buffer's worth (plus what Micronaut's event-loop
 * queue holds when the check was made: see {@link ViewerConnections#heldBytes()}).
 */
public final class ChannelOutlet extends ChannelInboundHandlerAdapter implements Outlet {

    private final Channel channel;
    private final Consumer<ChannelOutlet> onRelease;
    private volatile Runnable wake = () -> { };

    private ChannelOutlet(Channel channel, Consumer<ChannelOutlet> onRelease) {
        this.channel = channel;
        this.onRelease = onRelease;
    }

    /** An outlet on {@code channel}, in its pipeline until released (then {@code onRelease} is told). */
    static ChannelOutlet open(Channel channel, Consumer<ChannelOutlet> onRelease) {
        ChannelOutlet outlet = new ChannelOutlet(channel, onRelease);
        channel.pipeline().addFirst(outlet);
        return outlet;
    }

    /** Bytes handed to the connection and not written to the socket yet. */
    long pendingBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public boolean ready() {
        return channel.isWritable() || !channel.isActive();
    }

    @Override
    public void whenReady(Runnable wake) {
        this.wake = wake;
    }

    /** Leaves the connection's pipeline once the stream is over (the connection may serve other requests). */
    @Override
    public void release() {
        onRelease.accept(this);
        if (channel.pipeline().context(this) != null) {
            channel.pipeline().remove(this);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        if (channel.isWritable()) {
            wake.run();
        }
        super.channelWritabilityChanged(context);
    }

    @Override
    public boolean isSharable() {
        return false;
    }
}
