package dev.tailboard.access;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.TimeUnit;

/**
 * On the listening socket, before the connections are set up: counts each one in as it is accepted, and stops
 * accepting while too many are open or still closing (new ones wait in the kernel's queue meanwhile, holding no
 * file), looking again every few milliseconds.
 */
@ChannelHandler.Sharable
final class AcceptWatch extends ChannelInboundHandlerAdapter {

    static final String NAME = "tailboard-accept-watch";
    private static final long RECHECK_MILLIS = 20;

    private final Connections connections;

    AcceptWatch(Connections connections) {
        this.connections = connections;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
        if (message instanceof Channel connection) {
            connections.accepted(connection);
            if (connections.crowded() && context.channel().config().isAutoRead()) {
                context.channel().config().setAutoRead(false);
                resumeWhenThereIsRoom(context);
            }
        }
        super.channelRead(context, message);
    }

    private void resumeWhenThereIsRoom(ChannelHandlerContext context) {
        context.executor().schedule(() -> {
            if (connections.crowded()) {
                resumeWhenThereIsRoom(context);
            } else {
                context.channel().config().setAutoRead(true);
            }
        }, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
    }
}
