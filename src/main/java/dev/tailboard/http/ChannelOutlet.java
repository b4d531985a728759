package dev.tailboard.http;

import dev.tailboard.logs.Outlet;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The connection of a streaming response as an {@link Outlet}: ready while Netty's outbound buffer is below
 * its high-water mark. Micronaut asks a streamed body for 256 elements ahead whatever their size; pacing by
 * the socket instead keeps a stalled viewer to one buffer's worth.
 */
public final class ChannelOutlet extends ChannelInboundHandlerAdapter implements Outlet {

    private final Channel channel;
    private volatile Runnable wake = () -> { };

    private ChannelOutlet(Channel channel) {
        this.channel = channel;
    }

    /** The outlet of {@code request}'s connection; unbounded when it is not a Netty connection. */
    public static Outlet of(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            ChannelOutlet outlet = new ChannelOutlet(netty.getChannelHandlerContext().channel());
            outlet.channel.pipeline().addFirst(outlet);
            return outlet;
        }
        return Outlet.UNBOUNDED;
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
