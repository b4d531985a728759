package dev.tailboard.answers;

import dev.tailboard.jobs.JobId;
import io.micronaut.core.annotation.Nullable;

/**
 * What tailboard knows that bears on a question: the built-in answer (Markdown) and, for a model, the same
 * plus the relevant log lines. {@code job} is the job it is about, if any.
 */
public record Briefing(String report, String context, @Nullable JobId job) {
}
