package dev.tailboard.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads a whole log once, from its first byte to its end, handing over every line numbered exactly as the
 * log viewer numbers it (the {@link LineCutter} rules, UTF-8 decoded leniently). For scans of the whole
 * log: linear time, memory bounded by one block and one line, no feed or window involved.
 */
public final class LogLines {

    /** Receives each line in order. */
    public interface Reader {
        void line(long number, String text);
    }

    private static final int BLOCK_BYTES = 256 * 1024;

    private LogLines() {
    }

    /** Reads the channel to its end; an unterminated last line is handed over too. */
    public static void read(ReadableByteChannel channel, int maxLineBytes, Reader reader) throws IOException {
        LineCutter cutter = new LineCutter(maxLineBytes, 0);
        long[] next = {1};
        LineCutter.Sink sink = (buffer, offset, length, start, end) ->
                reader.line(next[0]++, new String(buffer, offset, length, StandardCharsets.UTF_8));
        ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);
        while (channel.read(block) >= 0) {
            block.flip();
            cutter.feed(block.array(), block.position(), block.remaining(), sink);
            block.clear();
        }
        cutter.flush(sink);
    }
}
