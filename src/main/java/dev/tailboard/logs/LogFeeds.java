package dev.tailboard.logs;

import dev.tailboard.TailboardSettings;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobEvent;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobListener;
import dev.tailboard.jobs.JobRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool of open feeds, one per log that has viewers. A feed opens with its first viewer and closes a
 * little after its last one leaves (so that a reconnect finds its index still built).
 */
@Singleton
public class LogFeeds {

    private final JobRegistry registry;
    private final ArrivalTimes arrivals;
    private final int maxLineBytes;
    private final long lingerMillis;
    private final Map<JobId, Handle> feeds = new HashMap<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(2, threads("log-reader"));
    private final ExecutorService delivery = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), threads("log-delivery"));
    private final JobListener listener = this::onJobEvent;
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(threads("log-closer"));

    private static final class Handle {
        final LogFeed feed;
        int viewers;
        ScheduledFuture<?> closing;

        Handle(LogFeed feed) {
            this.feed = feed;
        }
    }

    public LogFeeds(JobRegistry registry, ArrivalTimes arrivals, TailboardSettings settings) {
        this.registry = registry;
        this.arrivals = arrivals;
        this.maxLineBytes = settings.getMaxLineBytes();
        this.lingerMillis = settings.getFeedLinger().toMillis();
        registry.addListener(listener);
    }

    /**
     * A view of the job's log from {@code start}; empty when there is no such job. Blocking: the first
     * view of a log reads it once to number its lines.
     */
    public Optional<LogView> open(JobId id, StartAt start) {
        return open(id, start, true);
    }

    /**
     * Like {@link #open}, when that reads nothing from the file: the log is open already and the start is in its
     * window or past it (as a poll's that waits for the next line). Empty otherwise: then {@link #open} where
     * blocking is allowed.
     */
    public Optional<LogView> openNow(JobId id, StartAt start) {
        return open(id, start, false);
    }

    private Optional<LogView> open(JobId id, StartAt start, boolean mayReadFile) {
        Optional<Job> job = registry.find(id);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        LogFeed feed = acquire(id, job.get());
        try {
            if (mayReadFile) {
                feed.load();
            }
            LogView view = feed.view(start, registry.isMirrored(id), delivery, () -> release(id, feed), mayReadFile);
            if (view == null) {
                release(id, feed);
            }
            return Optional.ofNullable(view);
        } catch (IOException | RuntimeException e) {
            release(id, feed);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    private synchronized LogFeed acquire(JobId id, Job job) {
        Handle handle = feeds.computeIfAbsent(id,
                key -> new Handle(new LogFeed(registry.logFile(id), () -> registry.openLog(id), job,
                        maxLineBytes, readers, arrivals.of(id, job.size()))));
        handle.viewers++;
        if (handle.closing != null) {
            handle.closing.cancel(false);
            handle.closing = null;
        }
        return handle.feed;
    }

    private synchronized void release(JobId id, LogFeed feed) {
        Handle handle = feeds.get(id);
        if (handle == null || handle.feed != feed || --handle.viewers > 0) {
            return;
        }
        handle.closing = closer.schedule(() -> closeIfIdle(id, handle), lingerMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void closeIfIdle(JobId id, Handle handle) {
        if (handle.viewers == 0 && feeds.get(id) == handle) {
            feeds.remove(id);
            handle.feed.close();
        }
    }

    private void onJobEvent(JobEvent event) {
        Handle handle;
        synchronized (this) {
            handle = feeds.get(event.id());
        }
        if (handle != null) {
            handle.feed.update(event.job());
        }
    }

    /** The pool where viewers read the file (and take its lines): blocking is allowed there. */
    public Executor delivery() {
        return delivery;
    }

    /** How many logs are open for reading now: one per log with viewers, whatever their number. */
    public synchronized int openReaders() {
        return feeds.size();
    }

    /** How many viewers follow or wait on logs now. */
    public synchronized int viewers() {
        return feeds.values().stream().mapToInt(handle -> handle.viewers).sum();
    }

    /**
     * Forgets the feeds before stopping the executors, under the lock {@code release} takes: a connection torn
     * down at shutdown releases its viewer late, and must find nothing left to schedule rather than a stopped
     * executor.
     */
    @PreDestroy
    void close() {
        registry.removeListener(listener);
        synchronized (this) {
            feeds.values().forEach(handle -> handle.feed.close());
            feeds.clear();
        }
        closer.shutdownNow();
        readers.shutdownNow();
        delivery.shutdownNow();
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, … */
    static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
