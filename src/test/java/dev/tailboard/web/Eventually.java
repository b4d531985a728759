package dev.tailboard.web;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, instead of sleeping for a guessed time. */
final class Eventually {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Eventually() {
    }

    /**
     * Polls {@code probe} until it gives a value other than null or false; an exception while polling
     * (something not there yet) counts as not yet. Fails after {@code timeout}, with the last exception.
     */
    static <T> T until(Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout, last);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static <T> T until(Supplier<T> probe) {
        return until(TIMEOUT, probe);
    }
}
