package dev.tailboard.analyst;

/**
 * The lines of an earlier run of the same pipeline, as hashes of their words with what changes from run to
 * run (numbers, hashes, times) taken out: a line of the failing run that is not among them is new. Holds at
 * most {@link #MAX_LINES} distinct lines (8 MB); lines beyond that are not added.
 */
final class KnownLines {

    static final int MAX_LINES = 1 << 19;
    private static final long PRIME = 0x100000001b3L;
    private static final long EMPTY = 0;

    private long[] slots = new long[1024];
    private int size;

    /** Adds a line as {@link LineText} gives it. */
    void add(String text) {
        if (size >= MAX_LINES) {
            return;
        }
        if (insert(slots, hash(text))) {
            size++;
            if (size * 2 > slots.length) {
                grow();
            }
        }
    }

    boolean contains(String text) {
        long hash = hash(text);
        for (int slot = slot(slots, hash); slots[slot] != EMPTY; slot = (slot + 1) & (slots.length - 1)) {
            if (slots[slot] == hash) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long hash : slots) {
            if (hash != EMPTY) {
                insert(bigger, hash);
            }
        }
        slots = bigger;
    }

    private static boolean insert(long[] table, long hash) {
        int slot = slot(table, hash);
        while (table[slot] != EMPTY) {
            if (table[slot] == hash) {
                return false;
            }
            slot = (slot + 1) & (table.length - 1);
        }
        table[slot] = hash;
        return true;
    }

    private static int slot(long[] table, long hash) {
        return (int) (hash ^ (hash >>> 32)) & (table.length - 1);
    }

    /**
     * A 64-bit FNV-1a hash of the line's words, never {@link #EMPTY}; a word holding a digit (a number, a
     * hash, a time, a version) counts as {@code 0}, blanks at either end do not count.
     */
    private static long hash(String text) {
        String line = text.strip();
        long hash = 0xcbf29ce484222325L;
        int i = 0;
        while (i < line.length()) {
            int end = i;
            boolean digit = false;
            while (end < line.length() && Character.isLetterOrDigit(line.charAt(end))) {
                digit |= Character.isDigit(line.charAt(end));
                end++;
            }
            if (end == i) {
                hash = (hash ^ line.charAt(i)) * PRIME;
                i++;
            } else {
                for (int c = i; c < end; c++) {
                    hash = (hash ^ (digit ? '0' : line.charAt(c))) * PRIME;
                    if (digit) {
                        break;
                    }
                }
                i = end;
            }
        }
        return hash == EMPTY ? 1 : hash;
    }
}
