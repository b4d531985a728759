package dev.tailboard.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A benchmark log line: {@code #<sequence> <append time> <text>}. The sequence number makes loss, doubles
 * and reordering countable; the append time (nanoseconds on the load process's own clock) makes latency
 * measurable on the same clock that receives it.
 */
final class LineFormat {

    private static final byte[] TEXT = (" [INFO] --- maven-compiler-plugin:3.13.0:compile (default-compile) @ "
            + "tailboard-module ---\n").getBytes(StandardCharsets.US_ASCII);

    /** What {@link #parse} found. */
    static final class Parsed {
        long seq;
        long appendNanos;
    }

    private LineFormat() {
    }

    /** The line, newline included, as one build tool would write it. */
    static byte[] line(long seq, long appendNanos) {
        byte[] head = ("#" + seq + " " + appendNanos).getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + TEXT.length];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(TEXT, 0, line, head.length, TEXT.length);
        return line;
    }

    /** Reads the numbers of a line (without its newline); false when it is not one of ours. */
    static boolean parse(byte[] buf, int off, int len, Parsed out) {
        int end = off + len;
        if (len < 4 || buf[off] != '#') {
            return false;
        }
        int i = off + 1;
        long seq = 0;
        int start = i;
        while (i < end && buf[i] >= '0' && buf[i] <= '9') {
            seq = seq * 10 + (buf[i++] - '0');
        }
        if (i == start || i >= end || buf[i] != ' ') {
            return false;
        }
        i++;
        long nanos = 0;
        start = i;
        while (i < end && buf[i] >= '0' && buf[i] <= '9') {
            nanos = nanos * 10 + (buf[i++] - '0');
        }
        if (i == start) {
            return false;
        }
        out.seq = seq;
        out.appendNanos = nanos;
        return true;
    }

    /** The sequence number of the last benchmark line in {@code file}, -1 when there is none. */
    static long lastSeq(Path file) throws IOException {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            int tail = (int) Math.min(4096, log.length());
            byte[] bytes = new byte[tail];
            log.seek(log.length() - tail);
            log.readFully(bytes);
            Parsed parsed = new Parsed();
            int end = tail;
            for (int i = tail - 2; i >= -1; i--) {
                if (i == -1 || bytes[i] == '\n') {
                    if (parse(bytes, i + 1, end - i - 1, parsed)) {
                        return parsed.seq;
                    }
                    end = i;
                }
            }
            return -1;
        }
    }
}
