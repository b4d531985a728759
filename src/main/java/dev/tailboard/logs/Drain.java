package dev.tailboard.logs;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one follower's delivery on an executor, never twice at once: a wake that comes while it runs makes
 * it run once more, so no wake is lost and none starts a second delivery. Followers of logs and of answers
 * each have one; the delivery itself honours demand and returns when it has nothing to do.
 */
public final class Drain {

    private final Executor executor;
    private final Runnable delivery;
    private final AtomicInteger wakes = new AtomicInteger();

    public Drain(Executor executor, Runnable delivery) {
        this.executor = executor;
        this.delivery = delivery;
    }

    public void wake() {
        if (wakes.getAndIncrement() == 0) {
            executor.execute(this::run);
        }
    }

    private void run() {
        int missed = 1;
        do {
            delivery.run();
            missed = wakes.addAndGet(-missed);
        } while (missed != 0);
    }
}
