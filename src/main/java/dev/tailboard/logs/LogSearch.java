package dev.tailboard.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailboard.jobs.JobId;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the lines of a log whose shown text contains a query, ignoring case, from the first line to the
 * end the log has when the search starts. The log viewer uses it to search lines it has not loaded.
 */
@Singleton
public class LogSearch {

    /** The most line numbers one answer lists; the count goes on beyond it. */
    public static final int MAX_LINES = 10_000;
    private static final int PAGE_LINES = 10_000;

    private final LogFeeds feeds;

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

    /** Blocking: reads the whole log. */
    public Optional<Result> search(JobId id, String query) {
        Optional<Position> end = endOf(id);
        if (end.isEmpty()) {
            return Optional.empty();
        }
        String needle = query.toLowerCase(Locale.ROOT);
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
                    count += scan(page.chunk(), end.get().line(), needle, lines);
                }
            }
        }
        return Optional.of(new Result(id.value(), query, count, lines, count > lines.size(), end.get().line()));
    }

    /** Counts the lines of {@code chunk} before line {@code stop} that contain {@code needle}. */
    private static int scan(LogChunk chunk, long stop, String needle, List<Long> lines) {
        int found = 0;
        List<String> texts = chunk.lines();
        for (int i = 0; i < texts.size() && chunk.firstLine() + i < stop; i++) {
            if (LogText.visible(texts.get(i)).toLowerCase(Locale.ROOT).contains(needle)) {
                found++;
                if (lines.size() < MAX_LINES) {
                    lines.add(chunk.firstLine() + i);
                }
            }
        }
        return found;
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
