package dev.tailboard.runner;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code tailboard.runner.*}: how many runs run at once, and how many may wait. */
@ConfigurationProperties("tailboard.runner")
public class RunnerSettings {

    private int maxRuns = Runtime.getRuntime().availableProcessors();
    private int maxQueued = 100;

    /** Runs at once; later ones wait as {@code queued}. Default: the number of cores. */
    public int getMaxRuns() {
        return maxRuns;
    }

    public void setMaxRuns(int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("tailboard.runner.max-runs must be 1 or more");
        }
        this.maxRuns = maxRuns;
    }

    /** Runs that may wait; starting one more is refused. */
    public int getMaxQueued() {
        return maxQueued;
    }

    public void setMaxQueued(int maxQueued) {
        if (maxQueued < 0) {
            throw new IllegalArgumentException("tailboard.runner.max-queued must be 0 or more");
        }
        this.maxQueued = maxQueued;
    }
}
