package dev.tailboard.analyst;

import dev.tailboard.analyst.LogFacts.FailedTest;
import dev.tailboard.analyst.LogFacts.Finding;
import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in answer about one job, in Markdown: its status and exit code, where it failed, the failed
 * tests and first errors with links to their lines, timings, and what to look at next.
 */
final class JobReport {

    private static final int MAX_TESTS = 10;
    private static final int LAST_LINES = 5;

    private final Job job;
    private final JobId id;
    private final LogSample sample;
    private final LogFacts facts;
    private final Diagnosis diagnosis;
    private final Instant now;
    private final StringBuilder out = new StringBuilder();

    private JobReport(Job job, LogSample sample, LogFacts facts, Diagnosis diagnosis, Instant now) {
        this.job = job;
        this.id = job.jobId();
        this.sample = sample;
        this.facts = facts;
        this.diagnosis = diagnosis;
        this.now = now;
    }

    /** {@code diagnosis}: what the error finder found in the whole log, null when it was not asked. */
    static String write(Job job, LogSample sample, LogFacts facts, Diagnosis diagnosis, Instant now) {
        return new JobReport(job, sample, facts, diagnosis, now).write();
    }

    /** One line about a job for the overview: what went wrong first. */
    static String reason(Job job, LogFacts facts) {
        JobId id = job.jobId();
        if (!facts.failedTests().isEmpty()) {
            FailedTest first = facts.failedTests().get(0);
            int count = facts.failedTests().size();
            return (count == 1 ? "1 failed test, " : count + " failed tests, the first ") + Markdown.code(first.name())
                    + " (" + Markdown.line(id, first.line()) + ")";
        }
        if (!facts.errors().isEmpty()) {
            Finding first = facts.errors().get(0);
            return Markdown.code(first.text()) + " (" + Markdown.line(id, first.line()) + ")";
        }
        if (facts.testsFailed() && facts.testSummary().isPresent()) {
            Finding summary = facts.testSummary().get();
            return Markdown.code(summary.text()) + " (" + Markdown.line(id, summary.line()) + ")";
        }
        if (job.note() != null) {
            return Markdown.text(job.note());
        }
        return "no error line recognised in its log";
    }

    private String write() {
        headline();
        failingStep();
        tests();
        if (hasCause()) {
            out.append(FailureExplanation.markdown(id, diagnosis, job.status() == JobStatus.RUNNING));
        }
        errors();
        lastLines();
        timings();
        next();
        return out.toString().stripTrailing() + "\n";
    }

    private void headline() {
        out.append("**").append(Markdown.text(id.value())).append("** ").append(statusPhrase());
        Integer exitCode = job.exitCode() != null ? job.exitCode()
                : facts.exitCode().map(found -> Integer.valueOf(found.text())).orElse(null);
        if (exitCode != null && job.status() != JobStatus.RUNNING) {
            out.append(" with exit code ").append(exitCode);
        }
        Optional<Duration> took = Durations.between(job.startedAt(), job.finishedAt());
        if (took.isPresent() && job.status().isFinal()) {
            out.append(" after ").append(Durations.format(took.get()));
        }
        out.append('.');
        if (job.title() != null) {
            out.append(" Its title: “").append(Markdown.text(job.title())).append("”.");
        }
        if (!facts.tools().isEmpty()) {
            out.append(" The log is from ").append(Markdown.text(String.join(" and ", facts.tools()))).append('.');
        }
        facts.outcome().ifPresent(outcome -> out.append(" It says ").append(Markdown.code(outcome.text()))
                .append(" (").append(Markdown.line(id, outcome.line())).append(")."));
        if (job.note() != null) {
            out.append(" Note: ").append(Markdown.text(job.note())).append('.');
        }
        out.append("\n\n");
    }

    private String statusPhrase() {
        return switch (job.status()) {
            case SUCCESS -> "succeeded";
            case FAILED -> "failed";
            case CANCELLED -> "was cancelled";
            case QUEUED -> "is queued: it waits for a free runner and has no output yet";
            case RUNNING -> "is still running" + Durations.instant(job.startedAt())
                    .map(started -> " (started " + Durations.format(Duration.between(started, now)) + " ago)").orElse("")
                    + "; this is what its log says so far";
            case UNKNOWN -> "has no status file, so its status is unknown"
                    + (facts.firstTrouble().isPresent() ? ", but its log shows a failure" : "");
        };
    }

    private void failingStep() {
        facts.failingStep().ifPresent(step -> {
            StringBuilder sentence = new StringBuilder("**Failing step:** ").append(Markdown.code(step.name()));
            if (step.detail() != null) {
                sentence.append(' ').append(Markdown.text(step.detail()));
            }
            if (step.command() != null) {
                sentence.append(", while running ").append(Markdown.code(step.command()));
            }
            String text = sentence.toString();
            out.append(withLine(text.endsWith(".") ? text : text + ".", step.line())).append("\n\n");
        });
    }

    private void tests() {
        List<FailedTest> tests = facts.failedTests();
        Optional<Finding> summary = facts.testSummary();
        if (tests.isEmpty()) {
            summary.ifPresent(found -> out.append("**Tests:** ").append(Markdown.code(found.text()))
                    .append(" (").append(Markdown.line(id, found.line())).append(").\n\n"));
            return;
        }
        out.append("**Failed tests** (").append(tests.size());
        summary.ifPresent(found -> out.append("; ").append(Markdown.code(found.text())).append(", ")
                .append(Markdown.line(id, found.line())));
        out.append("):\n\n");
        for (FailedTest test : tests.subList(0, Math.min(MAX_TESTS, tests.size()))) {
            out.append("- ").append(Markdown.code(test.name())).append(" (").append(Markdown.line(id, test.line())).append(')');
            if (test.message() != null) {
                out.append(": ").append(Markdown.code(test.message()));
            }
            if (test.location() != null) {
                out.append(test.code() == null ? " at " : " raised in ").append(Markdown.code(test.location()));
            }
            if (test.code() != null) {
                out.append(": ").append(Markdown.code(test.code()));
            }
            out.append('\n');
        }
        if (tests.size() > MAX_TESTS) {
            out.append("- …and ").append(tests.size() - MAX_TESTS).append(" more\n");
        }
        out.append('\n');
    }

    private boolean hasCause() {
        return diagnosis != null && diagnosis.cause() != null;
    }

    private void errors() {
        List<Finding> errors = facts.errors();
        if (errors.isEmpty() || hasCause()) {
            return;
        }
        out.append(errors.size() == 1 ? "**Error**" : "**First errors**");
        if (facts.errorCount() > errors.size()) {
            out.append(" (").append(facts.errorCount()).append(" error lines in all)");
        }
        out.append(":\n\n");
        for (Finding error : errors) {
            out.append("- ").append(Markdown.line(id, error.line())).append(": ").append(Markdown.code(error.text())).append('\n');
        }
        out.append('\n');
    }

    /** When nothing was recognised, or the job is still going, the end of the log speaks for itself. */
    private void lastLines() {
        boolean nothingFound = facts.failedTests().isEmpty() && facts.errors().isEmpty() && facts.outcome().isEmpty()
                && facts.testSummary().isEmpty();
        boolean running = job.status() == JobStatus.RUNNING;
        if (sample.isEmpty() || hasCause() && !running || !nothingFound && !running) {
            if (sample.isEmpty()) {
                out.append("The log is empty so far.\n\n");
            }
            return;
        }
        List<LogLine> last = sample.last(LAST_LINES).stream().filter(line -> !line.text().isBlank()).toList();
        out.append(nothingFound ? "No error lines in the log. " : "").append("It ends with (")
                .append(Markdown.line(id, sample.lastLine())).append("):\n\n");
        List<String> quoted = new ArrayList<>();
        last.forEach(line -> quoted.add(line.number() + ": " + line.text()));
        out.append(Markdown.block(quoted)).append("\n\n");
    }

    private void timings() {
        List<String> parts = new ArrayList<>();
        Durations.between(job.startedAt(), job.finishedAt())
                .ifPresent(took -> parts.add("the job took " + Durations.format(took) + " (from its status file)"));
        for (LogFacts.Timing timing : facts.timings()) {
            parts.add(timing.what() + ": " + Markdown.text(timing.duration()) + " (" + Markdown.line(id, timing.line()) + ")");
        }
        if (!parts.isEmpty()) {
            out.append("**Timings:** ").append(String.join("; ", parts)).append(".\n\n");
        }
    }

    /** "Something." becomes "Something (line 12)." */
    private String withLine(String sentence, long line) {
        boolean stop = sentence.endsWith(".");
        return (stop ? sentence.substring(0, sentence.length() - 1) : sentence) + " (" + Markdown.line(id, line) + ")"
                + (stop ? "." : "");
    }

    private void next() {
        List<String> advice = new ArrayList<>();
        if (!facts.failedTests().isEmpty()) {
            FailedTest first = facts.failedTests().get(0);
            advice.add("Start with " + Markdown.code(first.name()) + " (" + Markdown.line(id, first.line()) + ")"
                    + (first.location() == null ? "" : ": look at " + Markdown.code(first.location()))
                    + (first.message() == null ? "." : ", where " + Markdown.code(first.message()) + "."));
        } else if (hasCause() || !facts.errors().isEmpty()) {
            long first = hasCause() ? diagnosis.cause().first().line() : facts.errors().get(0).line();
            advice.add("Start with the first error (" + Markdown.line(id, first) + "): later errors often follow from it.");
        }
        for (LogFacts.Hint hint : facts.hints()) {
            advice.add(hint.line() > 0 ? withLine(hint.markdown(), hint.line()) : hint.markdown());
        }
        if (job.status() == JobStatus.RUNNING) {
            advice.add("It is still running: follow it live, or ask again when it has finished.");
        } else if (job.status() == JobStatus.QUEUED) {
            advice.add("It has not started: it waits for a free runner. Ask again when it has run.");
        } else if (job.status() == JobStatus.SUCCESS && facts.firstTrouble().isEmpty()) {
            advice.add("Nothing to fix: the build passed.");
        } else if (facts.firstTrouble().isEmpty() && !hasCause() && job.status() != JobStatus.CANCELLED) {
            advice.add("No error was recognised: read the last lines of the log, where most tools say why they stopped.");
        }
        if (sample.gap()) {
            advice.add("This log is long, so I read only its beginning and its end; search the log for anything in between.");
        }
        advice.add("Open the whole log: " + Markdown.job(id) + ".");
        out.append("**What to look at next:**\n\n");
        for (int i = 0; i < advice.size(); i++) {
            out.append(i + 1).append(". ").append(advice.get(i)).append('\n');
        }
    }
}
