package dev.tailboard.logs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Consecutive whole lines of a log: bytes {@code [start, end)}, the first numbered {@code firstLine}.
 * Immutable and shared by every viewer; an encoding of it (a transport's JSON) is made once and kept.
 */
public final class LogChunk {

    private final long start;
    private final long firstLine;
    private final String[] lines;
    /** End of each line, relative to {@code start}. */
    private final int[] ends;
    private final Arrivals arrivals;
    private final Map<Function<LogChunk, ?>, Object> encodings = new ConcurrentHashMap<>(2);

    LogChunk(long start, long firstLine, String[] lines, int[] ends, Arrivals arrivals) {
        this.start = start;
        this.firstLine = firstLine;
        this.lines = lines;
        this.ends = ends;
        this.arrivals = arrivals;
    }

    public long start() {
        return start;
    }

    /** The cursor just past these lines. */
    public long end() {
        return lines.length == 0 ? start : start + ends[lines.length - 1];
    }

    public long firstLine() {
        return firstLine;
    }

    public List<String> lines() {
        return Arrays.asList(lines);
    }

    public int size() {
        return lines.length;
    }

    public boolean isEmpty() {
        return lines.length == 0;
    }

    /** When the last of these lines arrived (epoch millis, as {@code /times} says); null when unknown. */
    public Long time() {
        return lines.length == 0 ? null : arrivals.timeAt(end());
    }

    public Position startPosition() {
        return new Position(start, firstLine);
    }

    public Position endPosition() {
        return new Position(end(), firstLine + lines.length);
    }

    /** This chunk encoded by {@code encoder}, computed once however many viewers ask. */
    @SuppressWarnings("unchecked")
    public <T> T encoded(Function<LogChunk, T> encoder) {
        return (T) encodings.computeIfAbsent(encoder, e -> e.apply(this));
    }

    long bytes() {
        return end() - start;
    }

    /** The index of the first line starting at or after {@code offset} ({@link #size()} when none does). */
    int indexAtOrAfter(long offset) {
        if (offset <= start) {
            return 0;
        }
        int relative = (int) Math.min(Integer.MAX_VALUE, offset - start);
        int found = Arrays.binarySearch(ends, 0, lines.length, relative);
        return found >= 0 ? found + 1 : -found - 1 + 1;
    }

    Position positionOf(int index) {
        return new Position(index == 0 ? start : start + ends[index - 1], firstLine + index);
    }

    /** Lines {@code [from, to)} of this chunk as a chunk of their own. */
    LogChunk slice(int from, int to) {
        if (from == 0 && to == lines.length) {
            return this;
        }
        int base = from == 0 ? 0 : ends[from - 1];
        int[] slicedEnds = new int[to - from];
        for (int i = from; i < to; i++) {
            slicedEnds[i - from] = ends[i] - base;
        }
        return new LogChunk(start + base, firstLine + from, Arrays.copyOfRange(lines, from, to), slicedEnds, arrivals);
    }

    /** Consecutive chunks as one. */
    static LogChunk join(List<LogChunk> parts) {
        int count = 0;
        for (LogChunk part : parts) {
            count += part.size();
        }
        String[] joined = new String[count];
        int[] joinedEnds = new int[count];
        long start = parts.get(0).start;
        int at = 0;
        for (LogChunk part : parts) {
            int base = (int) (part.start - start);
            System.arraycopy(part.lines, 0, joined, at, part.size());
            for (int i = 0; i < part.size(); i++) {
                joinedEnds[at + i] = base + part.ends[i];
            }
            at += part.size();
        }
        return new LogChunk(start, parts.get(0).firstLine, joined, joinedEnds, parts.get(0).arrivals);
    }

    static LogChunk empty(Position at) {
        return new LogChunk(at.offset(), at.line(), new String[0], new int[0], Arrivals.NONE);
    }

    @Override
    public String toString() {
        return "LogChunk[" + start + ".." + end() + ", lines " + firstLine + "+" + lines.length + "]";
    }
}
