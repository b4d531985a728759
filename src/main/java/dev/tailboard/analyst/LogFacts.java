package dev.tailboard.analyst;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the lines of one log say about its build, as the recognizers found it: the tools, where it failed,
 * failed tests, errors, timings, and hints for what to look at next. Filled in once, then read.
 */
final class LogFacts {

    /** A line of the log that says something, in the words of the log. */
    record Finding(String text, long line) {
    }

    /** A step of a build: a tool's goal (with what it said), or a CI section or group (with the command it ran). */
    record Step(String name, @Nullable String detail, @Nullable String command, long line) {
    }

    /** A test that failed, its assertion or exception, and where in the code it was raised. */
    record FailedTest(String name, @Nullable String message, long line, @Nullable String location,
                      @Nullable String code) {
    }

    record Timing(String what, String duration, long line) {
    }

    /** A CI section or group, lines {@code start} to {@code end} (open: {@code Long.MAX_VALUE}). */
    record Section(String name, String title, long start, long end) {
        boolean contains(long line) {
            return line >= start && line <= end;
        }
    }

    /** Advice for the reader, with the line it is about (0: none). */
    record Hint(String markdown, long line) {
    }

    private final Set<String> tools = new LinkedHashSet<>();
    private final List<FailedTest> failedTests = new ArrayList<>();
    private final List<Finding> errors = new ArrayList<>();
    private final List<Timing> timings = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<Finding> commands = new ArrayList<>();
    private final List<Hint> hints = new ArrayList<>();
    private final Set<Long> explained = new HashSet<>();
    private Step failedGoal;
    private Finding testSummary;
    private boolean testsFailed;
    private Finding outcome;
    private Finding exitCode;
    private int errorCount;

    /** Everything the recognizers find in the sample; the generic error search runs last. */
    static LogFacts of(LogSample sample) {
        LogFacts facts = new LogFacts();
        List<LogRecognizer> recognizers = List.of(new MavenLog(), new PythonLog(), new JestLog(), new GoTestLog(),
                new NpmLog(), new CiSteps(), new ErrorLines());
        recognizers.forEach(recognizer -> recognizer.read(sample.lines(), facts));
        return facts;
    }

    void tool(String name) {
        tools.add(name);
    }

    /** The line is accounted for (a failed test, a summary, boilerplate): it is not listed as an error again. */
    void explain(long line) {
        explained.add(line);
    }

    boolean isExplained(long line) {
        return explained.contains(line);
    }

    void failedGoal(Step step) {
        if (failedGoal == null) {
            failedGoal = step;
        }
        explain(step.line());
    }

    void failedTest(FailedTest test) {
        failedTests.add(test);
        explain(test.line());
    }

    /** The latest test summary wins: a build prints one per module or suite, and a total last. */
    void testSummary(Finding summary, boolean failures) {
        testSummary = summary;
        testsFailed |= failures;
        explain(summary.line());
    }

    void error(Finding error) {
        errorCount++;
        if (errors.size() < 5 && errors.stream().noneMatch(known -> known.text().equals(error.text()))) {
            errors.add(error);
        }
    }

    void timing(Timing timing) {
        timings.add(timing);
    }

    void section(Section section) {
        sections.add(section);
    }

    void command(Finding command) {
        commands.add(command);
    }

    void hint(String markdown, long line) {
        if (hints.stream().noneMatch(hint -> hint.markdown().equals(markdown))) {
            hints.add(new Hint(markdown, line));
        }
    }

    void outcome(Finding finding) {
        outcome = finding;
        explain(finding.line());
    }

    void exitCode(Finding finding) {
        exitCode = finding;
        explain(finding.line());
    }

    Set<String> tools() {
        return tools;
    }

    List<FailedTest> failedTests() {
        return failedTests;
    }

    List<Finding> errors() {
        return errors;
    }

    /** How many error lines there were, the listed ones included. */
    int errorCount() {
        return errorCount;
    }

    List<Timing> timings() {
        return timings;
    }

    List<Hint> hints() {
        return hints;
    }

    Optional<Finding> testSummary() {
        return Optional.ofNullable(testSummary);
    }

    boolean testsFailed() {
        return testsFailed || !failedTests.isEmpty();
    }

    Optional<Finding> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** The exit code the log itself reports ("exit code 1"), for jobs whose sidecar does not say. */
    Optional<Finding> exitCode() {
        return Optional.ofNullable(exitCode);
    }

    /** The lines worth quoting: failed tests, errors, the failing step, summaries and what hints point at. */
    List<Long> keyLines() {
        List<Long> lines = new ArrayList<>();
        failedTests.forEach(test -> lines.add(test.line()));
        errors.forEach(error -> lines.add(error.line()));
        failingStep().ifPresent(step -> lines.add(step.line()));
        testSummary().ifPresent(summary -> lines.add(summary.line()));
        outcome().ifPresent(found -> lines.add(found.line()));
        hints.stream().filter(hint -> hint.line() > 0).forEach(hint -> lines.add(hint.line()));
        lines.sort(Comparator.naturalOrder());
        return lines;
    }

    /** The first line that shows something went wrong: a failed test, an error, a failing test summary. */
    Optional<Long> firstTrouble() {
        Stream<Long> tests = failedTests.stream().map(FailedTest::line);
        Stream<Long> errorLines = errors.stream().map(Finding::line);
        Stream<Long> summary = testsFailed && testSummary != null ? Stream.of(testSummary.line()) : Stream.empty();
        return Stream.of(tests, errorLines, summary).flatMap(lines -> lines).min(Comparator.naturalOrder());
    }

    /**
     * Where the build failed: the goal the tool names, else the innermost CI section around the first
     * trouble, with the last command run in it.
     */
    Optional<Step> failingStep() {
        if (failedGoal != null) {
            return Optional.of(failedGoal);
        }
        Optional<Long> trouble = firstTrouble();
        if (trouble.isEmpty()) {
            return Optional.empty();
        }
        long line = trouble.get();
        Optional<Section> section = sections.stream().filter(candidate -> candidate.contains(line))
                .max(Comparator.comparingLong(Section::start));
        long from = section.map(Section::start).orElse(0L);
        Optional<Finding> command = commands.stream()
                .filter(candidate -> candidate.line() >= from && candidate.line() < line)
                .reduce((first, second) -> second);
        if (section.isPresent()) {
            Section found = section.get();
            String name = found.title().isBlank() || found.title().equals(found.name())
                    ? found.name() : found.title() + " (" + found.name() + ")";
            return Optional.of(new Step(name, null, command.map(Finding::text).orElse(null), found.start()));
        }
        return command.map(found -> new Step(found.text(), null, null, found.line()));
    }
}
