package dev.tailboard.http;

import dev.tailboard.logs.Outlet;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections of streaming viewers, as outlets paced by the socket; they say how many bytes the server
 * holds for them, handed to the connection and not yet written — what a stalled viewer costs.
 */
@Singleton
public class ViewerConnections {

    private final Set<ChannelOutlet> open = ConcurrentHashMap.newKeySet();

    /** The outlet of {@code request}'s connection; unbounded when it is not a Netty connection. */
    public Outlet outletOf(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            ChannelOutlet outlet = ChannelOutlet.open(netty.getChannelHandlerContext().channel(), open::remove);
            open.add(outlet);
            return outlet;
        }
        return Outlet.UNBOUNDED;
    }

    /** Bytes written to viewers' connections and still waiting in their outbound buffers. */
    public long heldBytes() {
        return open.stream().mapToLong(ChannelOutlet::pendingBytes).sum();
    }
}
