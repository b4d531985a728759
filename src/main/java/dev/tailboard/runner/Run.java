package dev.tailboard.runner;

import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobStatus;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running process of a pipeline: copies its output (stdout and stderr on one pipe, so in the order
 * written) to the log as it arrives, masked, and says how the run ended.
 */
final class Run {

    /** Why a run was ended from outside; a run that ends by itself has none. */
    enum Ending {
        CANCELLED(JobStatus.CANCELLED, null),
        TIMED_OUT(JobStatus.FAILED, "timed out"),
        SERVER_STOPPED(JobStatus.FAILED, "server stopped during the run");

        final JobStatus status;
        @Nullable
        final String note;

        Ending(JobStatus status, @Nullable String note) {
            this.status = status;
            this.note = note;
        }
    }

    /** How a run ended: what its sidecar will say. */
    record Outcome(JobStatus status, int exitCode, @Nullable String note) {
    }

    /** How long the processes of an ended run get to stop cleanly before they are killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /**
     * How long the output may stay open after the process exited: a process it started in the background
     * may hold it open for ever, and the run must still end.
     */
    static final Duration DRAIN = Duration.ofSeconds(3);
    static final String OUTPUT_LEFT_OPEN = "a process started by the run kept its output open; output after the exit was not kept";

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);

    private final JobId id;
    private final Process process;
    private final OutputStream log;
    private final SecretMasker masker;
    private final ScheduledExecutorService timers;
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile boolean outputEnded;
    /** Guarded by {@code this}: once closed, nothing more is written to the log. */
    private boolean closed;

    Run(JobId id, Process process, OutputStream log, SecretMasker masker, ScheduledExecutorService timers) {
        this.id = id;
        this.process = process;
        this.log = log;
        this.masker = masker;
        this.timers = timers;
    }

    /** Starts copying the output, on a thread of {@code pumps}. */
    void start(Executor pumps) {
        pumps.execute(this::pump);
        process.onExit()
                .thenCompose(exited -> drained.completeOnTimeout(null, DRAIN.toMillis(), TimeUnit.MILLISECONDS))
                .thenApplyAsync(ignored -> close(), pumps)
                .whenComplete((ended, failure) -> {
                    if (failure == null) {
                        outcome.complete(ended);
                    } else {
                        outcome.completeExceptionally(failure);
                    }
                });
    }

    /** Completes once the process has exited and its output is in the log. */
    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    /**
     * Ends the process and every process it started: asked to stop first, killed after {@link #STOP_GRACE}.
     * False when the process has already exited.
     */
    boolean end(Ending why) {
        if (!process.isAlive()) {
            return false;
        }
        if (ending.compareAndSet(null, why)) {
            ProcessTree tree = ProcessTree.of(process.toHandle());
            tree.terminate();
            timers.schedule(tree::kill, STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        return true;
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try (InputStream output = process.getInputStream()) {
            int read;
            while ((read = output.read(buffer)) != -1) {
                write(masker.accept(buffer, read));
            }
            write(masker.finish());
        } catch (IOException e) {
            LOG.warn("Reading the output of run {} failed: {}", id, e.toString());
        }
        outputEnded = true;
        drained.complete(null);
    }

    private synchronized void write(byte[] bytes) throws IOException {
        if (!closed && bytes.length > 0) {
            log.write(bytes);
        }
    }

    private synchronized Outcome close() {
        closed = true;
        try {
            log.close();
        } catch (IOException e) {
            LOG.warn("Closing the log of run {} failed: {}", id, e.toString());
        }
        int exitCode = process.exitValue();
        Ending why = ending.get();
        String leftOpen = outputEnded ? null : OUTPUT_LEFT_OPEN;
        if (why != null) {
            return new Outcome(why.status, exitCode, why.note != null ? why.note : leftOpen);
        }
        return new Outcome(exitCode == 0 ? JobStatus.SUCCESS : JobStatus.FAILED, exitCode, leftOpen);
    }
}
