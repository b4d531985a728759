package dev.tailboard.runner;

import dev.tailboard.TailboardSettings;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.jobs.Sidecar;
import dev.tailboard.jobs.SidecarFiles;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts pipeline runs and ends them. A run is written exactly as an outside build tool would write it: a
 * log of the process's output and a sidecar with its status; the rest of tailboard only sees those files.
 * At most {@code tailboard.runner.max-runs} run at once; later runs wait in order as {@code queued}, with
 * their (empty) log already there. Created at start, so that runs a stopped server left {@code running} or
 * {@code queued} are set right before anyone looks.
 */
@Context
public class PipelineRunner {

    static final String RESTARTED = "server restarted during the run";
    static final String RESTARTED_WAITING = "server restarted before the run started";
    static final String STOPPED_WAITING = "server stopped before the run started";
    private static final Sidecar QUEUED = new Sidecar(JobStatus.QUEUED.wire(), null, null, null, null, null);
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final JobRegistry registry;
    private final SidecarFiles sidecars;
    private final RunLeases leases;
    private final Path root;
    private final Path baseDir;
    private final OwnSession session = new OwnSession();
    private final RunQueue<Waiting> queue;
    private final Map<JobId, Active> runs = new ConcurrentHashMap<>();
    private final ExecutorService pumps;
    private final ScheduledExecutorService timers;

    /** A run of this server, and the moment its sidecar says how it ended. */
    private record Active(Run run, CompletableFuture<Void> finished) {
    }

    /** A run whose files are written and whose process is not started yet. */
    private record Waiting(Pipeline pipeline, JobId id) {
    }

    public PipelineRunner(JobRegistry registry, SidecarFiles sidecars, RunLeases leases, RunnerSettings settings,
                          TailboardSettings tailboard) {
        this.registry = registry;
        this.sidecars = sidecars;
        this.leases = leases;
        this.root = registry.root();
        this.baseDir = tailboard.getBaseDir();
        this.queue = new RunQueue<>(settings.getMaxRuns(), settings.getMaxQueued());
        AtomicInteger threads = new AtomicInteger();
        this.pumps = Executors.newCachedThreadPool(task -> daemon(task, "pipeline-run-" + threads.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "pipeline-timers"));
        leases.abandoned().forEach(this::repair);
    }

    /**
     * Starts a run of {@code pipeline}, or puts it in line when every runner is busy, and answers its job:
     * {@code running} (or failed to start) or {@code queued}.
     *
     * @throws RunQueue.Full when as many runs wait as may
     */
    public Job start(Pipeline pipeline) throws IOException, RunQueue.Full {
        RunQueue.Place place = queue.admit();
        boolean now = place == RunQueue.Place.SLOT;
        Sidecar first = now ? running() : QUEUED;
        JobId id;
        try {
            id = leases.claim(pipeline.name());
            sidecars.write(id.sidecarFile(root), first);
            Files.createFile(id.logFile(root));
        } catch (IOException | RuntimeException e) {
            startAll(queue.giveBack(place));
            throw e;
        }
        Waiting run = new Waiting(pipeline, id);
        if (now) {
            launch(run, first);
        } else {
            LOG.info("Queued run {}: every runner is busy", id);
            startAll(queue.enqueue(run));
        }
        return job(id);
    }

    /** Starts runs that waited in line, now that they have a runner. */
    private void startAll(List<Waiting> waited) {
        for (Waiting run : waited) {
            Sidecar running = running();
            try {
                sidecars.write(run.id().sidecarFile(root), running);
            } catch (RuntimeException e) {
                ended(run.id(), running.finished(JobStatus.FAILED, null, now(), "could not start: " + e.getMessage()));
                continue;
            }
            launch(run, running);
        }
    }

    /** Starts the process of a run that holds a runner; its sidecar already says {@code running}. */
    private void launch(Waiting waiting, Sidecar running) {
        Pipeline pipeline = waiting.pipeline();
        JobId id = waiting.id();
        Path workingDir = pipeline.workingDir() == null ? baseDir : baseDir.resolve(pipeline.workingDir());
        ProcessBuilder builder = new ProcessBuilder(pipeline.command()).redirectErrorStream(true)
                .directory(workingDir.toFile());
        builder.environment().putAll(pipeline.env());
        OutputStream log = null;
        Process process;
        try {
            log = Files.newOutputStream(id.logFile(root), StandardOpenOption.APPEND);
            process = session.start(builder);
        } catch (IOException | RuntimeException e) {
            closeQuietly(log);
            ended(id, running.finished(JobStatus.FAILED, null, now(), "could not start: " + e.getMessage()));
            return;
        }
        closeQuietly(process.getOutputStream());
        LOG.info("Started run {}: {}", id, pipeline.command());
        follow(pipeline, id, running, process, log, builder.environment());
    }

    /** Copies the output of a started run to its log and, when it ends, writes how. */
    private void follow(Pipeline pipeline, JobId id, Sidecar running, Process process, OutputStream log,
                        Map<String, String> environment) {
        Run run = new Run(id, process, log, new SecretMasker(secretValues(pipeline, environment)), timers);
        Optional<ScheduledFuture<?>> timeout = Optional.ofNullable(pipeline.timeout()).map(limit ->
                timers.schedule(() -> run.end(Run.Ending.TIMED_OUT), limit.toMillis(), TimeUnit.MILLISECONDS));
        CompletableFuture<Void> finished = run.outcome().handle((outcome, failure) -> {
            try {
                timeout.ifPresent(future -> future.cancel(false));
                if (failure == null) {
                    ended(id, running.finished(outcome.status(), outcome.exitCode(), now(), outcome.note()));
                } else {
                    LOG.error("Run {} could not be followed to its end", id, failure);
                    ended(id, running.finished(JobStatus.FAILED, null, now(), "tailboard lost track of the run"));
                }
            } finally {
                runs.remove(id);
            }
            return null;
        });
        runs.put(id, new Active(run, finished));
        run.start(pumps);
    }

    /**
     * Ends a running run of this server (its whole process tree), or takes a queued one out of line; false when
     * there is neither by that id.
     */
    public boolean cancel(JobId id) {
        Active active = runs.get(id);
        if (active != null) {
            return active.run().end(Run.Ending.CANCELLED);
        }
        Optional<Waiting> waiting = queue.withdraw(run -> run.id().equals(id));
        waiting.ifPresent(run -> finish(id, QUEUED.finished(JobStatus.CANCELLED, null, now(), null)));
        return waiting.isPresent();
    }

    private List<String> secretValues(Pipeline pipeline, Map<String, String> environment) {
        List<String> values = new ArrayList<>();
        for (String name : pipeline.secrets()) {
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                LOG.warn("Pipeline {} names the secret {}, but the run has no such variable", pipeline.name(), name);
            } else {
                values.add(value);
            }
        }
        return values;
    }

    /** A run that held a runner has ended: its runner goes to the run that has waited longest. */
    private void ended(JobId id, Sidecar finished) {
        try {
            finish(id, finished);
        } finally {
            startAll(queue.finished());
        }
    }

    private void finish(JobId id, Sidecar finished) {
        sidecars.write(id.sidecarFile(root), finished);
        leases.release(id);
        registry.refresh(id);
        LOG.info("Run {} ended: {} (exit code {}){}", id, finished.status(), finished.exitCode(),
                finished.note() == null ? "" : ", " + finished.note());
    }

    /**
     * A run left by a server that stopped without finishing it: its status says so, its log stays as it is. A
     * run that was still waiting never started, so it is cancelled rather than failed.
     */
    private void repair(JobId id) {
        Sidecar sidecar = sidecars.read(id.sidecarFile(root));
        if (sidecar.jobStatus() == JobStatus.RUNNING) {
            String endedAt = lastWrite(id.logFile(root)).orElseGet(PipelineRunner::now);
            sidecars.write(id.sidecarFile(root), sidecar.finished(JobStatus.FAILED, null, endedAt, RESTARTED));
            LOG.warn("Run {} was left running by a server that has stopped; it is now failed", id);
        } else if (sidecar.jobStatus() == JobStatus.QUEUED) {
            sidecars.write(id.sidecarFile(root), sidecar.finished(JobStatus.CANCELLED, null, now(), RESTARTED_WAITING));
            LOG.warn("Run {} was left queued by a server that has stopped; it is now cancelled", id);
        }
        leases.release(id);
        registry.refresh(id);
    }

    private Job job(JobId id) {
        registry.refresh(id);
        return registry.find(id).orElseThrow(() -> new IllegalStateException("run " + id + " has no log"));
    }

    private static Optional<String> lastWrite(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Sidecar running() {
        return new Sidecar(JobStatus.RUNNING.wire(), null, now(), null, null, null);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException e) {
            LOG.debug("Closing failed: {}", e.toString());
        }
    }

    private static String now() {
        return Instant.now().toString();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A stopping server ends its runs, and says so in their sidecars, rather than leave them running or queued. */
    @PreDestroy
    void stop() throws InterruptedException {
        for (Waiting run : queue.close()) {
            finish(run.id(), QUEUED.finished(JobStatus.CANCELLED, null, now(), STOPPED_WAITING));
        }
        List<CompletableFuture<Void>> ending = new ArrayList<>();
        for (Active active : runs.values()) {
            active.run().end(Run.Ending.SERVER_STOPPED);
            ending.add(active.finished());
        }
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                    .get(Run.STOP_GRACE.plus(Run.DRAIN).plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("Not every run ended while the server stopped: {}", runs.keySet());
        }
        timers.shutdownNow();
        pumps.shutdownNow();
    }
}
