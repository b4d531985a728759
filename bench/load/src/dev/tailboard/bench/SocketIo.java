package dev.tailboard.bench;

import java.util.concurrent.TimeUnit;

/**
 * frontail's browser client: socket.io 2 (Engine.IO 3) over a WebSocket, as its page connects
 * ({@code transports: ['websocket']}): join the log's namespace, take every {@code line} event, ping.
 * A reconnect joins again; the server then replays its buffer of the last lines.
 */
final class SocketIo implements Protocol {

    private static final byte[] LINE_EVENT = "[\"line\",\"".getBytes();

    private final Viewer viewer;
    private final Target target;
    private final String namespace;
    private final WebSocketFrames frames = new WebSocketFrames(this::message);
    private Connection connection;
    private long pingEveryNanos = TimeUnit.SECONDS.toNanos(25);
    private long nextPing = Long.MAX_VALUE;

    SocketIo(Viewer viewer, Target target) {
        this.viewer = viewer;
        this.target = target;
        this.namespace = target.frontailNamespace();
    }

    @Override
    public byte[] opening() {
        return WebSocketFrames.upgrade(target, "/socket.io/?EIO=3&transport=websocket");
    }

    @Override
    public boolean head(int status, Connection connection) {
        this.connection = connection;
        return status == 101;
    }

    @Override
    public void body(byte[] buf, int off, int len, long now, Connection connection) {
        frames.feed(buf, off, len, now, connection);
    }

    @Override
    public void tick(long now, Connection connection) {
        if (now >= nextPing) {
            nextPing = now + pingEveryNanos;
            connection.send(WebSocketFrames.text("2"));
        }
    }

    private void message(byte[] data, int length, long now) {
        if (length == 0) {
            return;
        }
        if (data[0] == '0') {
            long interval = JsonScan.number(data, 1, length - 1, "pingInterval");
            if (interval > 0) {
                pingEveryNanos = TimeUnit.MILLISECONDS.toNanos(interval);
            }
            nextPing = now + pingEveryNanos;
            connection.send(WebSocketFrames.text("40" + namespace + ","));
        } else if (data[0] == '4' && length > 1) {
            int packet = data[1];
            if (!inNamespace(data, length)) {
                return;
            }
            if (packet == '0') {
                connection.established();
            } else if (packet == '2') {
                int at = JsonScan.find(data, 2, length, LINE_EVENT);
                if (at >= 0) {
                    int start = at + LINE_EVENT.length;
                    int end = start;
                    while (end < length && data[end] != '"') {
                        end += data[end] == '\\' ? 2 : 1;
                    }
                    viewer.line(data, start, end - start, now);
                }
            } else if (packet == '4') {
                connection.lost("socket.io error");
            }
        }
    }

    private boolean inNamespace(byte[] data, int length) {
        int n = namespace.length();
        if (length < 2 + n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (data[2 + i] != namespace.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
