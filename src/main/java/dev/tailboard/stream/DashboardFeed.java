package dev.tailboard.stream;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobEvent;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobListener;
import dev.tailboard.jobs.JobRegistry;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * What the dashboard is told about jobs: every job when it subscribes, then each job that appears or changes
 * status at once, size-only changes at most once a second per job (the last one always arrives), and removals.
 * A subscriber that reads slowly is only ever owed the latest update of each job, so it costs no more memory
 * than the job list.
 */
@Singleton
public class DashboardFeed {

    static final Duration SIZE_INTERVAL = Duration.ofSeconds(1);

    /** One thing to tell the dashboard about one job. */
    public sealed interface Update {
        String id();
    }

    /** The job appeared or changed. */
    public record Changed(Job job) implements Update {
        @Override
        public String id() {
            return job.id();
        }
    }

    /** The job's log is gone. */
    public record Removed(String id) implements Update {
    }

    /** When a job's last update went out, and the size-only change held back since, if any. */
    private static final class Throttle {
        long sentAt;
        Job pending;
        ScheduledFuture<?> flush;
    }

    private final JobRegistry registry;
    private final TaskScheduler scheduler;
    private final JobListener listener = this::onJobEvent;
    /** Concurrent: a follower leaves from inside its own delivery, which must not wait for the feed's lock. */
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    private final Map<JobId, Throttle> throttles = new HashMap<>();

    public DashboardFeed(JobRegistry registry, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.registry = registry;
        this.scheduler = scheduler;
        registry.addListener(listener);
    }

    /** Every job now, then every update; honours demand. */
    public Flux<Update> updates() {
        return Flux.create(sink -> {
            Follower follower = new Follower(sink);
            synchronized (this) {
                followers.add(follower);
                registry.all().forEach(job -> follower.offer(new Changed(job)));
            }
            sink.onRequest(n -> follower.drain());
            sink.onDispose(() -> followers.remove(follower));
        });
    }

    private synchronized void onJobEvent(JobEvent event) {
        if (event.kind() == JobEvent.Kind.REMOVED) {
            Throttle throttle = throttles.remove(event.id());
            if (throttle != null && throttle.flush != null) {
                throttle.flush.cancel(false);
            }
            publish(new Removed(event.id().value()));
            return;
        }
        Throttle throttle = throttles.computeIfAbsent(event.id(), id -> new Throttle());
        long now = System.nanoTime();
        long due = throttle.sentAt + SIZE_INTERVAL.toNanos();
        if (event.statusChanged() || now - due >= 0) {
            throttle.pending = null;
            send(throttle, event.job(), now);
        } else {
            throttle.pending = event.job();
            if (throttle.flush == null) {
                throttle.flush = scheduler.schedule(Duration.ofNanos(due - now), () -> flush(event.id(), throttle));
            }
        }
    }

    private synchronized void flush(JobId id, Throttle throttle) {
        throttle.flush = null;
        if (throttles.get(id) == throttle && throttle.pending != null) {
            send(throttle, throttle.pending, System.nanoTime());
            throttle.pending = null;
        }
    }

    private void send(Throttle throttle, Job job, long now) {
        throttle.sentAt = now;
        publish(new Changed(job));
    }

    private void publish(Update update) {
        followers.forEach(follower -> follower.offer(update));
    }

    @PreDestroy
    void close() {
        registry.removeListener(listener);
    }

    /** One subscriber: the latest update of each job it has not taken yet, handed over as it asks. */
    private static final class Follower {
        private final FluxSink<Update> sink;
        private final Map<String, Update> owed = new LinkedHashMap<>();
        private boolean draining;

        Follower(FluxSink<Update> sink) {
            this.sink = sink;
        }

        synchronized void offer(Update update) {
            owed.remove(update.id());
            owed.put(update.id(), update);
            drain();
        }

        synchronized void drain() {
            if (draining) {
                return;
            }
            draining = true;
            try {
                while (!owed.isEmpty() && sink.requestedFromDownstream() > 0 && !sink.isCancelled()) {
                    Iterator<Update> first = owed.values().iterator();
                    Update update = first.next();
                    first.remove();
                    sink.next(update);
                }
            } finally {
                draining = false;
            }
        }
    }
}
