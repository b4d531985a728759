package dev.tailboard.analyst;


import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines of a log a model needs to answer about it, numbered: the neighbourhood of every key line (a
 * failed test and its stack, an error, the failing step) and the end of the log, within a size bound.
 */
public final class ContextExcerpt {

    public static final int MAX_CHARS = 12_000;
    private static final int BEFORE = 2;
    private static final int AFTER = 8;
    private static final int LAST_LINES = 20;
    private static final int MAX_LINE = Quote.MAX_TEXT;

    private ContextExcerpt() {
    }

    static String of(LogSample sample, LogFacts facts) {
        Map<Long, LogLine> byNumber = new TreeMap<>();
        sample.lines().forEach(line -> byNumber.put(line.number(), line));
        Map<Long, LogLine> chosen = new TreeMap<>();
        int chars = 0;
        for (long key : facts.keyLines()) {
            for (long number = key - BEFORE; number <= key + AFTER && chars < MAX_CHARS / 2; number++) {
                chars += choose(byNumber, chosen, number);
            }
        }
        List<LogLine> last = sample.last(LAST_LINES);
        for (LogLine line : last) {
            chars += choose(byNumber, chosen, line.number());
        }
        return Quote.numbered(chosen.values().stream().map(line -> new Quote(line.number(), line.text())).toList(), MAX_CHARS);
    }

    private static int choose(Map<Long, LogLine> byNumber, Map<Long, LogLine> chosen, long number) {
        LogLine line = byNumber.get(number);
        if (line == null || chosen.putIfAbsent(number, line) != null) {
            return 0;
        }
        return Math.min(MAX_LINE, line.text().length()) + 8;
    }
}
