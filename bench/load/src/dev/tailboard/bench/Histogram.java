package dev.tailboard.bench;

/**
 * Latencies without keeping every sample: 1 µs buckets up to 100 ms, then 1 ms buckets up to 10 minutes.
 * Used by the event loop thread only.
 */
final class Histogram {

    private static final int FINE_MICROS = 100_000;
    private static final int COARSE_MILLIS = 600_000;

    private final long[] fine = new long[FINE_MICROS];
    private final long[] coarse = new long[COARSE_MILLIS];
    private long count;
    private long maxNanos;

    void record(long nanos) {
        long value = Math.max(0, nanos);
        long micros = value / 1_000;
        if (micros < FINE_MICROS) {
            fine[(int) micros]++;
        } else {
            coarse[(int) Math.min(COARSE_MILLIS - 1, micros / 1_000)]++;
        }
        count++;
        maxNanos = Math.max(maxNanos, value);
    }

    long count() {
        return count;
    }

    /** The latency below which {@code fraction} of the samples lie, in milliseconds (NaN without samples). */
    double percentileMillis(double fraction) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * count));
        long seen = 0;
        for (int i = 0; i < FINE_MICROS; i++) {
            seen += fine[i];
            if (seen >= rank) {
                return (i + 1) / 1_000.0;
            }
        }
        for (int i = 0; i < COARSE_MILLIS; i++) {
            seen += coarse[i];
            if (seen >= rank) {
                return i + 1;
            }
        }
        return maxMillis();
    }

    double maxMillis() {
        return maxNanos / 1_000_000.0;
    }
}
