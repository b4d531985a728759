package dev.tailboard.logs;

import dev.tailboard.jobs.JobStatus;

import java.io.IOException;
import java.util.Objects;

/**
 * The events of one view, taken one at a time by whoever delivers them: a reset first when the view starts again
 * at 0, the job's status whenever it changes (unless it is unknown), the lines, and the end. It holds no queue:
 * each call reads on from the cursor, so a viewer that takes nothing costs nothing. Used by one thread at a time.
 */
public final class Follower {

    private final LogFeed feed;
    private final Cursor cursor;
    private final boolean linesOnly;
    private boolean resetUntold;
    private JobStatus sentStatus = JobStatus.UNKNOWN;
    private Integer sentExitCode;
    private boolean done;
    private boolean needsFile;

    /** {@code linesOnly}: only the lines and the end, for a transport that carries the log's bytes and nothing else. */
    Follower(Cursor cursor, boolean reset, boolean linesOnly) {
        this.feed = cursor.feed();
        this.cursor = cursor;
        this.linesOnly = linesOnly;
        this.resetUntold = reset && !linesOnly;
    }

    /**
     * The next event, or null when there is none now. With {@code mayReadFile} it may read the file (call it where
     * blocking is allowed); without, it never blocks and returns null where the next lines must come from the file
     * ({@link #needsFile()} then says so).
     */
    public LogEvent next(boolean mayReadFile) throws IOException {
        needsFile = false;
        if (resetUntold) {
            resetUntold = false;
            return new LogEvent.Reset();
        }
        while (!done) {
            LogFeed.Snapshot snapshot = feed.snapshot();
            if (snapshot.status() != sentStatus || !Objects.equals(snapshot.exitCode(), sentExitCode)) {
                sentStatus = snapshot.status();
                sentExitCode = snapshot.exitCode();
                if (!linesOnly) {
                    return new LogEvent.Status(sentStatus, sentExitCode);
                }
                continue;
            }
            Cursor.Step step = cursor.next(LogView.BATCH_BYTES, Integer.MAX_VALUE, mayReadFile);
            if (step instanceof Cursor.Lines lines) {
                return new LogEvent.Lines(lines.chunk());
            }
            if (step instanceof Cursor.Reset) {
                if (!linesOnly) {
                    return new LogEvent.Reset();
                }
            } else if (step instanceof Cursor.Behind) {
                needsFile = true;
                return null;
            } else if (step instanceof Cursor.Idle idle) {
                if (idle.complete()) {
                    done = true;
                    return new LogEvent.End(snapshot.status(), snapshot.exitCode());
                }
                return null;
            }
        }
        return null;
    }

    /** The last {@link #next(boolean)} without the file stopped because the next lines are only in the file. */
    public boolean needsFile() {
        return needsFile;
    }

    /** The end was handed out: nothing follows. */
    public boolean done() {
        return done;
    }
}
