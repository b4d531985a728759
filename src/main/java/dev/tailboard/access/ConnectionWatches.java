package dev.tailboard.access;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Puts an {@link AcceptWatch} on the listening socket and a {@link ConnectionWatch} on every connection. */
@Singleton
public class ConnectionWatches implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final Connections connections;
    private final Duration requestTimeout;

    public ConnectionWatches(Connections connections, ConnectionSettings settings) {
        this.connections = connections;
        this.requestTimeout = settings.getRequestTimeout();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        AcceptWatch accepting = new AcceptWatch(connections);
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                if (role == ChannelRole.LISTENER && channel instanceof ServerChannel) {
                    // first: before the acceptor, which hands each connection on and passes nothing further
                    channel.pipeline().addFirst(AcceptWatch.NAME, accepting);
                }
                return role == ChannelRole.CONNECTION ? new Watched(channel) : this;
            }
        });
        return event.getBean();
    }

    /** One connection's customizer: the pipeline is complete once its stream handlers are in. */
    private final class Watched implements NettyServerCustomizer {

        private final Channel channel;

        Watched(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel child, ChannelRole role) {
            return this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(ConnectionWatch.NAME) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, ConnectionWatch.NAME,
                        new ConnectionWatch(connections, requestTimeout));
            }
        }
    }
}
