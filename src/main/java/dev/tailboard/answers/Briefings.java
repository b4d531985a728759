package dev.tailboard.answers;

import dev.tailboard.analyst.Diagnoses;
import dev.tailboard.analyst.Diagnosis;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.jobs.JobStatus;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Reads what a question needs from the logs: one job's log, or the dashboard with its failed jobs. Blocking. */
@Singleton
public class Briefings {

    private final JobRegistry registry;
    private final LogSampler sampler;
    private final Diagnoses diagnoses;

    public Briefings(JobRegistry registry, LogSampler sampler, Diagnoses diagnoses) {
        this.registry = registry;
        this.sampler = sampler;
        this.diagnoses = diagnoses;
    }

    public Briefing brief(Question question) {
        Topic topic = Topic.of(question, registry);
        Instant now = Instant.now();
        if (topic.job().isPresent()) {
            Job job = topic.job().get();
            LogSample sample = sampler.sample(job.jobId(), LogSampler.Budget.ONE_JOB);
            LogFacts facts = LogFacts.of(sample);
            Diagnosis diagnosis = job.status() == JobStatus.SUCCESS ? null : diagnoses.diagnose(job.jobId()).orElse(null);
            String report = JobReport.write(job, sample, facts, diagnosis, now);
            String lines = diagnosis != null && diagnosis.cause() != null ? diagnosis.excerptText() : LogExcerpt.of(sample, facts);
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
