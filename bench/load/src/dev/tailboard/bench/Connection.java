package dev.tailboard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/** One non-blocking client connection, driven by the {@link EventLoop}'s thread only. */
final class Connection {

    /** Who is told when the connection is usable and when it is gone. */
    interface Observer {
        void established(Connection connection);

        void closed(Connection connection, boolean byUs, String reason);
    }

    private final EventLoop loop;
    private final Protocol protocol;
    private final Observer observer;
    private final HttpResponses responses;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private SocketChannel channel;
    private SelectionKey key;
    private long startedAt;
    private boolean established;
    private boolean closed;

    Connection(EventLoop loop, Protocol protocol, Observer observer) {
        this.loop = loop;
        this.protocol = protocol;
        this.observer = observer;
        this.responses = new HttpResponses(this, protocol);
    }

    EventLoop loop() {
        return loop;
    }

    boolean isEstablished() {
        return established;
    }

    boolean isClosed() {
        return closed;
    }

    long startedAt() {
        return startedAt;
    }

    void attach(SocketChannel channel, SelectionKey key, long now) {
        this.channel = channel;
        this.key = key;
        this.startedAt = now;
    }

    /** The TCP connection is up: send the opening request. */
    void connected() {
        send(protocol.opening());
        if (protocol.establishedOnSend()) {
            established();
        }
    }

    /** The protocol saw what it waited for (a 200, an upgrade, a namespace joined). */
    void established() {
        if (!established && !closed) {
            established = true;
            loop.settled(this);
            observer.established(this);
        }
    }

    void send(byte[] bytes) {
        if (closed) {
            return;
        }
        out.add(ByteBuffer.wrap(bytes));
        flush();
    }

    void flush() {
        try {
            while (!out.isEmpty()) {
                ByteBuffer head = out.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                    return;
                }
                out.poll();
            }
            key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            lost(e.toString());
        }
    }

    void received(byte[] buf, int len, long now) {
        if (!responses.feed(buf, 0, len, now)) {
            lost("bad or refused answer");
        }
    }

    void eof(long now) {
        lost(responses.eof(now) ? "closed by the server after its answer" : "closed by the server");
    }

    void tick(long now) {
        protocol.tick(now, this);
    }

    /** Closed by the load side: not counted as a drop. */
    void close() {
        end(true, "closed by the viewer");
    }

    /** Closed by the server or by an error: a drop. */
    void lost(String reason) {
        end(false, reason);
    }

    private void end(boolean byUs, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone: nothing left to release
            }
        }
        loop.forget(this, !established);
        observer.closed(this, byUs, reason);
    }
}
