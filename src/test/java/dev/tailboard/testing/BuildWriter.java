package dev.tailboard.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** A build writing {@code line 1} … {@code line N} to its log at a busy build's pace, then its final status. */
public final class BuildWriter extends Thread {

    private final LogFolder folder;
    private final String id;
    private final int lines;
    public final AtomicLong written = new AtomicLong();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile long holdAfter = Long.MAX_VALUE;

    /** A build of {@code lines} lines, its log created empty with a {@code running} sidecar. */
    public BuildWriter(LogFolder folder, String id, int lines) {
        super("build-writer");
        this.folder = folder;
        this.id = id;
        this.lines = lines;
        setDaemon(true);
        folder.append(id, new byte[0]).sidecar(id, "{\"status\":\"running\"}");
    }

    /** Stops after line {@code line} until {@link #release()}: what a test does then happens mid-build, surely. */
    public BuildWriter holdAfter(long line) {
        holdAfter = line;
        return this;
    }

    /** Goes on after a {@linkplain #holdAfter hold}. */
    public void release() {
        released.countDown();
    }

    @Override
    public void run() {
        for (int i = 1; i <= lines; i++) {
            folder.append(id, "line " + i + "\n");
            written.set(i);
            if (i == holdAfter) {
                awaitRelease();
            }
            if (i % 20 == 0) {
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // the pace of a busy build, not a wait
            }
        }
        folder.finish(id, "success", 0);
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
