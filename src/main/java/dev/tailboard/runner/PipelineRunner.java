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
 * Created at start, so that runs a stopped server left {@code running} are set right before anyone looks.
 */
@Context
public class PipelineRunner {

    static final String RESTARTED = "server restarted during the run";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);

    private final JobRegistry registry;
    private final SidecarFiles sidecars;
    private final RunLeases leases;
    private final Path root;
    private final Path baseDir;
    private final OwnSession session = new OwnSession();
    private final Map<JobId, Active> runs = new ConcurrentHashMap<>();
    private final ExecutorService pumps;
    private final ScheduledExecutorService timers;

    /** A run of this server, and the moment its sidecar says how it ended. */
    private record Active(Run run, CompletableFuture<Void> finished) {
    }

    public PipelineRunner(JobRegistry registry, SidecarFiles sidecars, RunLeases leases, TailboardSettings settings) {
        this.registry = registry;
        this.sidecars = sidecars;
        this.leases = leases;
        this.root = registry.root();
        this.baseDir = settings.getBaseDir();
        AtomicInteger threads = new AtomicInteger();
        this.pumps = Executors.newCachedThreadPool(task -> daemon(task, "pipeline-run-" + threads.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "pipeline-timers"));
        leases.abandoned().forEach(this::repair);
    }

    /** Starts a run of {@code pipeline} and answers its job, already {@code running} (or failed to start). */
    public Job start(Pipeline pipeline) throws IOException {
        JobId id = leases.claim(pipeline.name());
        Sidecar running = new Sidecar(JobStatus.RUNNING.wire(), null, now(), null, null, null);
        sidecars.write(id.sidecarFile(root), running);
        OutputStream log = Files.newOutputStream(id.logFile(root), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Path workingDir = pipeline.workingDir() == null ? baseDir : baseDir.resolve(pipeline.workingDir());
        ProcessBuilder builder = new ProcessBuilder(pipeline.command()).redirectErrorStream(true)
                .directory(workingDir.toFile());
        builder.environment().putAll(pipeline.env());
        Process process;
        try {
            process = session.start(builder);
        } catch (IOException | RuntimeException e) {
            log.close();
            finish(id, running.finished(JobStatus.FAILED, null, now(), "could not start: " + e.getMessage()));
            return job(id);
        }
        process.getOutputStream().close();
        LOG.info("Started run {}: {}", id, pipeline.command());
        follow(pipeline, id, running, process, log, builder.environment());
        return job(id);
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
                    finish(id, running.finished(outcome.status(), outcome.exitCode(), now(), outcome.note()));
                } else {
                    LOG.error("Run {} could not be followed to its end", id, failure);
                    finish(id, running.finished(JobStatus.FAILED, null, now(), "tailboard lost track of the run"));
                }
            } finally {
                runs.remove(id);
            }
            return null;
        });
        runs.put(id, new Active(run, finished));
        run.start(pumps);
    }

    /** Ends a running run of this server (its whole process tree); false when there is none by that id. */
    public boolean cancel(JobId id) {
        Active active = runs.get(id);
        return active != null && active.run().end(Run.Ending.CANCELLED);
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

    private void finish(JobId id, Sidecar finished) {
        sidecars.write(id.sidecarFile(root), finished);
        leases.release(id);
        registry.refresh(id);
        LOG.info("Run {} ended: {} (exit code {}){}", id, finished.status(), finished.exitCode(),
                finished.note() == null ? "" : ", " + finished.note());
    }

    /** A run left by a server that stopped without finishing it: its status says so, its log stays as it is. */
    private void repair(JobId id) {
        Sidecar sidecar = sidecars.read(id.sidecarFile(root));
        if (sidecar.jobStatus() == JobStatus.RUNNING) {
            String endedAt = lastWrite(id.logFile(root)).orElseGet(PipelineRunner::now);
            sidecars.write(id.sidecarFile(root), sidecar.finished(JobStatus.FAILED, null, endedAt, RESTARTED));
            LOG.warn("Run {} was left running by a server that has stopped; it is now failed", id);
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

    private static String now() {
        return Instant.now().toString();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A stopping server ends its runs, and says so in their sidecars, rather than leave them running. */
    @PreDestroy
    void stop() throws InterruptedException {
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
