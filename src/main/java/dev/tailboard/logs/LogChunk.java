package dev.tailboard.logs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Consecutive whole lines of a log: bytes {@code [start, end)} exactly as the file has them, the first line
 * numbered {@code firstLine}. Immutable and shared by every viewer. The lines' text is decoded only when asked
 * for; a transport can write its wire format straight from the bytes, and an encoding of a chunk that the feed
 * hands to every viewer ({@link #shared()}) is made once and kept.
 */
public final class LogChunk {

    /** Receives one line's text as UTF-8 bytes (line ending excluded); the array is only valid during the call. */
    public interface LineBytes {
        void line(byte[] bytes, int offset, int length);
    }

    private final long start;
    private final long firstLine;
    /** The log's bytes {@code [start, end)}, line endings included. */
    private final byte[] data;
    /** End of each line, relative to {@code start}. */
    private final int[] ends;
    private final Arrivals arrivals;
    private volatile List<String> lines;
    private volatile boolean shared;
    private volatile Map<Function<LogChunk, ?>, Object> encodings;

    LogChunk(long start, long firstLine, byte[] data, int[] ends, Arrivals arrivals) {
        this.start = start;
        this.firstLine = firstLine;
        this.data = data;
        this.ends = ends;
        this.arrivals = arrivals;
    }

    public long start() {
        return start;
    }

    /** The cursor just past these lines. */
    public long end() {
        return start + length();
    }

    public long firstLine() {
        return firstLine;
    }

    /** The text of each line, decoded from UTF-8 (a malformed sequence becomes U+FFFD, as the API asks). */
    public List<String> lines() {
        List<String> decoded = lines;
        if (decoded == null) {
            String[] texts = new String[ends.length];
            for (int i = 0; i < texts.length; i++) {
                int from = lineStart(i);
                texts[i] = new String(data, from, contentLength(i, from), StandardCharsets.UTF_8);
            }
            decoded = List.of(texts);
            lines = decoded;
        }
        return decoded;
    }

    /** Hands each line's bytes, without its line ending, to {@code sink} in order. */
    public void forEachLine(LineBytes sink) {
        for (int i = 0; i < ends.length; i++) {
            int from = lineStart(i);
            sink.line(data, from, contentLength(i, from));
        }
    }

    /** The log's own bytes of these lines, line endings included (read-only). */
    public ByteBuffer raw() {
        return ByteBuffer.wrap(data, 0, length()).asReadOnlyBuffer();
    }

    public int size() {
        return ends.length;
    }

    public boolean isEmpty() {
        return ends.length == 0;
    }

    /** When the last of these lines arrived (epoch millis, as {@code /times} says); null when unknown. */
    public Long time() {
        return ends.length == 0 ? null : arrivals.timeAt(end());
    }

    public Position startPosition() {
        return new Position(start, firstLine);
    }

    public Position endPosition() {
        return new Position(end(), firstLine + ends.length);
    }

    /**
     * True for a chunk of the feed's window, which every viewer at the live edge is handed as this same object:
     * worth encoding once for all of them. Other chunks (a viewer's own read of the file, a part of a chunk) are
     * one viewer's.
     */
    public boolean shared() {
        return shared;
    }

    void share() {
        shared = true;
    }

    /** This chunk encoded by {@code encoder}, computed once however many viewers ask. */
    @SuppressWarnings("unchecked")
    public <T> T encoded(Function<LogChunk, T> encoder) {
        Map<Function<LogChunk, ?>, Object> known = encodings;
        if (known == null) {
            synchronized (this) {
                known = encodings;
                if (known == null) {
                    known = new ConcurrentHashMap<>(2);
                    encodings = known;
                }
            }
        }
        return (T) known.computeIfAbsent(encoder, e -> e.apply(this));
    }

    long bytes() {
        return length();
    }

    private int length() {
        return ends.length == 0 ? 0 : ends[ends.length - 1];
    }

    private int lineStart(int index) {
        return index == 0 ? 0 : ends[index - 1];
    }

    /** A line without its {@code \n} or {@code \r\n}; a piece cut at the length limit has no ending. */
    private int contentLength(int index, int from) {
        int end = ends[index];
        if (end > from && data[end - 1] == '\n') {
            end--;
            if (end > from && data[end - 1] == '\r') {
                end--;
            }
        }
        return end - from;
    }

    /** The index of the first line starting at or after {@code offset} ({@link #size()} when none does). */
    int indexAtOrAfter(long offset) {
        if (offset <= start) {
            return 0;
        }
        int relative = (int) Math.min(Integer.MAX_VALUE, offset - start);
        int found = Arrays.binarySearch(ends, 0, ends.length, relative);
        return found >= 0 ? found + 1 : -found - 1 + 1;
    }

    Position positionOf(int index) {
        return new Position(start + lineStart(index), firstLine + index);
    }

    /** Lines {@code [from, to)} of this chunk as a chunk of their own. */
    LogChunk slice(int from, int to) {
        if (from == 0 && to == ends.length) {
            return this;
        }
        int base = lineStart(from);
        int[] slicedEnds = new int[to - from];
        for (int i = from; i < to; i++) {
            slicedEnds[i - from] = ends[i] - base;
        }
        int length = to == from ? 0 : ends[to - 1] - base;
        return new LogChunk(start + base, firstLine + from, Arrays.copyOfRange(data, base, base + length), slicedEnds,
                arrivals);
    }

    /** Consecutive chunks as one. */
    static LogChunk join(List<LogChunk> parts) {
        int count = 0;
        int length = 0;
        for (LogChunk part : parts) {
            count += part.size();
            length += part.length();
        }
        byte[] joined = new byte[length];
        int[] joinedEnds = new int[count];
        int at = 0;
        int base = 0;
        for (LogChunk part : parts) {
            System.arraycopy(part.data, 0, joined, base, part.length());
            for (int i = 0; i < part.size(); i++) {
                joinedEnds[at + i] = base + part.ends[i];
            }
            at += part.size();
            base += part.length();
        }
        return new LogChunk(parts.get(0).start, parts.get(0).firstLine, joined, joinedEnds, parts.get(0).arrivals);
    }

    static LogChunk empty(Position at) {
        return new LogChunk(at.offset(), at.line(), new byte[0], new int[0], Arrivals.NONE);
    }

    @Override
    public String toString() {
        return "LogChunk[" + start + ".." + end() + ", lines " + firstLine + "+" + ends.length + "]";
    }
}
