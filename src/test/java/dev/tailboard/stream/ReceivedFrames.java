package dev.tailboard.stream;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** The text frames and the close code a JDK WebSocket receives, readable at any moment. */
final class ReceivedFrames implements WebSocket.Listener {

    private final List<String> frames = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile int closeCode = -1;
    private final AtomicInteger pings = new AtomicInteger();

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        return null;
    }

    /** The JDK answers the ping with a pong itself. */
    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    synchronized List<String> frames() {
        return List.copyOf(frames);
    }

    int pings() {
        return pings.get();
    }

    /** The close code the server sent, or -1 while the socket is open. */
    int closeCode() {
        return closeCode;
    }
}
