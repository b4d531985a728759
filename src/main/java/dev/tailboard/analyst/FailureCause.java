package dev.tailboard.analyst;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The error that failed a job: its line, whether it is a recognised error line or only the last thing the
 * failing step printed, what it is about (a test, a file and line), the earlier line where the same error
 * first appeared, the few lines that explain it, and what the tool was running then.
 */
public record FailureCause(Quote line, boolean recognised, @Nullable String subject, @Nullable Quote firstSeen,
                           List<Quote> explanation, @Nullable Quote subStep) {

    public FailureCause {
        explanation = List.copyOf(explanation);
    }

    /** Where the error shows first: the earlier line with the same error, else the cause itself. */
    public Quote first() {
        return firstSeen != null ? firstSeen : line;
    }
}
