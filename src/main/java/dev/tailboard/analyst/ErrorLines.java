package dev.tailboard.analyst;

import dev.tailboard.analyst.LogFacts.Finding;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Lines that look like errors in any tool's dialect, except those a tool's recognizer already accounted
 * for. Runs after the recognizers.
 */
final class ErrorLines implements LogRecognizer {

    private static final Pattern ERROR = Pattern.compile(String.join("|",
            "^\\[(?:ERROR|FATAL)]",
            "^npm (?:error|ERR!)",
            "^(?:ERROR|FAIL|FAILED|FATAL)\\b",
            "^(?:error|fatal|Error|Fatal)(?:\\[\\w+])?:",
            "^\\S+:\\d+(?::\\d+)?: (?:fatal )?error\\b",
            "^(?:[\\w$]+\\.)*[A-Z][\\w$]*(?:Error|Exception)(?::|$)",
            "^::error\\b",
            "^##\\[error]"));
    /** A tag with nothing after it, like an empty {@code [ERROR]} line. */
    private static final Pattern EMPTY = Pattern.compile("^(?:\\[\\w+]|npm (?:error|ERR!))\\s*$");

    @Override
    public void read(List<LogLine> lines, LogFacts facts) {
        for (LogLine line : lines) {
            String text = line.text().strip();
            if (!facts.isExplained(line.number()) && ERROR.matcher(text).find() && !EMPTY.matcher(text).matches()) {
                facts.error(new Finding(text, line.number()));
            }
        }
    }
}
