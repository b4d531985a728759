package dev.tailboard.analyst;

import dev.tailboard.jobs.JobId;
import dev.tailboard.logs.LogChunk;
import dev.tailboard.logs.LogFeeds;
import dev.tailboard.logs.LogPage;
import dev.tailboard.logs.LogView;
import dev.tailboard.logs.Position;
import dev.tailboard.logs.StartAt;
import jakarta.inject.Singleton;

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
        Optional<Position> rest;
        try (LogView view = feeds.open(id, StartAt.BEGINNING).orElse(null)) {
            if (view == null) {
                return new LogSample(head, false);
            }
            rest = read(view, budget.headLines(), budget.headChars(), head);
        }
        List<LogLine> tail = new ArrayList<>();
        rest.flatMap(from -> feeds.open(id, new StartAt.Tail(budget.tailLines())).map(tailView -> {
            try (LogView view = tailView) {
                if (view.start().offset() >= from.offset()) {
                    return read(view, budget.tailLines(), budget.tailChars(), tail);
                }
            }
            // the head read past where the tail starts: go on from where it stopped
            return feeds.open(id, new StartAt.Offset(from.offset())).flatMap(fromRest -> {
                try (LogView view = fromRest) {
                    return read(view, budget.tailLines(), budget.tailChars(), tail);
                }
            });
        }));
        boolean gap = !tail.isEmpty() && !head.isEmpty() && tail.get(0).number() > head.get(head.size() - 1).number() + 1;
        head.addAll(tail);
        return new LogSample(head, gap);
    }

    /** Reads lines into {@code into} up to the budget; where it stopped, when lines remain past it. */
    private static Optional<Position> read(LogView view, int maxLines, int maxChars, List<LogLine> into) {
        int chars = 0;
        int taken = 0;
        while (taken < maxLines && chars < maxChars) {
            LogPage page = view.read(Math.min(PAGE_LINES, maxLines - taken));
            LogChunk chunk = page.chunk();
            long number = chunk.firstLine();
            for (String line : chunk.lines()) {
                into.add(LogLine.of(number++, line));
                chars += line.length();
                taken++;
            }
            if (chunk.isEmpty() || !page.more()) {
                return Optional.empty();
            }
        }
        return Optional.of(view.start());
    }
}
