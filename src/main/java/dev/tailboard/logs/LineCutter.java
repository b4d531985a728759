package dev.tailboard.logs;

/**
 * Cuts a byte stream into lines by the rules of the API: after every {@code \n}, and wherever a line
 * reaches {@code maxLineBytes} bytes since the previous cut (moved back to a UTF-8 character boundary).
 * A {@code \r} right before the {@code \n} is not part of the line. A cut is made as soon as it is certain,
 * so the bytes fed in pieces are cut exactly as the same bytes fed at once.
 */
final class LineCutter {

    /** Receives each line; {@code buffer} is only valid during the call. */
    interface Sink {
        void line(byte[] buffer, int offset, int length, long start, long end);
    }

    private final int maxLineBytes;
    private byte[] pending;
    private int pendingLength;
    private long lineStart;

    LineCutter(int maxLineBytes, long start) {
        this.maxLineBytes = maxLineBytes;
        this.pending = new byte[Math.min(256, maxLineBytes + 2)];
        this.lineStart = start;
    }

    /** Where the next line starts: everything before it has been handed to a sink. */
    long lineStart() {
        return lineStart;
    }

    /** Bytes fed but not yet part of a line. */
    int pendingBytes() {
        return pendingLength;
    }

    void feed(byte[] buffer, int offset, int length, Sink sink) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int room = maxLineBytes + 2 - pendingLength;
            int stop = Math.min(end, i + room);
            int newline = indexOfNewline(buffer, i, stop);
            if (newline >= 0 && pendingLength == 0) {
                i = lineFromBuffer(buffer, i, newline, sink);
                continue;
            }
            int to = newline >= 0 ? newline : stop;
            append(buffer, i, to - i);
            i = to;
            if (newline >= 0) {
                endLine(sink);
                i++;
            } else {
                cutWhileCertain(sink);
            }
        }
    }

    /** Hands over an unterminated last line, if there is one; used once a job is final. */
    boolean flush(Sink sink) {
        if (pendingLength == 0) {
            return false;
        }
        while (pendingLength > maxLineBytes) {
            cutPiece(sink);
        }
        sink.line(pending, 0, pendingLength, lineStart, lineStart + pendingLength);
        lineStart += pendingLength;
        pendingLength = 0;
        return true;
    }

    private int lineFromBuffer(byte[] buffer, int from, int newline, Sink sink) {
        int contentLength = newline - from;
        if (contentLength > 0 && buffer[newline - 1] == '\r') {
            contentLength--;
        }
        if (contentLength > maxLineBytes) {
            append(buffer, from, newline - from);
            endLine(sink);
        } else {
            long end = lineStart + (newline - from) + 1;
            sink.line(buffer, from, contentLength, lineStart, end);
            lineStart = end;
        }
        return newline + 1;
    }

    /** The {@code \n} after the pending bytes has arrived. */
    private void endLine(Sink sink) {
        boolean carriageReturn = pendingLength > 0 && pending[pendingLength - 1] == '\r';
        while (pendingLength - (carriageReturn ? 1 : 0) > maxLineBytes) {
            cutPiece(sink);
        }
        int contentLength = pendingLength - (carriageReturn ? 1 : 0);
        long end = lineStart + pendingLength + 1;
        sink.line(pending, 0, contentLength, lineStart, end);
        lineStart = end;
        pendingLength = 0;
    }

    /** Cuts pieces that are too long whatever comes next; a {@code \r} at the limit waits for its byte. */
    private void cutWhileCertain(Sink sink) {
        while (pendingLength > maxLineBytes + 1
                || (pendingLength == maxLineBytes + 1 && pending[maxLineBytes] != '\r')) {
            cutPiece(sink);
        }
    }

    private void cutPiece(Sink sink) {
        int cut = maxLineBytes;
        while (cut > maxLineBytes - 3 && cut > 1 && isContinuation(pending[cut])) {
            cut--;
        }
        if (isContinuation(pending[cut])) {
            cut = maxLineBytes;
        }
        sink.line(pending, 0, cut, lineStart, lineStart + cut);
        lineStart += cut;
        pendingLength -= cut;
        System.arraycopy(pending, cut, pending, 0, pendingLength);
    }

    private void append(byte[] buffer, int offset, int length) {
        if (pendingLength + length > pending.length) {
            byte[] grown = new byte[Math.min(maxLineBytes + 2, Math.max(pending.length * 2, pendingLength + length))];
            System.arraycopy(pending, 0, grown, 0, pendingLength);
            pending = grown;
        }
        System.arraycopy(buffer, offset, pending, pendingLength, length);
        pendingLength += length;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static int indexOfNewline(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
