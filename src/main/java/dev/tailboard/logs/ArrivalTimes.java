package dev.tailboard.logs;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobEvent;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobListener;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The arrival times of every log: each time the registry sees a log grow (and each time a feed reads it),
 * its new end gets the time. Kept beside each log in a hidden file, so that they outlive a restart: a point that
 * looks moved is written within {@link #FLUSH_MILLIS} (at once when the server stops). Started with the server, so
 * that it sees every log from the first look on.
 */
@Context
public class ArrivalTimes {

    private static final long FLUSH_MILLIS = 1000;

    private final JobRegistry registry;
    private final Map<JobId, Arrivals> logs = new ConcurrentHashMap<>();
    private final JobListener listener = this::onJobEvent;
    private final ScheduledExecutorService flusher =
            Executors.newSingleThreadScheduledExecutor(LogFeeds.threads("arrival-times"));

    public ArrivalTimes(JobRegistry registry) {
        this.registry = registry;
        registry.addListener(listener);
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The times of a job's log; one that was never seen before has none for its first {@code size} bytes. */
    public Arrivals of(JobId id, long size) {
        return logs.computeIfAbsent(id, key -> Arrivals.load(new TimesFile(registry.timesFile(key)), size));
    }

    private void onJobEvent(JobEvent event) {
        Job job = event.job();
        long now = System.currentTimeMillis();
        switch (event.kind()) {
            case ADDED -> {
                Arrivals arrivals = of(event.id(), job.size());
                if (job.size() < arrivals.end()) {
                    // shorter than when tailboard last looked, before a restart: truncated or replaced meanwhile
                    arrivals.restart(job.size());
                } else {
                    arrivals.seen(job.size(), now);
                }
            }
            case CHANGED -> {
                Arrivals arrivals = of(event.id(), event.previous().size());
                if (job.size() < event.previous().size()) {
                    arrivals.restart(job.size());
                } else {
                    arrivals.seen(job.size(), now);
                }
            }
            case REMOVED -> {
                Arrivals arrivals = logs.remove(event.id());
                if (arrivals != null) {
                    arrivals.detach();
                }
            }
        }
    }

    private void flush() {
        logs.values().forEach(Arrivals::flush);
    }

    @PreDestroy
    void close() throws InterruptedException {
        registry.removeListener(listener);
        flusher.shutdown();
        flusher.awaitTermination(5, TimeUnit.SECONDS);
        flush();
    }
}
