package dev.tailboard.runner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which runs may run: at most {@code maxRuns} at once, later ones wait in the order they came, at most
 * {@code maxQueued} of them. Only bookkeeping, no files: a run is admitted first (a slot, or a place in the
 * line), its files are written outside the lock, and then it is put in line. A freed slot goes to the run that
 * has waited longest.
 */
final class RunQueue<T> {

    /** What an admitted run holds until it starts or gives it back. */
    enum Place { SLOT, LINE }

    /** No place is left in the line. */
    static final class Full extends Exception {
        Full(String message) {
            super(message, null, false, false);
        }
    }

    private final int maxRuns;
    private final int maxQueued;
    private final Deque<T> line = new ArrayDeque<>();
    private int running;
    /** Runs told {@link Place#LINE} that are not in the line yet (their files are being written). */
    private int coming;
    private boolean closed;

    RunQueue(int maxRuns, int maxQueued) {
        this.maxRuns = maxRuns;
        this.maxQueued = maxQueued;
    }

    /** A slot when one is free and nobody waits, else a place in the line. */
    synchronized Place admit() throws Full {
        if (closed) {
            throw new Full("the server is stopping");
        }
        if (running < maxRuns && line.isEmpty() && coming == 0) {
            running++;
            return Place.SLOT;
        }
        if (line.size() + coming >= maxQueued) {
            throw new Full(maxRuns + " runs are running and " + (line.size() + coming) + " are waiting, the most "
                    + "there may be (tailboard.runner.max-runs, tailboard.runner.max-queued): start it again later");
        }
        coming++;
        return Place.LINE;
    }

    /** An admitted run that will not run after all gives its place back; answers the runs that may start now. */
    synchronized List<T> giveBack(Place place) {
        if (place == Place.SLOT) {
            running--;
        } else {
            coming--;
        }
        return startable();
    }

    /** Puts a run told {@link Place#LINE} at the end of the line; answers the runs that may start now. */
    synchronized List<T> enqueue(T run) {
        coming--;
        line.addLast(run);
        return startable();
    }

    /** A run that held a slot has ended; answers the runs that may start now. */
    synchronized List<T> finished() {
        running--;
        return startable();
    }

    /** Takes a waiting run out of the line (it is cancelled). */
    synchronized Optional<T> withdraw(Predicate<T> which) {
        for (Iterator<T> waiting = line.iterator(); waiting.hasNext(); ) {
            T run = waiting.next();
            if (which.test(run)) {
                waiting.remove();
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    /** The server stops: no run starts any more; answers the runs that were waiting. */
    synchronized List<T> close() {
        closed = true;
        List<T> waiting = new ArrayList<>(line);
        line.clear();
        return waiting;
    }

    /** The waiting runs that free slots can take now, in order; each takes its slot. */
    private List<T> startable() {
        List<T> start = new ArrayList<>();
        while (!closed && running < maxRuns && !line.isEmpty()) {
            running++;
            start.add(line.pollFirst());
        }
        return start;
    }
}
