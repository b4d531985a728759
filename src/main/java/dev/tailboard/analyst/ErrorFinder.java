package dev.tailboard.analyst;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads every line of a log once, in order, and finds the first line of the error that failed the job.
 * It follows the steps the CI runner marks ({@link StepMarks}) and scores each line ({@link ErrorScore});
 * the error it picks is the first concrete failure of the step that failed the job (after the last command
 * its shell traced, when it traced them), else the tool's verdict if it gives a reason, else the first
 * error: errors of steps that passed or whose command ignores failures, errors after which the script
 * said it went on, and errors the last successful run printed too do not count. With nothing recognised it
 * takes the last line the failing step printed. Memory stays bounded whatever the log's length: only
 * error lines, a few lines around them and a few recent steps are kept.
 */
final class ErrorFinder {

    static final int MAX_ERROR_LINES = 10_000;
    private static final int BEFORE = 3;
    private static final int RECENT_STEPS = 6;
    private static final int PRECEDING = 3;
    private static final int MAX_OTHER_FAILURES = 5;
    /** GitLab's section for the commands run after the job's script, whatever it did: they do not fail the job. */
    private static final String AFTER_SCRIPT = "after_script";
    private static final String WHAT_WENT_WRONG = "* What went wrong:";
    /** What a script says as it goes on after an error; not a count such as {@code Skipped: 0}. */
    private static final Pattern WENT_ON = Pattern.compile(
            "(?i)\\b(?:skipping|ignoring|ignored(?!:)|continuing|will retry|retrying|falling back|non-fatal|not fatal)\\b");
    private static final String RULING = "-=_~*#|^+. \t";
    private static final List<String> MARKUP = List.of("travis_fold:", "travis_time:", "##[group]", "##[endgroup]", "::group::",
            "::endgroup::");

    private final KnownLines known;
    private final String earlierRun;
    private final Deque<Quote> before = new ArrayDeque<>();
    private final List<Candidate> open = new ArrayList<>();
    private final Deque<BuildStep> recent = new ArrayDeque<>();
    private final List<Long> errorLines = new ArrayList<>();
    private final List<Quote> failedExits = new ArrayList<>();
    private final Runtimes runtimes = new Runtimes();
    private long errorLineCount;
    private long lastLine;
    private BuildStep current = BuildStep.gap(new Quote(1, ""));
    private BuildStep firstFailed;
    private BuildStep lastStopping;
    private Candidate firstOpenFailure;
    private Candidate firstOpenError;
    private Quote jobFailed;
    private BuildStep lastCommand;
    private String section = "";
    private Quote subStep;
    private boolean tracedIgnored;
    private boolean whatWentWrong;
    private long newLines;
    private Quote firstNew;

    /** {@code known}: the lines of {@code earlierRun}, the last successful run of the same pipeline (both null: none). */
    ErrorFinder(@Nullable KnownLines known, @Nullable String earlierRun) {
        this.known = known;
        this.earlierRun = earlierRun;
    }

    /** Takes the next line of the log, as written ({@code raw}). */
    void line(long number, String raw) {
        lastLine = number;
        String text = LineText.of(raw);
        Quote quote = new Quote(number, text);
        boolean blank = text.isBlank();
        StepMark mark = StepMarks.of(text, raw);
        ErrorKind kind = mark == null && !blank ? ErrorScore.of(text) : ErrorKind.NONE;
        if (kind.marked() || mark instanceof StepMark.Exit exit && exit.failed() || mark instanceof StepMark.JobFailed) {
            markError(number);
        }
        follow(quote, blank);
        boolean isNew = known != null && !blank && !noise(text) && !known.contains(text);
        if (isNew) {
            newLines++;
            firstNew = firstNew == null ? quote : firstNew;
        }
        if (mark != null) {
            step(mark, quote);
        } else {
            output(quote, kind, blank);
            runtimes.line(quote);
        }
        before.addLast(quote);
        if (before.size() > BEFORE) {
            before.removeFirst();
        }
    }

    /** A ruling ({@code -----}) or a runner's own markup line: never an error, never news. */
    private static boolean noise(String text) {
        for (String markup : MARKUP) {
            if (text.startsWith(markup)) {
                return true;
            }
        }
        for (int i = 0; i < text.length(); i++) {
            if (RULING.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private void markError(long number) {
        errorLineCount++;
        if (errorLines.size() < MAX_ERROR_LINES) {
            errorLines.add(number);
        }
    }

    /** Hands the line to the errors still reading what follows them. */
    private void follow(Quote quote, boolean blank) {
        if (open.isEmpty()) {
            return;
        }
        boolean wentOn = !blank && WENT_ON.matcher(quote.text()).find();
        open.removeIf(candidate -> !candidate.follow(quote, wentOn));
    }

    private void step(StepMark mark, Quote quote) {
        if (mark instanceof StepMark.Start start) {
            close();
            section = start.command() ? section : start.name();
            current = new BuildStep(quote, start, section);
        } else if (mark instanceof StepMark.End) {
            close();
            section = "";
            current = BuildStep.gap(quote);
        } else if (mark instanceof StepMark.Exit exit) {
            current.exited(exit, quote);
            close();
            current = BuildStep.gap(quote);
        } else if (jobFailed == null) {
            jobFailed = quote;
        }
    }

    private void output(Quote quote, ErrorKind scored, boolean blank) {
        String text = quote.text();
        ErrorKind kind = gradleCause(text, scored, blank);
        if (StepMarks.heads(text)) {
            subStep = quote;
        }
        if (StepMarks.traces(text)) {
            current.traced(quote.line());
            tracedIgnored = StepMarks.ignoresFailure(text);
        }
        if (kind.candidate() && current.hasRoom()) {
            boolean ignored = current.ignored || tracedIgnored;
            Candidate candidate = new Candidate(quote, kind, current, new ArrayList<>(before), subStep, ignored,
                    known != null && known.contains(text));
            current.keep(candidate);
            open.add(candidate);
        } else if (kind == ErrorKind.SUMMARY) {
            current.lastSummary = quote;
            if (ErrorScore.givesReason(text)) {
                current.reason = quote;
            }
        }
        if (!blank && kind != ErrorKind.SUMMARY && !noise(text) && !ErrorScore.boilerplate(text)) {
            current.output(quote);
        }
    }

    /** Gradle says why it failed in {@code > …} lines under {@code * What went wrong:}; they are errors. */
    private ErrorKind gradleCause(String text, ErrorKind scored, boolean blank) {
        if (text.equals(WHAT_WENT_WRONG)) {
            whatWentWrong = true;
        } else if (blank || text.startsWith("* ")) {
            whatWentWrong = false;
        }
        return whatWentWrong && scored == ErrorKind.NONE && text.startsWith("> ") && !text.startsWith("> Run with") ? ErrorKind.ERROR : scored;
    }

    private void close() {
        BuildStep step = current;
        open.removeIf(candidate -> candidate.step == step);
        subStep = null;
        tracedIgnored = false;
        whatWentWrong = false;
        switch (step.outcome) {
            case FAILED -> failed(step);
            case OPEN -> step.candidates.stream().filter(Candidate::eligible).forEach(this::offerUnmarked);
            case PASSED -> { }
        }
        if (step.command && !step.wentOn() && !step.section.startsWith(AFTER_SCRIPT)) {
            lastCommand = step;
        }
        recent.addLast(step);
        if (recent.size() > RECENT_STEPS) {
            recent.removeFirst();
        }
    }

    private void failed(BuildStep step) {
        if (failedExits.size() < MAX_OTHER_FAILURES) {
            failedExits.add(step.exit);
        }
        step.preceding.addAll(precedingOpen());
        if (step.stopsJob) {
            lastStopping = step;
        }
        if (firstFailed == null) {
            firstFailed = step;
        }
    }

    /** The steps without an outcome that ended right before the current one, oldest first. */
    private List<BuildStep> precedingOpen() {
        List<BuildStep> steps = new ArrayList<>();
        Iterator<BuildStep> newestFirst = recent.descendingIterator();
        while (newestFirst.hasNext() && steps.size() < PRECEDING) {
            BuildStep step = newestFirst.next();
            if (step.outcome != BuildStep.Outcome.OPEN || step.ignored) {
                break;
            }
            steps.add(0, step);
        }
        return steps;
    }

    /** Errors of steps no runner marked: the first of each kind counts when no step failed visibly. */
    private void offerUnmarked(Candidate candidate) {
        if (candidate.kind == ErrorKind.FAILURE && firstOpenFailure == null) {
            firstOpenFailure = candidate;
        } else if (candidate.kind == ErrorKind.ERROR && firstOpenError == null) {
            firstOpenError = candidate;
        }
    }

    /** The diagnosis of the log read so far; {@code failedStatus}: the job's status says it failed. */
    Diagnosis finish(boolean failedStatus) {
        close();
        BuildStep failing = failingStep();
        List<BuildStep> region = failing == null ? unmarkedRegion() : regionOf(failing);
        boolean failedJob = failedStatus || failing != null || jobFailed != null;
        BuildStep last = failing != null ? failing : recent.peekLast();
        Candidate pick = pick(region, failing != null, ErrorKind.FAILURE);
        if (pick == null && (!failedJob || last == null || last.reason == null)) {
            pick = pick(region, failing != null, ErrorKind.ERROR);
        }
        FailureCause cause = pick != null ? cause(pick, region) : failedJob ? withoutErrorLine(last, region) : null;
        BuildStep causeStep = pick != null ? pick.step : failing;
        FailedStep step = causeStep == null ? null
                : new FailedStep(causeStep.name, causeStep.start, failing != null && failing.exit != null ? failing.exit : jobFailed);
        Quote lastWord = lastWord(region, cause);
        List<Quote> others = failedExits.stream().filter(exit -> failing == null || exit != failing.exit).toList();
        List<Quote> excerpt = ErrorExcerpt.of(pick, cause, step, lastWord, jobFailed);
        Quote runtime = cause == null ? null
                : runtimes.of(Stream.concat(Stream.of(cause.line()), cause.explanation().stream()).toList());
        return new Diagnosis(cause, step, lastWord, runtime, others, errorLines, errorLineCount, lastLine, excerpt, comparison(cause, pick));
    }

    /** The step that failed the job: on runners that stop at a failure the last failed step, else the first. */
    private BuildStep failingStep() {
        if (lastStopping != null) {
            return lastStopping;
        }
        if (firstFailed != null) {
            return firstFailed;
        }
        return jobFailed == null ? null : lastCommand;
    }

    /** The failing step, with the unmarked steps right before it when it printed no error itself. */
    private List<BuildStep> regionOf(BuildStep failing) {
        List<BuildStep> region = new ArrayList<>();
        if (!failing.hasEligible()) {
            region.addAll(failing.preceding.isEmpty() ? openBefore(failing) : failing.preceding);
        }
        region.add(failing);
        return region;
    }

    private List<BuildStep> openBefore(BuildStep failing) {
        List<BuildStep> steps = new ArrayList<>();
        for (BuildStep step : recent) {
            if (step == failing) {
                return steps.subList(Math.max(0, steps.size() - PRECEDING), steps.size());
            }
            if (step.outcome == BuildStep.Outcome.OPEN && !step.ignored) {
                steps.add(step);
            } else {
                steps.clear();
            }
        }
        return List.of();
    }

    private List<BuildStep> unmarkedRegion() {
        Candidate first = firstOpenFailure != null ? firstOpenFailure : firstOpenError;
        return first == null ? List.of() : List.of(first.step);
    }

    /**
     * The first concrete failure that counts, else the first error that counts, of the given kinds; in a
     * failed step whose shell traced its commands, those after the last command first: a shell run with
     * {@code -e} stops there.
     */
    private static Candidate pick(List<BuildStep> region, boolean failed, ErrorKind kind) {
        BuildStep last = region.isEmpty() ? null : region.get(region.size() - 1);
        if (failed && last.lastTrace > 0) {
            Candidate traced = first(last.lastTraced, kind);
            if (traced != null) {
                return traced;
            }
        }
        return first(region.stream().flatMap(step -> step.candidates.stream()).toList(), kind);
    }

    private static Candidate first(List<Candidate> candidates, ErrorKind kind) {
        return candidates.stream().filter(candidate -> candidate.kind == kind && candidate.eligible()).findFirst().orElse(null);
    }

    private FailureCause cause(Candidate pick, List<BuildStep> region) {
        String subject = subject(pick, Explanation.of(pick, List.of()));
        List<Candidate> details = new ArrayList<>();
        Quote firstSeen = null;
        for (BuildStep step : region) {
            for (Candidate other : step.candidates) {
                if (other.line() < pick.line() && firstSeen == null && other.sameError(pick.quote)) {
                    firstSeen = other.quote;
                } else if (other.line() > pick.line() && details.size() < 2 && Subject.related(other.subject, subject)) {
                    details.add(other);
                }
            }
        }
        return new FailureCause(pick.quote, true, subject, firstSeen, Explanation.of(pick, details), pick.subStep);
    }

    /** The most precise name of what failed: {@code Test.method} rather than {@code Test}. */
    private static String subject(Candidate pick, List<Quote> explanation) {
        String subject = pick.subject;
        for (Quote line : explanation) {
            String other = Subject.of(line.text());
            if (Subject.related(subject, other) && other.length() > subject.length()) {
                subject = other;
            }
        }
        return subject;
    }

    /**
     * No concrete failure counts: the tool's verdict if it gives a reason (it says more than an error
     * printed along the way), else the last line the failing step printed, with an earlier error saying the same.
     */
    private static FailureCause withoutErrorLine(BuildStep failing, List<BuildStep> region) {
        if (failing == null) {
            return null;
        }
        if (failing.reason != null) {
            return new FailureCause(failing.reason, true, null, null, List.of(), null);
        }
        if (failing.lastLines.isEmpty()) {
            return null;
        }
        Quote last = failing.lastLines.peekLast();
        Quote firstSeen = region.stream().flatMap(step -> step.candidates.stream())
                .filter(candidate -> candidate.line() < last.line() && candidate.sameError(last))
                .map(candidate -> candidate.quote).findFirst().orElse(null);
        return new FailureCause(last, false, null, firstSeen, List.of(), null);
    }

    /** What the tool said last as it stopped ({@code BUILD FAILURE}, {@code error: failed to solve}), when it adds something. */
    private static Quote lastWord(List<BuildStep> region, FailureCause cause) {
        if (region.isEmpty() || cause == null) {
            return null;
        }
        Quote last = region.get(region.size() - 1).lastSummary;
        boolean quoted = last == null || last.line() <= cause.line().line()
                || cause.explanation().stream().anyMatch(line -> line.line() == last.line());
        return quoted ? null : last;
    }

    private RunComparison comparison(FailureCause cause, Candidate pick) {
        if (known == null) {
            return null;
        }
        List<Quote> near = new ArrayList<>();
        boolean causeIsNew = cause != null && !known.contains(cause.line().text());
        if (pick != null) {
            for (Quote line : pick.after) {
                if (near.size() < Explanation.MAX_LINES && !line.text().isBlank() && !noise(line.text())
                        && !known.contains(line.text())) {
                    near.add(line);
                }
            }
        }
        return new RunComparison(earlierRun, newLines, firstNew, near, causeIsNew);
    }
}
