package dev.tailboard.analyst;

import dev.tailboard.TailboardSettings;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.logs.ErrorLines;
import dev.tailboard.logs.LogLines;
import dev.tailboard.logs.LogSearch;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The error finder over a job's whole log, for the answers and for the log viewer: why a job failed
 * ({@link #diagnose}) and which lines are errors ({@link #find}). A run of a pipeline is compared with
 * the last run of the same pipeline that succeeded. Reads the log file from its start to its end once, in
 * linear time and bounded memory; the last few diagnoses are kept until their log changes. Blocking.
 */
@Singleton
public class Diagnoses implements ErrorLines {

    private static final int KEPT = 16;

    private final JobRegistry registry;
    private final int maxLineBytes;
    private final Map<JobId, Kept> kept = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JobId, Kept> eldest) {
            return size() > KEPT;
        }
    };

    private final Map<JobId, Object> reading = new ConcurrentHashMap<>();

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
        // one read per job at a time: the viewers that open a log together share its reading
        synchronized (reading.computeIfAbsent(id, any -> new Object())) {
            Optional<Diagnosis> before = keptFor(job.get());
            if (before.isPresent()) {
                return before;
            }
            Optional<Diagnosis> diagnosis = read(job.get());
            diagnosis.ifPresent(found -> {
                synchronized (kept) {
                    kept.put(id, new Kept(job.get(), found));
                }
            });
            return diagnosis;
        }
    }

    private Optional<Diagnosis> keptFor(Job job) {
        synchronized (kept) {
            Kept before = kept.get(job.jobId());
            return before != null && before.job().equals(job) ? Optional.of(before.diagnosis()) : Optional.empty();
        }
    }

    /**
     * The lines that look like errors, at most {@value ErrorFinder#MAX_ERROR_LINES} of them: the log viewer's
     * error marks and its next / previous error keys.
     */
    @Override
    public Optional<LogSearch.Matches> find(JobId id) {
        return diagnose(id).map(found -> new LogSearch.Matches(found.errorLineCount(), found.errorLines(),
                found.errorLineCount() > found.errorLines().size(), found.linesRead() + 1));
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
