package dev.tailboard.analyst;

import java.util.List;

/**
 * The part of a log that is read to answer about it: all of it when it is small, otherwise its beginning
 * and its end ({@code gap} says lines in between were not read). Lines are numbered as the log viewer does.
 */
public record LogSample(List<LogLine> lines, boolean gap) {

    public LogSample {
        lines = List.copyOf(lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The number of the last line read (0 when none). */
    public long lastLine() {
        return lines.isEmpty() ? 0 : lines.get(lines.size() - 1).number();
    }

    /** The last {@code count} lines read. */
    public List<LogLine> last(int count) {
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }
}
