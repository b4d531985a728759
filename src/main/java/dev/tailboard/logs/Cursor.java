package dev.tailboard.logs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
        while (true) {
            LogFeed.Snapshot snapshot = feed.snapshot();
            if (snapshot.generation() != generation) {
                generation = snapshot.generation();
                position = Position.START;
                skipBefore = 0;
                return new Reset();
            }
            LogChunk chunk = position.offset() < snapshot.windowStart()
                    ? feed.readFile(position, snapshot.windowStart(), maxBytes)
                    : fromWindow(snapshot, maxBytes);
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

    private LogChunk fromWindow(LogFeed.Snapshot snapshot, int maxBytes) {
        LogChunk[] window = snapshot.window();
        int first = chunkIndex(window, position.offset());
        if (first < 0) {
            return LogChunk.empty(position);
        }
        LogChunk head = window[first];
        head = head.slice(head.indexAtOrAfter(position.offset()), head.size());
        if (head.bytes() >= maxBytes || first == window.length - 1) {
            return head;
        }
        List<LogChunk> parts = new ArrayList<>();
        parts.add(head);
        long bytes = head.bytes();
        for (int i = first + 1; i < window.length && bytes < maxBytes; i++) {
            parts.add(window[i]);
            bytes += window[i].bytes();
        }
        return parts.size() == 1 ? head : LogChunk.join(parts);
    }

    /** The chunk of {@code window} holding {@code offset}, or -1 when it is past the window. */
    private static int chunkIndex(LogChunk[] window, long offset) {
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
