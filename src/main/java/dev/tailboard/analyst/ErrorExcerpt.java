package dev.tailboard.analyst;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines a model needs to answer why a job failed, in log order: the failing step's first line, the
 * lines around the error, the lines that explain it, the tool's last word and the line that ended the step.
 */
final class ErrorExcerpt {

    private static final int AFTER = 12;

    private ErrorExcerpt() {
    }

    static List<Quote> of(@Nullable Candidate pick, @Nullable FailureCause cause, @Nullable FailedStep step,
                          @Nullable Quote lastWord, @Nullable Quote jobFailed) {
        Map<Long, Quote> lines = new TreeMap<>();
        List<Quote> chosen = new ArrayList<>();
        if (pick != null) {
            chosen.addAll(pick.before);
            chosen.addAll(pick.after.subList(0, Math.min(AFTER, pick.after.size())));
        }
        if (cause != null) {
            chosen.add(cause.line());
            chosen.add(cause.firstSeen());
            chosen.add(cause.subStep());
            chosen.addAll(cause.explanation());
        }
        if (step != null) {
            chosen.add(step.start());
            chosen.add(step.end());
        }
        chosen.add(lastWord);
        chosen.add(jobFailed);
        chosen.stream().filter(quote -> quote != null && !quote.text().isEmpty())
                .forEach(quote -> lines.putIfAbsent(quote.line(), quote));
        return List.copyOf(lines.values());
    }
}
