package dev.tailboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes HTTP/1.1 responses on one connection: the head, then a chunked, sized or read-until-close body,
 * handing body bytes to the protocol; after {@code 101 Switching Protocols} every byte goes to it as is.
 */
final class HttpResponses {

    private enum State { HEAD, SIZED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE, RAW }

    private final Connection connection;
    private final Protocol protocol;
    private State state = State.HEAD;
    private byte[] head = new byte[512];
    private int headLength;
    private long left;
    private int chunkSizeDigits;
    private int trailerLineLength;

    HttpResponses(Connection connection, Protocol protocol) {
        this.connection = connection;
        this.protocol = protocol;
    }

    /** Feeds received bytes; false when the connection must be closed. */
    boolean feed(byte[] buf, int off, int len, long now) {
        int i = off;
        int end = off + len;
        while (i < end) {
            switch (state) {
                case RAW, UNTIL_CLOSE -> {
                    protocol.body(buf, i, end - i, now, connection);
                    i = end;
                }
                case HEAD -> {
                    int used = readHead(buf, i, end);
                    if (used < 0) {
                        return false;
                    }
                    i += used;
                }
                case SIZED -> {
                    int n = (int) Math.min(left, end - i);
                    protocol.body(buf, i, n, now, connection);
                    i += n;
                    left -= n;
                    if (left == 0 && !responseEnd(now)) {
                        return false;
                    }
                }
                case CHUNK_SIZE -> {
                    byte b = buf[i++];
                    if (b == '\n') {
                        state = left == 0 ? State.TRAILER : State.CHUNK_DATA;
                        trailerLineLength = 0;
                    } else if (chunkSizeDigits >= 0 && hex(b) >= 0) {
                        left = left * 16 + hex(b);
                        chunkSizeDigits++;
                    } else if (b != '\r') {
                        chunkSizeDigits = -1;
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(left, end - i);
                    protocol.body(buf, i, n, now, connection);
                    i += n;
                    left -= n;
                    if (left == 0) {
                        state = State.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    if (buf[i++] == '\n') {
                        startChunk();
                    }
                }
                case TRAILER -> {
                    byte b = buf[i++];
                    if (b == '\n') {
                        if (trailerLineLength == 0 && !responseEnd(now)) {
                            return false;
                        }
                        trailerLineLength = 0;
                    } else if (b != '\r') {
                        trailerLineLength++;
                    }
                }
            }
        }
        return true;
    }

    /** The stream ended; true when that was a proper end of the response. */
    boolean eof(long now) {
        if (state == State.UNTIL_CLOSE) {
            protocol.responseEnd(now, connection);
            return true;
        }
        return false;
    }

    private boolean responseEnd(long now) {
        state = State.HEAD;
        headLength = 0;
        return protocol.responseEnd(now, connection);
    }

    private void startChunk() {
        state = State.CHUNK_SIZE;
        left = 0;
        chunkSizeDigits = 0;
    }

    /** Collects the head up to the blank line; the bytes used, or -1 for a broken answer. */
    private int readHead(byte[] buf, int from, int end) {
        for (int i = from; i < end; i++) {
            if (headLength == head.length) {
                if (head.length >= 64 * 1024) {
                    return -1;
                }
                head = java.util.Arrays.copyOf(head, head.length * 2);
            }
            head[headLength++] = buf[i];
            if (buf[i] == '\n' && headLength >= 4 && head[headLength - 2] == '\r' && head[headLength - 3] == '\n') {
                return startBody() ? i + 1 - from : -1;
            }
        }
        return end - from;
    }

    private boolean startBody() {
        String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        String[] statusLine = lines[0].split(" ");
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            return false;
        }
        int status = Integer.parseInt(statusLine[1]);
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                chunked = true;
            }
        }
        if (!protocol.head(status, connection)) {
            return false;
        }
        if (status == 101) {
            state = State.RAW;
        } else if (chunked) {
            startChunk();
        } else if (length >= 0) {
            state = State.SIZED;
            left = length;
            if (length == 0) {
                return responseEnd(connection.loop().now());
            }
        } else if (status == 204 || status == 304) {
            return responseEnd(connection.loop().now());
        } else {
            state = State.UNTIL_CLOSE;
        }
        return true;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
