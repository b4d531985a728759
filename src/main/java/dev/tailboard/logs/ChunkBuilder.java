package dev.tailboard.logs;

import java.util.Arrays;

/**
 * Collects the lines a {@link LineCutter} hands over into a {@link LogChunk}, keeping the log's bytes as they
 * are: a line's ending is what the cutter left out of it ({@code \n}, {@code \r\n}, or none for a piece).
 */
final class ChunkBuilder implements LineCutter.Sink {

    private final Arrivals arrivals;
    private Position start;
    private byte[] data = new byte[1024];
    private int length;
    private int[] ends = new int[64];
    private int count;

    ChunkBuilder(Position start, Arrivals arrivals) {
        this.start = start;
        this.arrivals = arrivals;
    }

    @Override
    public void line(byte[] buffer, int offset, int contentLength, long lineStart, long lineEnd) {
        int lineLength = (int) (lineEnd - lineStart);
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, count * 2);
        }
        if (length + lineLength > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, length + lineLength));
        }
        System.arraycopy(buffer, offset, data, length, contentLength);
        int ending = lineLength - contentLength;
        if (ending == 2) {
            data[length + contentLength] = '\r';
        }
        if (ending > 0) {
            data[length + lineLength - 1] = '\n';
        }
        length += lineLength;
        ends[count++] = length;
    }

    long bytes() {
        return length;
    }

    int count() {
        return count;
    }

    /** The lines collected so far as a chunk; the builder starts again after them. */
    LogChunk take() {
        LogChunk chunk = new LogChunk(start.offset(), start.line(), Arrays.copyOf(data, length), Arrays.copyOf(ends, count),
                arrivals);
        start = chunk.endPosition();
        count = 0;
        length = 0;
        return chunk;
    }
}
