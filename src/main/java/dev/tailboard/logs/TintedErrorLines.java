package dev.tailboard.logs;

import dev.tailboard.jobs.JobId;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The error lines are those the log viewer tints as errors: a GitHub Actions {@code ::error} or
 * {@code ##[error]} annotation, Maven's {@code [ERROR]}, {@code error:} in any case, {@code npm ERR!}, a
 * {@code FAILED} word, and the start of a Python {@code Traceback}. {@code static/error-lines.js} holds the
 * same rule for the lines that arrive after the page asked.
 */
@Singleton
public class TintedErrorLines implements ErrorLines {

    /** The runner's timestamp that GitHub Actions puts before a line of a downloaded log. */
    private static final String STAMP = "(?:\\d{4}-\\d\\d-\\d\\dT\\S+Z )?";
    static final Pattern RULE = Pattern.compile("^" + STAMP + "(?:::error\\b|##\\[error])"
            + "|\\[ERROR]|(?i:\\berror:)|npm ERR!|\\bFAILED\\b"
            + "|^" + STAMP + "\\s*Traceback \\(most recent call last\\)");

    private final LogSearch search;

    public TintedErrorLines(LogSearch search) {
        this.search = search;
    }

    public static boolean isError(String shownText) {
        return RULE.matcher(shownText).find();
    }

    @Override
    public Optional<LogSearch.Matches> find(JobId id) {
        return search.matching(id, TintedErrorLines::isError);
    }
}
