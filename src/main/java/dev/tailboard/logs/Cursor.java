package dev.tailboard.logs;

import java.io.IOException;

/**
 * One viewer's place in a log: the start of the next line it gets. It reads from the feed's window when it
 * can and from the file when it is behind, so nothing is ever queued for a viewer. Used by one thread at a time.
 */
public final class Cursor {

    /** What a read found. */
    public sealed interface Step {
    }

    /** The file was truncated or replaced: the cursor is back at the start. */
    public record Reset() implements Step {
    }

    /** Lines, and the position after them. */
    public record Lines(LogChunk chunk) implements Step {
    }

    /** Nothing new; {@code complete} when nothing new will ever come (the job is final, all is delivered). */
    public record Idle(boolean complete) implements Step {
    }

    /** The next lines are no longer in memory: only a read that may use the file gets them. */
    public record Behind() implements Step {
    }

    private final LogFeed feed;
    private Position position;
    /** Lines that start before this offset are skipped: a requested cursor inside a line not yet cut. */
    private long skipBefore;
    private int generation;

    Cursor(LogFeed feed, Position position, long skipBefore, int generation) {
        this.feed = feed;
        this.position = position;
        this.skipBefore = skipBefore;
        this.generation = generation;
    }

    /** The log this cursor is a place in. */
    LogFeed feed() {
        return feed;
    }

    /**
     * Where the next line this cursor gets starts. A requested cursor inside a line not yet cut stays where it
     * was asked (handing out the start of that line would make a client read it after all).
     */
    public Position position() {
        return skipBefore > position.offset() ? new Position(skipBefore, position.line() + 1) : position;
    }

    /**
     * The next lines, at most about {@code maxBytes} (always at least one line) and {@code maxLines}.
     * May read the file: call it where blocking is allowed.
     */
    public Step next(int maxBytes, int maxLines) throws IOException {
        return next(maxBytes, maxLines, true);
    }

    /**
     * Like {@link #next(int, int)}; without {@code mayReadFile} it never blocks, and answers {@link Behind} where it
     * would have to read the file.
     */
    public Step next(int maxBytes, int maxLines, boolean mayReadFile) throws IOException {
        while (true) {
            LogFeed.Snapshot snapshot = feed.snapshot();
            if (snapshot.generation() != generation) {
                generation = snapshot.generation();
                position = Position.START;
                skipBefore = 0;
                return new Reset();
            }
            boolean behind = position.offset() < snapshot.windowStart();
            if (behind && !mayReadFile) {
                return new Behind();
            }
            LogChunk chunk = behind ? feed.readFile(position, snapshot.windowStart(), maxBytes) : fromWindow(snapshot);
            if (feed.snapshot().generation() != generation) {
                continue;
            }
            if (skipBefore > 0 && !chunk.isEmpty()) {
                int from = chunk.indexAtOrAfter(skipBefore);
                if (from == chunk.size()) {
                    position = chunk.endPosition();
                    continue;
                }
                chunk = chunk.slice(from, chunk.size());
                skipBefore = 0;
            }
            if (chunk.isEmpty()) {
                return new Idle(snapshot.complete() && position.offset() >= snapshot.end().offset());
            }
            chunk = chunk.slice(0, Math.min(chunk.size(), maxLines));
            position = chunk.endPosition();
            return new Lines(chunk);
        }
    }

    /** True when a read now would find lines, a reset or the end. */
    public boolean hasNews() {
        LogFeed.Snapshot snapshot = feed.snapshot();
        return snapshot.generation() != generation || position.offset() < snapshot.end().offset()
                || snapshot.complete();
    }

    /**
     * The rest of the window chunk holding the cursor. Whole chunks are never joined per viewer: every viewer
     * at the live edge gets the same chunk objects, so each chunk's encoding is made once for all of them.
     */
    private LogChunk fromWindow(LogFeed.Snapshot snapshot) {
        LogChunk[] window = snapshot.window();
        int index = chunkIndex(window, position.offset());
        if (index < 0) {
            return LogChunk.empty(position);
        }
        LogChunk chunk = window[index];
        return chunk.slice(chunk.indexAtOrAfter(position.offset()), chunk.size());
    }

    /** The chunk of {@code window} holding {@code offset}, or -1 when it is past the window. */
    static int chunkIndex(LogChunk[] window, long offset) {
        // at the live edge: past the window, or in its newest chunk
        int last = window.length - 1;
        if (last < 0 || offset >= window[last].end()) {
            return -1;
        }
        if (offset >= window[last].start()) {
            return last;
        }
        int low = 0;
        int high = window.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (window[mid].end() <= offset) {
                low = mid + 1;
            } else if (window[mid].start() > offset) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
