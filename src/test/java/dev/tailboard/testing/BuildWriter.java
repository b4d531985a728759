package dev.tailboard.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** A build writing {@code line 1} … {@code line N} to its log at a busy build's pace, then its final status. */
public final class BuildWriter extends Thread {

    private final LogFolder folder;
    private final String id;
    private final int lines;
    public final AtomicLong written = new AtomicLong();

    /** A build of {@code lines} lines, its log created empty with a {@code running} sidecar. */
    public BuildWriter(LogFolder folder, String id, int lines) {
        super("build-writer");
        this.folder = folder;
        this.id = id;
        this.lines = lines;
        setDaemon(true);
        folder.append(id, new byte[0]).sidecar(id, "{\"status\":\"running\"}");
    }

    @Override
    public void run() {
        for (int i = 1; i <= lines; i++) {
            folder.append(id, "line " + i + "\n");
            written.set(i);
            if (i % 20 == 0) {
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // the pace of a busy build, not a wait
            }
        }
        folder.finish(id, "success", 0);
    }
}
