package dev.tailboard.analyst;

import dev.tailboard.jobs.JobId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of an answer that says why a job failed, in Markdown: the cause in words with links to its
 * lines, the lines that explain it, the step it happened in, the tool's last word, other failed steps, and
 * what is new since the last successful run of the same pipeline.
 */
public final class FailureExplanation {

    private FailureExplanation() {
    }

    /** The section, ending with a blank line; empty when the finder found no cause. */
    public static String markdown(JobId id, Diagnosis diagnosis, boolean running) {
        FailureCause cause = diagnosis.cause();
        if (cause == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(running ? "**First error so far:** " : "**Why it failed:** ");
        out.append(capitalized(CauseWords.of(cause))).append(" (");
        if (cause.firstSeen() != null) {
            out.append("first at ").append(Markdown.line(id, cause.firstSeen().line())).append(", then at ");
        }
        out.append(Markdown.line(id, cause.line().line())).append(").\n\n");
        quoted(out, id, cause);
        step(out, id, diagnosis);
        others(out, id, diagnosis);
        compared(out, id, diagnosis.comparison());
        return out.toString();
    }

    private static void quoted(StringBuilder out, JobId id, FailureCause cause) {
        Map<Long, Quote> lines = new TreeMap<>();
        List<Quote> all = new ArrayList<>(cause.explanation());
        all.add(cause.line());
        if (cause.firstSeen() != null) {
            all.add(cause.firstSeen());
        }
        all.forEach(line -> lines.putIfAbsent(line.line(), line));
        lines.values().stream().sorted(Comparator.comparingLong(Quote::line)).forEach(line ->
                out.append("- ").append(Markdown.line(id, line.line())).append(": ").append(Markdown.code(line.text().strip())).append('\n'));
        out.append('\n');
    }

    private static void step(StringBuilder out, JobId id, Diagnosis diagnosis) {
        FailedStep step = diagnosis.step();
        Quote subStep = diagnosis.cause().subStep();
        List<String> sentences = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (step != null && !step.name().isBlank()) {
            where.append("It happened in the step ").append(quote(id, step.name(), step.start().line()));
        }
        if (subStep != null) {
            where.append(where.isEmpty() ? "It happened" : ",").append(" while running ").append(quote(id, subStep.text(), subStep.line()));
        }
        if (!where.isEmpty()) {
            sentences.add(where + ".");
        }
        if (diagnosis.runtime() != null) {
            sentences.add("The log runs " + quote(id, diagnosis.runtime().text(), diagnosis.runtime().line()) + ".");
        }
        if (diagnosis.lastWord() != null) {
            sentences.add("The tool's last word was " + quote(id, diagnosis.lastWord().text(), diagnosis.lastWord().line()) + ".");
        }
        if (step != null && step.end() != null) {
            sentences.add("The job ended with " + quote(id, step.end().text(), step.end().line()) + ".");
        }
        if (!sentences.isEmpty()) {
            out.append(String.join(" ", sentences)).append("\n\n");
        }
    }

    /** {@code `text` ([line 12](…))} */
    private static String quote(JobId id, String text, long line) {
        return Markdown.code(text.strip()) + " (" + Markdown.line(id, line) + ")";
    }

    private static void others(StringBuilder out, JobId id, Diagnosis diagnosis) {
        if (diagnosis.otherFailures().isEmpty()) {
            return;
        }
        out.append("Other steps failed too:");
        for (Quote exit : diagnosis.otherFailures()) {
            out.append(' ').append(quote(id, exit.text(), exit.line()));
        }
        out.append(".\n\n");
    }

    private static void compared(StringBuilder out, JobId id, RunComparison comparison) {
        if (comparison == null) {
            return;
        }
        JobId earlier = new JobId(comparison.earlierRun());
        out.append("**Compared with ").append(Markdown.job(earlier)).append("**, the last run of this pipeline that succeeded: ");
        if (comparison.firstNew() == null) {
            out.append("this run printed no line that run did not print (numbers and hashes aside).\n\n");
            return;
        }
        out.append(comparison.newLines()).append(comparison.newLines() == 1 ? " line is" : " lines are")
                .append(" new in this run, the first at ").append(Markdown.line(id, comparison.firstNew().line())).append(": ")
                .append(Markdown.code(comparison.firstNew().text().strip())).append(". ")
                .append(comparison.causeIsNew() ? "The error line is new too." : "That run printed the error line too, so it may not be the cause.");
        if (!comparison.newNearCause().isEmpty()) {
            out.append(" New right after it: ").append(String.join(", ",
                    comparison.newNearCause().stream().map(line -> Markdown.line(id, line.line())).toList())).append('.');
        }
        out.append("\n\n");
    }

    private static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
