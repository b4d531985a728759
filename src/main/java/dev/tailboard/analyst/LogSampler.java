package dev.tailboard.analyst;

import dev.tailboard.jobs.JobId;
import dev.tailboard.logs.LogChunk;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogPage;
import dev.tailboard.logs.LogView;
import dev.tailboard.logs.Position;
import dev.tailboard.logs.StartAt;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a bounded sample of a job's log through the log core, so that line numbers are exactly the ones
 * the log viewer shows (and links to). Blocking.
 */
@Singleton
public class LogSampler {

    /** How much of a log is read: lines and characters from its start, and from its end. */
    public record Budget(int headLines, int headChars, int tailLines, int tailChars) {
        public static final Budget ONE_JOB = new Budget(4000, 512 * 1024, 1000, 256 * 1024);
        public static final Budget OVERVIEW = new Budget(1000, 128 * 1024, 300, 64 * 1024);
    }

    private static final int PAGE_LINES = 1000;

    private final LogFeeds feeds;

    public LogSampler(LogFeeds feeds) {
        this.feeds = feeds;
    }

    /** The sample, or an empty one when the job (or its log) is gone. */
    public LogSample sample(JobId id, Budget budget) {
        List<LogLine> head = new ArrayList<>();
        Optional<Position> rest = read(id, StartAt.BEGINNING, budget.headLines(), budget.headChars(), head);
        if (rest.isEmpty()) {
            return new LogSample(head, false);
        }
        Optional<LogView> tailView = feeds.open(id, new StartAt.Tail(budget.tailLines()));
        if (tailView.isEmpty()) {
            return new LogSample(head, false);
        }
        long tailStart;
        try (LogView view = tailView.get()) {
            tailStart = Math.max(view.start().offset(), rest.get().offset());
        }
        List<LogLine> tail = new ArrayList<>();
        read(id, new StartAt.Offset(tailStart), budget.tailLines(), budget.tailChars(), tail);
        boolean gap = !tail.isEmpty() && !head.isEmpty() && tail.get(0).number() > head.get(head.size() - 1).number() + 1;
        head.addAll(tail);
        return new LogSample(head, gap);
    }

    /** Reads lines into {@code into} up to the budget; where it stopped, when lines remain past it. */
    private Optional<Position> read(JobId id, StartAt start, int maxLines, int maxChars, List<LogLine> into) {
        StartAt at = start;
        Position next = null;
        int chars = 0;
        int taken = 0;
        while (taken < maxLines && chars < maxChars) {
            Optional<LogView> view = feeds.open(id, at);
            if (view.isEmpty()) {
                return Optional.empty();
            }
            LogPage page = view.get().page(Math.min(PAGE_LINES, maxLines - taken), Duration.ZERO).block();
            if (page == null || page.chunk().isEmpty()) {
                return Optional.empty();
            }
            LogChunk chunk = page.chunk();
            long number = chunk.firstLine();
            for (String line : chunk.lines()) {
                into.add(LogLine.of(number++, line));
                chars += line.length();
                taken++;
            }
            next = page.next();
            if (!page.more()) {
                return Optional.empty();
            }
            at = new StartAt.Offset(next.offset());
        }
        return Optional.ofNullable(next);
    }
}
