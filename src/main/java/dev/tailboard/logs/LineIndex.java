package dev.tailboard.logs;

import java.util.Arrays;

/**
 * A sparse map from line starts to line numbers, one entry every {@link #SPACING} lines, so that any
 * offset or line number is found by cutting at most that many lines from the nearest entry.
 */
final class LineIndex {

    static final int SPACING = 1024;

    private long[] offsets = new long[64];
    private long[] lines = new long[64];
    private int size;

    LineIndex() {
        add(Position.START);
    }

    /** Records a line start if it is due (line numbers 1, 1 + SPACING, ...). */
    synchronized void offer(long offset, long line) {
        if ((line - 1) % SPACING == 0 && line > lines[size - 1]) {
            add(new Position(offset, line));
        }
    }

    private void add(Position position) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        offsets[size] = position.offset();
        lines[size] = position.line();
        size++;
    }

    /** The last entry at or before {@code offset}. */
    synchronized Position atOrBeforeOffset(long offset) {
        return entry(floor(offsets, offset));
    }

    /** The last entry at or before line {@code line}. */
    synchronized Position atOrBeforeLine(long line) {
        return entry(floor(lines, line));
    }

    private Position entry(int index) {
        return new Position(offsets[index], lines[index]);
    }

    private int floor(long[] keys, long key) {
        int found = Arrays.binarySearch(keys, 0, size, key);
        return found >= 0 ? found : Math.max(0, -found - 2);
    }
}
