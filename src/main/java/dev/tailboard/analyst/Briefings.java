package dev.tailboard.analyst;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.jobs.JobStatus;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Reads what a question needs from the logs: one job's log, or the dashboard with its failed jobs. Blocking. */
@Singleton
public record Briefings(JobRegistry registry, LogSampler sampler, Diagnoses diagnoses) {

    /** {@code said}: what the user said, in order, the prompt last; {@code picked}: the job chosen with it. */
    public Briefing brief(List<String> said, @Nullable JobId picked) {
        Topic topic = Topic.of(said, picked, registry);
        Instant now = Instant.now();
        if (topic.job().isPresent()) {
            Job job = topic.job().get();
            LogSample sample = sampler.sample(job.jobId(), LogSampler.Budget.ONE_JOB);
            LogFacts facts = LogFacts.of(sample);
            Diagnosis diagnosis = job.status() == JobStatus.SUCCESS ? null : diagnoses.diagnose(job.jobId()).orElse(null);
            String report = (topic.guessed() ? "No job was picked, so this is about the latest failed one, "
                    + Markdown.job(job.jobId()) + ".\n\n" : "") + JobReport.write(job, sample, facts, diagnosis, now);
            String lines = diagnosis != null && diagnosis.cause() != null ? diagnosis.excerptText() : ContextExcerpt.of(sample, facts);
            String context = "What tailboard found in the log of job " + job.id() + ":\n\n" + report
                    + "\nLines of the log (number: text, colour codes removed):\n\n" + lines;
            return new Briefing(report, context);
        }
        String report = BoardReport.write(registry.all(), topic.unknownIds(), this::reason, now);
        return new Briefing(report, "The jobs on tailboard's dashboard now:\n\n" + report);
    }

    private String reason(Job job) {
        return JobReport.reason(job, LogFacts.of(sampler.sample(job.jobId(), LogSampler.Budget.OVERVIEW)));
    }
}
