package dev.tailboard.http;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * How a connection's protocol wraps each message that a {@link Viewer} writes below the protocol's own encoder: as
 * an HTTP/1.1 chunk, or as a WebSocket text frame. A message is written after {@link #HEADROOM} free bytes, then
 * sealed: its header goes into the room before it.
 */
public enum Framing {

    HTTP_CHUNK {
        @Override
        void seal(ByteBuf message) {
            String size = Integer.toHexString(message.writerIndex() - HEADROOM);
            int headerStart = HEADROOM - size.length() - 2;
            message.setCharSequence(headerStart, size, StandardCharsets.US_ASCII);
            message.setShort(HEADROOM - 2, CRLF);
            message.writeShort(CRLF);
            message.readerIndex(headerStart);
        }
    },

    WEBSOCKET_TEXT {
        @Override
        void seal(ByteBuf message) {
            sealWebSocket(message, TEXT);
        }
    };

    /** Room for the largest header: a WebSocket frame's 10 bytes, or an HTTP chunk's size and CRLF. */
    public static final int HEADROOM = 10;
    private static final int CRLF = ('\r' << 8) | '\n';
    private static final int TEXT = 0x81;
    private static final int PING = 0x89;

    /** Puts the header before the payload (and a trailer after it) and points the reader at the header. */
    abstract void seal(ByteBuf message);

    /** Seals a heartbeat: an HTTP chunk of its payload, or a WebSocket ping (a payload of at most 125 bytes). */
    void sealHeartbeat(ByteBuf message) {
        if (this == WEBSOCKET_TEXT) {
            sealWebSocket(message, PING);
        } else {
            seal(message);
        }
    }

    /** A sealed HTTP chunk without its chunk header and trailer: its payload alone (a response not sent chunked). */
    static ByteBuf unchunked(ByteBuf chunk) {
        int headerEnd = chunk.indexOf(chunk.readerIndex(), chunk.writerIndex(), (byte) '\n') + 1;
        return chunk.slice(headerEnd, chunk.writerIndex() - 2 - headerEnd);
    }

    private static void sealWebSocket(ByteBuf message, int firstByte) {
        int length = message.writerIndex() - HEADROOM;
        int headerStart;
        if (length < 126) {
            headerStart = HEADROOM - 2;
            message.setByte(headerStart + 1, length);
        } else if (length < 65_536) {
            headerStart = HEADROOM - 4;
            message.setByte(headerStart + 1, 126);
            message.setShort(headerStart + 2, length);
        } else {
            headerStart = HEADROOM - 10;
            message.setByte(headerStart + 1, 127);
            message.setLong(headerStart + 2, length);
        }
        message.setByte(headerStart, firstByte);
        message.readerIndex(headerStart);
    }
}
