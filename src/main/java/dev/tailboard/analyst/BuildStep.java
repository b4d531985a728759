package dev.tailboard.analyst;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** One step of a build as the finder saw it: where it started, the errors kept from it, and how it ended. */
final class BuildStep {

    enum Outcome { OPEN, PASSED, FAILED }

    static final int MAX_CANDIDATES = 40;
    private static final int LAST_LINES = 3;

    final Quote start;
    final String name;
    final boolean command;
    final boolean ignored;
    /** The GitLab section the step ran in ("" when none). */
    final String section;
    final List<Candidate> candidates = new ArrayList<>();
    /** The errors after the last traced command, kept apart: the step's first ones may fill {@link #candidates}. */
    final List<Candidate> lastTraced = new ArrayList<>();
    final Deque<Quote> lastLines = new ArrayDeque<>();
    /** The steps with no outcome of their own right before this one: their output may belong to it. */
    final List<BuildStep> preceding = new ArrayList<>();
    Outcome outcome = Outcome.OPEN;
    boolean stopsJob;
    Quote exit;
    Quote lastSummary;
    /** The last tool verdict that gives a reason ({@link ErrorScore#givesReason}): the tool's final word on why. */
    Quote reason;
    /** The last command the shell traced in this step ({@code + cmd}), 0 when none: with {@code sh -e} the failing one. */
    long lastTrace;

    BuildStep(Quote start, StepMark.Start mark, String section) {
        this.section = section;
        this.start = start;
        this.name = mark.name();
        this.command = mark.command();
        this.ignored = command && StepMarks.ignoresFailure(name);
    }

    /** The lines before the first step, or between a section's end and the next step. */
    static BuildStep gap(Quote start) {
        return new BuildStep(start, new StepMark.Start("", false), "");
    }

    /** Whether another error is kept: the step's first ones, and the first ones after its last traced command. */
    boolean hasRoom() {
        return candidates.size() < MAX_CANDIDATES || lastTrace > 0 && lastTraced.size() < MAX_CANDIDATES;
    }

    void keep(Candidate candidate) {
        if (candidates.size() < MAX_CANDIDATES) {
            candidates.add(candidate);
        }
        if (lastTrace > 0 && lastTraced.size() < MAX_CANDIDATES) {
            lastTraced.add(candidate);
        }
    }

    /** The shell traced another command: errors after it start a new group. */
    void traced(long line) {
        lastTrace = line;
        lastTraced.clear();
    }

    void output(Quote line) {
        lastLines.addLast(line);
        if (lastLines.size() > LAST_LINES) {
            lastLines.removeFirst();
        }
    }

    void exited(StepMark.Exit mark, Quote line) {
        outcome = mark.failed() ? Outcome.FAILED : Outcome.PASSED;
        stopsJob = mark.stopsJob();
        exit = line;
    }

    boolean hasEligible() {
        return candidates.stream().anyMatch(Candidate::eligible);
    }

    /** A step whose errors do not count: it passed, or its command says failures are ignored. */
    boolean wentOn() {
        return outcome == Outcome.PASSED || ignored;
    }
}
