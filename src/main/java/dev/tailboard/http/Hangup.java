package dev.tailboard.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import reactor.core.publisher.Mono;

/**
 * Completes when the client of a request hangs up. Micronaut cancels a streamed response whose client left,
 * but not one that has not answered yet, such as a waiting long poll, which would then outlive its client
 * until its wait ran out.
 */
public final class Hangup {

    private Hangup() {
    }

    public static Mono<Void> of(HttpRequest<?> request) {
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return Mono.never();
        }
        Channel channel = netty.getChannelHandlerContext().channel();
        return Mono.create(sink -> {
            ChannelFutureListener closed = future -> sink.success();
            channel.closeFuture().addListener(closed);
            // a keep-alive connection serves many polls: each one takes its listener away again
            sink.onDispose(() -> channel.closeFuture().removeListener(closed));
        });
    }
}
