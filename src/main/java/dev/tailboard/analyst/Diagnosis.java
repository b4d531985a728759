package dev.tailboard.analyst;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * What the error finder found in a whole log: the error that failed the job and the step it was in, the
 * tool's last word before the step ended, the version the log names of the runtime of the failing code,
 * other steps that failed, every line that looks like an error (for the log viewer) out of the lines read, the excerpt a model
 * should read, and the comparison with the last successful run.
 */
public record Diagnosis(@Nullable FailureCause cause, @Nullable FailedStep step, @Nullable Quote lastWord, @Nullable Quote runtime,
                        List<Quote> otherFailures, List<Long> errorLines, long errorLineCount, long linesRead,
                        List<Quote> excerpt,
                        @Nullable RunComparison comparison) {

    /** Far more than the excerpt's few dozen lines ever hold. */
    private static final int MAX_EXCERPT = 64 * 1024;

    public Diagnosis {
        otherFailures = List.copyOf(otherFailures);
        errorLines = List.copyOf(errorLines);
        excerpt = List.copyOf(excerpt);
    }

    /** The excerpt as numbered lines, {@code …} where lines were left out. */
    public String excerptText() {
        return Quote.numbered(excerpt, MAX_EXCERPT);
    }
}
