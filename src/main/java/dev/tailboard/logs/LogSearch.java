package dev.tailboard.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailboard.jobs.JobId;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Finds the lines of a log whose shown text matches, from the first line to the end the log has when the
 * search starts: those that contain a query, ignoring case, and those any other rule picks (the error lines).
 * The log viewer uses it to find lines it has not loaded. Matching a query takes time linear in the text
 * whatever the query, and only a few searches run at once (one per two cores): a search of a large log reads
 * all of it, and many at once would take every core from the viewers.
 */
@Singleton
public class LogSearch {

    /** The most line numbers one answer lists; the count goes on beyond it. */
    public static final int MAX_LINES = 10_000;
    private static final int PAGE_LINES = 10_000;
    /** How long a search waits for another to end before it is refused. */
    private static final Duration WAIT = Duration.ofSeconds(2);

    private final LogFeeds feeds;
    private final Semaphore running = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    public LogSearch(LogFeeds feeds) {
        this.feeds = feeds;
    }

    /**
     * The matches, or empty when there is no such job. {@code line} is the number of the first line not
     * searched: a viewer that follows the log searches the lines from there on itself.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Result(String job, String q, long count, List<Long> lines, boolean truncated, long line) {
    }

    /** The lines a rule picked: at most {@link #MAX_LINES} numbers, {@code count} goes on counting. */
    public record Matches(long count, List<Long> lines, boolean truncated, long line) {
    }

    /** Other searches take the cores: this one is refused rather than queued. */
    public static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message);
        }
    }

    /** Blocking: reads the whole log; throws {@link Busy} while other searches take the cores. */
    public Optional<Result> search(JobId id, String query) {
        return matching(id, new Needle(query)::isIn).map(found ->
                new Result(id.value(), query, found.count(), found.lines(), found.truncated(), found.line()));
    }

    /**
     * Blocking: the lines whose shown text {@code rule} accepts, or empty when there is no such job; throws
     * {@link Busy} while other searches take the cores.
     */
    public Optional<Matches> matching(JobId id, Predicate<String> rule) {
        try {
            if (!running.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy("other searches are running: try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("the search was interrupted");
        }
        try {
            return matchingAlone(id, rule);
        } finally {
            running.release();
        }
    }

    private Optional<Matches> matchingAlone(JobId id, Predicate<String> rule) {
        Optional<Position> end = endOf(id);
        if (end.isEmpty()) {
            return Optional.empty();
        }
        List<Long> lines = new ArrayList<>();
        long count = 0;
        if (end.get().offset() > 0) {
            Optional<LogView> opened = feeds.open(id, StartAt.BEGINNING);
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            try (LogView view = opened.get()) {
                LogPage page;
                // up to the end the log had when the search started; a reset means it is another log by now
                while (view.start().line() < end.get().line() && !(page = view.read(PAGE_LINES)).reset()
                        && !page.chunk().isEmpty()) {
                    count += scan(page.chunk(), end.get().line(), rule, lines);
                }
            }
        }
        return Optional.of(new Matches(count, lines, count > lines.size(), end.get().line()));
    }

    /** Counts the lines of {@code chunk} before line {@code stop} that {@code rule} accepts. */
    private static int scan(LogChunk chunk, long stop, Predicate<String> rule, List<Long> lines) {
        int found = 0;
        List<String> texts = chunk.lines();
        for (int i = 0; i < texts.size() && chunk.firstLine() + i < stop; i++) {
            if (rule.test(LogText.visible(texts.get(i)))) {
                found++;
                if (lines.size() < MAX_LINES) {
                    lines.add(chunk.firstLine() + i);
                }
            }
        }
        return found;
    }

    /**
     * A query, found in a text ignoring case by Knuth, Morris and Pratt's method: each character of the text is
     * looked at a bounded number of times, where {@code contains} may compare the whole query at every position
     * (a 1,000-character query over 64 KB lines took seconds).
     */
    static final class Needle {
        private final String folded;
        /** For each prefix of the query, the length of its longest proper prefix that is also its suffix. */
        private final int[] fallback;

        Needle(String query) {
            this.folded = query.toLowerCase(Locale.ROOT);
            this.fallback = new int[folded.length()];
            for (int i = 1, matched = 0; i < folded.length(); i++) {
                while (matched > 0 && folded.charAt(i) != folded.charAt(matched)) {
                    matched = fallback[matched - 1];
                }
                if (folded.charAt(i) == folded.charAt(matched)) {
                    matched++;
                }
                fallback[i] = matched;
            }
        }

        boolean isIn(String text) {
            String haystack = text.toLowerCase(Locale.ROOT);
            for (int i = 0, matched = 0; i < haystack.length(); i++) {
                while (matched > 0 && haystack.charAt(i) != folded.charAt(matched)) {
                    matched = fallback[matched - 1];
                }
                if (haystack.charAt(i) == folded.charAt(matched) && ++matched == folded.length()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Where the log's lines end now. */
    private Optional<Position> endOf(JobId id) {
        return feeds.open(id, new StartAt.Tail(0)).map(view -> {
            try (view) {
                return view.start();
            }
        });
    }
}
