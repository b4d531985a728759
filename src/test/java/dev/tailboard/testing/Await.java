package dev.tailboard.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, never for a fixed time. */
public final class Await {

    /** Generous: a deadline only bounds a failure, and a busy CI machine can be many times slower than a quiet one. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEADLINE, condition);
    }

    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5); // poll interval of the wait loop, not a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** The value once {@code value} returns non-null. */
    public static <T> T value(String what, Callable<T> value) {
        Object[] found = new Object[1];
        until(what, () -> {
            try {
                found[0] = value.call();
            } catch (Exception e) {
                return false;
            }
            return found[0] != null;
        });
        @SuppressWarnings("unchecked")
        T result = (T) found[0];
        return result;
    }
}
