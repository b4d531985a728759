package dev.tailboard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Many builds writing at once, as a CI with many running jobs: one {@code write} per line, the logs in turn, on one
 * fixed schedule. Sequence numbers are unique across the logs, so that a line in the wrong log is seen as foreign.
 */
final class ManyAppender implements AutoCloseable {

    private final List<FileChannel> logs = new ArrayList<>();
    private final long origin;
    private long nextSeq;

    ManyAppender(List<Target> targets, long origin) throws IOException {
        for (Target target : targets) {
            logs.add(FileChannel.open(Path.of(target.file()), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        }
        this.origin = origin;
    }

    long size(int log) throws IOException {
        return logs.get(log).size();
    }

    /** One unmeasured line in every log. */
    void appendToEach() throws IOException {
        for (FileChannel log : logs) {
            write(log, nextSeq++);
        }
    }

    /** The first sequence number of a measured run starting now: line k of log j is {@code base + j * each + k}. */
    long base() {
        return nextSeq;
    }

    /** {@code each} lines in every log at {@code perSecond} lines a second per log, the logs in turn. */
    void append(int each, double perSecond) throws IOException {
        long base = nextSeq;
        int count = logs.size();
        long period = (long) (TimeUnit.SECONDS.toNanos(1) / (perSecond * count));
        long start = System.nanoTime();
        for (int i = 0; i < each * count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int log = i % count;
            write(logs.get(log), base + (long) log * each + i / count);
        }
        nextSeq = base + (long) each * count;
    }

    private void write(FileChannel log, long seq) throws IOException {
        ByteBuffer line = ByteBuffer.wrap(LineFormat.line(seq, System.nanoTime() - origin));
        while (line.hasRemaining()) {
            log.write(line);
        }
    }

    @Override
    public void close() throws IOException {
        for (FileChannel log : logs) {
            log.close();
        }
    }
}
