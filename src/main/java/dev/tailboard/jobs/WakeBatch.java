package dev.tailboard.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Wake-ups of viewers held back while one thread looks at several logs in a row, and given once at the end. With
 * hundreds of busy logs, a viewer's event loop is so woken once per batch of looks instead of once per look (each
 * wake-up of a sleeping loop is a system call and a context switch); a look that has no other after it wakes its
 * viewers at once, as without a batch.
 */
public final class WakeBatch {

    private static final Logger LOG = LoggerFactory.getLogger(WakeBatch.class);
    private static final ThreadLocal<Set<Runnable>> HELD = new ThreadLocal<>();

    private WakeBatch() {
    }

    /** Runs {@code looks} on this thread, holding back the wake-ups they cause until they are done. */
    public static void run(Runnable looks) {
        if (HELD.get() != null) {
            looks.run();
            return;
        }
        Set<Runnable> held = new LinkedHashSet<>();
        HELD.set(held);
        try {
            looks.run();
        } finally {
            HELD.remove();
            // each on its own: one that fails must not cost the viewers of other logs their wake-up
            for (Runnable waker : held) {
                try {
                    waker.run();
                } catch (RuntimeException e) {
                    LOG.warn("Waking the viewers of a log failed", e);
                }
            }
        }
    }

    /** Runs {@code waker} now, or at the end of this thread's batch if it is in one. */
    public static void wake(Runnable waker) {
        Set<Runnable> held = HELD.get();
        if (held == null) {
            waker.run();
        } else {
            held.add(waker);
        }
    }
}
