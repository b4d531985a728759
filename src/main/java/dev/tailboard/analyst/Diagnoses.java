package dev.tailboard.analyst;

import dev.tailboard.TailboardSettings;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.logs.LogLines;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The error finder over a job's whole log, for the answers and for the log viewer: why a job failed
 * ({@link #diagnose}) and which lines are errors ({@link #errorLines}). A run of a pipeline is compared with
 * the last run of the same pipeline that succeeded. Reads the log file from its start to its end once, in
 * linear time and bounded memory; the last few diagnoses are kept until their log changes. Blocking.
 */
@Singleton
public class Diagnoses {

    private static final int KEPT = 16;

    private final JobRegistry registry;
    private final int maxLineBytes;
    private final Map<JobId, Kept> kept = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JobId, Kept> eldest) {
            return size() > KEPT;
        }
    };

    private record Kept(Job job, Diagnosis diagnosis) {
    }

    public Diagnoses(JobRegistry registry, TailboardSettings settings) {
        this.registry = registry;
        this.maxLineBytes = settings.getMaxLineBytes();
    }

    /** What the finder found in the job's log; empty when the job or its log is gone. */
    public Optional<Diagnosis> diagnose(JobId id) {
        Optional<Job> job = registry.find(id);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        synchronized (kept) {
            Kept before = kept.get(id);
            if (before != null && before.job().equals(job.get())) {
                return Optional.of(before.diagnosis());
            }
        }
        Optional<Diagnosis> diagnosis = read(job.get());
        diagnosis.ifPresent(found -> {
            synchronized (kept) {
                kept.put(id, new Kept(job.get(), found));
            }
        });
        return diagnosis;
    }

    /**
     * The numbers of the lines that look like errors, in order, at most {@value ErrorFinder#MAX_ERROR_LINES}
     * (the log viewer's error marks); empty when the job is gone.
     */
    public List<Long> errorLines(JobId id) {
        return diagnose(id).map(Diagnosis::errorLines).orElse(List.of());
    }

    private Optional<Diagnosis> read(Job job) {
        Optional<Job> earlier = EarlierRun.of(job, registry.all());
        KnownLines known = earlier.flatMap(this::known).orElse(null);
        ErrorFinder finder = new ErrorFinder(known, known == null ? null : earlier.get().id());
        if (!scan(job.jobId(), finder::line)) {
            return Optional.empty();
        }
        return Optional.of(finder.finish(job.status() == JobStatus.FAILED));
    }

    private Optional<KnownLines> known(Job earlier) {
        KnownLines known = new KnownLines();
        return scan(earlier.jobId(), (number, raw) -> known.add(LineText.of(raw))) ? Optional.of(known) : Optional.empty();
    }

    /** Reads every line of the job's log; false when it cannot be opened. */
    private boolean scan(JobId id, LogLines.Reader reader) {
        FileChannel channel;
        try {
            channel = registry.openLog(id);
        } catch (IOException e) {
            return false;
        }
        try (channel) {
            LogLines.read(channel, maxLineBytes, reader);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
