package dev.tailboard.bench;

/** What one viewer received of the measured lines: each counted once, doubles and reordering counted apart. */
final class Tally {

    private long[] seen;
    private long received;
    private long doubled;
    private long outOfOrder;
    private long highest = -1;

    /** Records one measured line; true when it is its first arrival. */
    boolean record(int index, int windowSize) {
        if (seen == null) {
            seen = new long[(windowSize + 63) / 64];
        }
        long bit = 1L << (index & 63);
        if ((seen[index >>> 6] & bit) != 0) {
            doubled++;
            return false;
        }
        seen[index >>> 6] |= bit;
        received++;
        if (index < highest) {
            outOfOrder++;
        } else {
            highest = index;
        }
        return true;
    }

    boolean has(int index) {
        return seen != null && (seen[index >>> 6] & (1L << (index & 63))) != 0;
    }

    /** How many of the lines {@code [from, to)} of the window never arrived. */
    long missing(int from, int to) {
        long missing = 0;
        for (int i = from; i < to; i++) {
            if (!has(i)) {
                missing++;
            }
        }
        return missing;
    }

    long received() {
        return received;
    }

    long doubled() {
        return doubled;
    }

    long outOfOrder() {
        return outOfOrder;
    }
}
