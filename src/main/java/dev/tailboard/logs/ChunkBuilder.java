package dev.tailboard.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Collects the lines a {@link LineCutter} hands over into a {@link LogChunk}; decodes UTF-8 leniently. */
final class ChunkBuilder implements LineCutter.Sink {

    private final Arrivals arrivals;
    private Position start;
    private String[] lines = new String[64];
    private int[] ends = new int[64];
    private int count;
    private long bytes;

    ChunkBuilder(Position start, Arrivals arrivals) {
        this.start = start;
        this.arrivals = arrivals;
    }

    @Override
    public void line(byte[] buffer, int offset, int length, long lineStart, long lineEnd) {
        if (count == lines.length) {
            lines = Arrays.copyOf(lines, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        // new String(..., UTF_8) turns every malformed sequence into U+FFFD, as the API asks
        lines[count] = new String(buffer, offset, length, StandardCharsets.UTF_8);
        bytes = lineEnd - start.offset();
        ends[count] = (int) bytes;
        count++;
    }

    long bytes() {
        return bytes;
    }

    int count() {
        return count;
    }

    /** The lines collected so far as a chunk; the builder starts again after them. */
    LogChunk take() {
        LogChunk chunk = new LogChunk(start.offset(), start.line(), Arrays.copyOf(lines, count), Arrays.copyOf(ends, count), arrivals);
        start = chunk.endPosition();
        count = 0;
        bytes = 0;
        return chunk;
    }
}
