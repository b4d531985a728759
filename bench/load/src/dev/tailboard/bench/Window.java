package dev.tailboard.bench;

/**
 * The lines that are measured: sequence numbers {@code [start, start + count)}. Set by the scenario before
 * the first of them is appended, read by the event loop for every line it receives.
 */
final class Window {

    private volatile long start = Long.MAX_VALUE;
    private volatile int count;

    void open(long start, int count) {
        this.count = count;
        this.start = start;
    }

    long start() {
        return start;
    }

    int count() {
        return count;
    }

    /** The index of {@code seq} in the window, or -1 when it is outside. */
    int indexOf(long seq) {
        long index = seq - start;
        return index < 0 || index >= count ? -1 : (int) index;
    }
}
