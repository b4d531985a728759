package dev.tailboard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The build that writes the log: one {@code write} per line, at a steady rate, each line stamped with its
 * sequence number and the time just before it is written.
 */
final class Appender implements AutoCloseable {

    private final FileChannel log;
    private final long origin;
    private long nextSeq;

    /** Appends to {@code file}, numbering on from its last benchmark line so that no number is used twice. */
    Appender(Path file, long origin) throws IOException {
        this.log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.origin = origin;
        this.nextSeq = LineFormat.lastSeq(file) + 1;
    }

    /** The sequence number the next line gets. */
    long nextSeq() {
        return nextSeq;
    }

    long size() throws IOException {
        return log.size();
    }

    /** Writes one line now. */
    void append() throws IOException {
        long seq = nextSeq++;
        ByteBuffer line = ByteBuffer.wrap(LineFormat.line(seq, System.nanoTime() - origin));
        while (line.hasRemaining()) {
            log.write(line);
        }
    }

    /** Writes {@code count} lines at {@code perSecond}, on a fixed schedule (a late line does not shift the rest). */
    void append(int count, double perSecond) throws IOException {
        long period = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            append();
        }
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
