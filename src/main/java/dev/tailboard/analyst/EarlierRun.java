package dev.tailboard.analyst;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** For a run of a pipeline ({@code <pipeline>/<n>}), the last earlier run of it ({@code <pipeline>/<m>}, m < n) that succeeded. */
final class EarlierRun {

    private static final Pattern RUN = Pattern.compile("^(.+)/(\\d{1,18})$");

    private EarlierRun() {
    }

    static Optional<Job> of(Job job, Collection<Job> all) {
        Matcher run = RUN.matcher(job.id());
        if (!run.matches()) {
            return Optional.empty();
        }
        String pipeline = run.group(1);
        long number = Long.parseLong(run.group(2));
        return all.stream()
                .filter(other -> other.status() == JobStatus.SUCCESS)
                .filter(other -> runOf(other, pipeline) >= 0 && runOf(other, pipeline) < number)
                .max(Comparator.comparingLong(other -> runOf(other, pipeline)));
    }

    /** The run number of {@code job} in {@code pipeline}, or -1 when it is no run of it. */
    private static long runOf(Job job, String pipeline) {
        Matcher run = RUN.matcher(job.id());
        return run.matches() && run.group(1).equals(pipeline) ? Long.parseLong(run.group(2)) : -1;
    }
}
