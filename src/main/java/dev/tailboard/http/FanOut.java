package dev.tailboard.http;

import dev.tailboard.logs.LogFeed;
import io.netty.util.concurrent.EventExecutor;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The viewers of one log on one event loop. A change of the log wakes it once, with one task on that loop however
 * many viewers it has, and the task lets each of them write what is new. Only its loop touches its viewers.
 */
final class FanOut implements Runnable {

    /** Which fan-out a viewer joins. */
    record Key(LogFeed feed, EventExecutor loop) {
    }

    private final Key key;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Runnable waker = this::wake;
    private Viewer[] viewers = new Viewer[4];
    private int size;

    FanOut(Key key) {
        this.key = key;
        key.feed().addWaker(waker);
    }

    Key key() {
        return key;
    }

    void add(Viewer viewer) {
        if (size == viewers.length) {
            viewers = Arrays.copyOf(viewers, size * 2);
        }
        viewer.slot = size;
        viewers[size++] = viewer;
    }

    /** Takes a viewer out; true when none is left, and the fan-out stops listening to its log. */
    boolean remove(Viewer viewer) {
        int slot = viewer.slot;
        Viewer last = viewers[--size];
        viewers[slot] = last;
        last.slot = slot;
        viewers[size] = null;
        if (size == 0) {
            key.feed().removeWaker(waker);
            return true;
        }
        return false;
    }

    /** On the feed's thread: one task on the loop, unless one is waiting already. */
    private void wake() {
        if (queued.compareAndSet(false, true)) {
            key.loop().execute(this);
        }
    }

    @Override
    public void run() {
        queued.set(false);
        // from the end: a viewer that finishes swaps the last one into its place, which has had its turn
        for (int i = size - 1; i >= 0; i--) {
            if (i < size) {
                viewers[i].pump();
            }
        }
    }
}
