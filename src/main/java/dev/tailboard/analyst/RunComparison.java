package dev.tailboard.analyst;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * This run beside the last run of the same pipeline that succeeded: how many of its lines that run did not
 * print (numbers, hashes and times aside), where they start, and which of them are near the failure.
 */
public record RunComparison(String earlierRun, long newLines, @Nullable Quote firstNew, List<Quote> newNearCause,
                            boolean causeIsNew) {

    public RunComparison {
        newNearCause = List.copyOf(newNearCause);
    }
}
