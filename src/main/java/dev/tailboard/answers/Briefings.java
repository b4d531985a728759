package dev.tailboard.answers;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobRegistry;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Reads what a question needs from the logs: one job's log, or the dashboard with its failed jobs. Blocking. */
@Singleton
public class Briefings {

    private final JobRegistry registry;
    private final LogSampler sampler;

    public Briefings(JobRegistry registry, LogSampler sampler) {
        this.registry = registry;
        this.sampler = sampler;
    }

    public Briefing brief(Question question) {
        Topic topic = Topic.of(question, registry);
        Instant now = Instant.now();
        if (topic.job().isPresent()) {
            Job job = topic.job().get();
            LogSample sample = sampler.sample(job.jobId(), LogSampler.Budget.ONE_JOB);
            LogFacts facts = LogFacts.of(sample);
            String report = JobReport.write(job, sample, facts, now);
            String context = "What tailboard found in the log of job " + job.id() + ":\n\n" + report
                    + "\nLines of the log (number: text, colour codes removed):\n\n" + LogExcerpt.of(sample, facts);
            return new Briefing(report, context);
        }
        String report = BoardReport.write(registry.all(), topic.unknownIds(), this::reason, now);
        return new Briefing(report, "The jobs on tailboard's dashboard now:\n\n" + report);
    }

    private String reason(Job job) {
        return JobReport.reason(job, LogFacts.of(sampler.sample(job.jobId(), LogSampler.Budget.OVERVIEW)));
    }
}
