package dev.tailboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of RFC 6455 framing: the upgrade request, unmasked frames from the server reassembled
 * into messages, masked frames to it; pings are answered, a close frame ends the connection.
 */
final class WebSocketFrames {

    /** Receives each complete text or binary message. */
    interface Handler {
        void message(byte[] data, int length, long now);
    }

    private final Handler handler;
    private final byte[] header = new byte[14];
    private int headerLength;
    private final Bytes payload = new Bytes();
    private long frameLeft = -1;
    private int opcode;
    private boolean fin;
    private final Bytes message = new Bytes();

    WebSocketFrames(Handler handler) {
        this.handler = handler;
    }

    static byte[] upgrade(Target target, String path) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return target.get(path, "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce), "Sec-WebSocket-Version: 13");
    }

    static byte[] text(String text) {
        return frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(int opcode, byte[] data) {
        int lengthBytes = data.length < 126 ? 0 : data.length < 65536 ? 2 : 8;
        byte[] frame = new byte[2 + lengthBytes + 4 + data.length];
        frame[0] = (byte) (0x80 | opcode);
        int at;
        if (lengthBytes == 0) {
            frame[1] = (byte) (0x80 | data.length);
            at = 2;
        } else if (lengthBytes == 2) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (data.length >>> 8);
            frame[3] = (byte) data.length;
            at = 4;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) data.length >>> (56 - 8 * i));
            }
            at = 10;
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, frame, at, 4);
        for (int i = 0; i < data.length; i++) {
            frame[at + 4 + i] = (byte) (data[i] ^ mask[i & 3]);
        }
        return frame;
    }

    void feed(byte[] buf, int off, int len, long now, Connection connection) {
        int i = off;
        int end = off + len;
        while (i < end && !connection.isClosed()) {
            if (frameLeft < 0) {
                header[headerLength++] = buf[i++];
                long size = headerComplete();
                if (size >= 0) {
                    headerLength = 0;
                    frameLeft = size;
                    payload.clear();
                    if (size == 0) {
                        frameDone(now, connection);
                    }
                }
            } else {
                int n = (int) Math.min(frameLeft, end - i);
                payload.append(buf, i, n);
                i += n;
                frameLeft -= n;
                if (frameLeft == 0) {
                    frameDone(now, connection);
                }
            }
        }
    }

    /** The payload length once the header is complete, else -1. */
    private long headerComplete() {
        if (headerLength < 2) {
            return -1;
        }
        int length7 = header[1] & 0x7f;
        int needed = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0);
        if (headerLength < needed) {
            return -1;
        }
        fin = (header[0] & 0x80) != 0;
        opcode = header[0] & 0x0f;
        if (length7 < 126) {
            return length7;
        }
        long size = 0;
        for (int i = 2; i < needed; i++) {
            size = (size << 8) | (header[i] & 0xff);
        }
        return size;
    }

    private void frameDone(long now, Connection connection) {
        frameLeft = -1;
        switch (opcode) {
            case 0x0, 0x1, 0x2 -> {
                message.append(payload.array(), 0, payload.length());
                if (fin) {
                    handler.message(message.array(), message.length(), now);
                    message.clear();
                }
            }
            case 0x8 -> connection.lost("WebSocket closed by the server");
            case 0x9 -> connection.send(frame(0xA, Arrays.copyOf(payload.array(), payload.length())));
            default -> {
                // pong or reserved: nothing to do
            }
        }
    }
}
