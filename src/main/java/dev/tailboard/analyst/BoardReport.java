package dev.tailboard.analyst;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The built-in answer about the dashboard as a whole: how many jobs in each status, what runs, what failed and why. */
final class BoardReport {

    static final int MAX_LISTED = 10;
    static final int MAX_EXPLAINED = 5;

    private BoardReport() {
    }

    /**
     * @param jobs     every job, most recently updated first
     * @param explain  the reason a failed job failed (reads its log: called for the first few only)
     */
    static String write(List<Job> jobs, List<String> unknownIds, Function<Job, String> explain, Instant now) {
        StringBuilder out = new StringBuilder();
        for (String unknown : unknownIds) {
            out.append("There is no job ").append(Markdown.code(unknown)).append(". ");
        }
        if (jobs.isEmpty()) {
            return out.append("There are no jobs yet: every ").append(Markdown.code("<id>.log"))
                    .append(" file in tailboard's logs folder is a job, and it appears here as soon as it is written.\n").toString();
        }
        Map<JobStatus, List<Job>> byStatus = new EnumMap<>(JobStatus.class);
        jobs.forEach(job -> byStatus.computeIfAbsent(job.status(), key -> new ArrayList<>()).add(job));
        List<String> counts = new ArrayList<>();
        for (JobStatus status : JobStatus.values()) {
            int count = byStatus.getOrDefault(status, List.of()).size();
            if (count > 0) {
                counts.add(count + " " + countName(status));
            }
        }
        out.append("Tailboard has **").append(jobs.size()).append(jobs.size() == 1 ? " job" : " jobs").append("**: ")
                .append(String.join(", ", counts)).append(".\n\n");

        List<Job> running = byStatus.getOrDefault(JobStatus.RUNNING, List.of());
        if (!running.isEmpty()) {
            out.append("**Running now:**\n\n");
            listed(running).forEach(job -> out.append("- ").append(Markdown.job(job.jobId()))
                    .append(Durations.instant(job.startedAt())
                            .map(started -> ", started " + Durations.format(Duration.between(started, now)) + " ago").orElse(""))
                    .append('\n'));
            more(out, running);
        }
        List<Job> failed = byStatus.getOrDefault(JobStatus.FAILED, List.of());
        if (!failed.isEmpty()) {
            out.append("**Failed**, most recent first:\n\n");
            List<Job> shown = listed(failed);
            for (int i = 0; i < shown.size(); i++) {
                Job job = shown.get(i);
                out.append("- ").append(Markdown.job(job.jobId()));
                if (job.exitCode() != null) {
                    out.append(", exit code ").append(job.exitCode());
                }
                if (i < MAX_EXPLAINED) {
                    out.append(": ").append(explain.apply(job));
                }
                out.append('\n');
            }
            more(out, failed);
        }
        List<Job> succeeded = byStatus.getOrDefault(JobStatus.SUCCESS, List.of());
        if (!succeeded.isEmpty()) {
            out.append("**Recently succeeded:** ");
            List<String> links = new ArrayList<>();
            succeeded.stream().limit(MAX_EXPLAINED).forEach(job -> links.add(Markdown.job(job.jobId())));
            out.append(String.join(", ", links)).append(succeeded.size() > MAX_EXPLAINED ? ", …" : "").append(".\n\n");
        }
        out.append("**What to look at next:** ");
        if (!failed.isEmpty()) {
            out.append("ask about one job, for example “why did ").append(Markdown.text(failed.get(0).id()))
                    .append(" fail?”, to get its failing step, errors and failed tests.\n");
        } else if (!running.isEmpty()) {
            out.append("nothing has failed; open a running job to follow its log live.\n");
        } else {
            out.append("nothing has failed. Ask about a job by its id for its details.\n");
        }
        return out.toString();
    }

    private static String countName(JobStatus status) {
        return switch (status) {
            case QUEUED -> "queued";
            case RUNNING -> "running";
            case SUCCESS -> "succeeded";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            case UNKNOWN -> "without a status";
        };
    }

    private static List<Job> listed(List<Job> jobs) {
        return jobs.subList(0, Math.min(MAX_LISTED, jobs.size()));
    }

    private static void more(StringBuilder out, List<Job> jobs) {
        if (jobs.size() > MAX_LISTED) {
            out.append("- …and ").append(jobs.size() - MAX_LISTED).append(" more\n");
        }
        out.append('\n');
    }
}
