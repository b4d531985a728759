package dev.tailboard.analyst;

import dev.tailboard.analyst.LogFacts.FailedTest;
import dev.tailboard.analyst.LogFacts.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's unittest (and pytest's short summary): failed tests with their exception and the frame that raised it. */
final class PythonLog implements LogRecognizer {

    private static final Pattern HEADER = Pattern.compile("^(ERROR|FAIL): (\\S+) \\(([^)]*)\\)\\s*$");
    private static final Pattern VERBOSE_RESULT = Pattern.compile("^\\S+ \\([^)]*\\)(?: \\S.*)? \\.\\.\\. (?:ERROR|FAIL)$");
    private static final Pattern SEPARATOR = Pattern.compile("^(?:={20,}|-{20,})$");
    private static final Pattern FRAME = Pattern.compile("^\\s*File \"([^\"]+)\", line (\\d+), in (\\S+)$");
    private static final Pattern CARETS = Pattern.compile("^\\s*[\\^~]+\\s*$");
    private static final Pattern RAN = Pattern.compile("^Ran (\\d+) tests? in (\\S+)$");
    private static final Pattern RESULT = Pattern.compile("^(?:FAILED|OK)(?: \\(.*\\))?$");
    private static final Pattern PYTEST_FAILED = Pattern.compile("^(?:FAILED|ERROR) (\\S+::\\S+)(?: - (.*))?$");
    private static final Pattern PYTEST_SUMMARY = Pattern.compile("^=+ (.*\\b(?:passed|failed|errors?)\\b.*?) in ([\\d.]+s).*=+$");

    @Override
    public void read(List<LogLine> lines, LogFacts facts) {
        List<String> unittests = new ArrayList<>();
        List<String> pytests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            LogLine line = lines.get(i);
            String text = line.text();
            Matcher matcher;
            if ((matcher = HEADER.matcher(text)).matches()) {
                String id = matcher.group(3).endsWith("." + matcher.group(2))
                        ? matcher.group(3) : matcher.group(3) + "." + matcher.group(2);
                facts.tool("Python");
                facts.failedTest(failedTest(lines, i, id, facts));
                unittests.add(id);
            } else if (VERBOSE_RESULT.matcher(text).matches()) {
                facts.explain(line.number());
            } else if ((matcher = RAN.matcher(text)).matches()) {
                facts.timing(new LogFacts.Timing("the tests", matcher.group(2), line.number()));
                facts.explain(line.number());
                if (i + 2 < lines.size() && RESULT.matcher(lines.get(i + 2).text()).matches()) {
                    LogLine result = lines.get(i + 2);
                    facts.testSummary(new Finding(text + ": " + result.text(), result.number()), result.text().startsWith("FAILED"));
                    facts.outcome(new Finding(result.text(), result.number()));
                }
            } else if ((matcher = PYTEST_FAILED.matcher(text)).matches()) {
                facts.tool("pytest");
                facts.failedTest(new FailedTest(matcher.group(1), matcher.group(2), line.number(), null, null));
                pytests.add(matcher.group(1));
            } else if ((matcher = PYTEST_SUMMARY.matcher(text)).matches()) {
                facts.testSummary(new Finding(matcher.group(1), line.number()), matcher.group(1).contains("failed")
                        || matcher.group(1).contains("error"));
                facts.timing(new LogFacts.Timing("the tests", matcher.group(2), line.number()));
            }
        }
        if (!unittests.isEmpty()) {
            facts.hint("Run only the failed tests: " + Markdown.code("python -m unittest " + String.join(" ", unittests)), 0);
        }
        if (!pytests.isEmpty()) {
            facts.hint("Run only the failed tests: " + Markdown.code("pytest " + String.join(" ", pytests)), 0);
        }
    }

    /**
     * A unittest block: header, separator, traceback, exception. The message is the exception (the last line
     * of the block); the location is the innermost frame, where it was raised, with its line of code.
     */
    private static FailedTest failedTest(List<LogLine> lines, int header, String id, LogFacts facts) {
        LogLine message = null;
        String location = null;
        String code = null;
        for (int i = header + 1; i < lines.size(); i++) {
            LogLine line = lines.get(i);
            boolean separator = SEPARATOR.matcher(line.text()).matches();
            if (separator && i > header + 1 || HEADER.matcher(line.text()).matches() || RAN.matcher(line.text()).matches()) {
                break;
            }
            Matcher frame = FRAME.matcher(line.text());
            if (frame.matches()) {
                String file = frame.group(1).substring(frame.group(1).lastIndexOf('/') + 1);
                location = frame.group(3) + " in " + file + ":" + frame.group(2);
                boolean hasCode = i + 1 < lines.size() && !FRAME.matcher(lines.get(i + 1).text()).matches()
                        && lines.get(i + 1).text().startsWith("    ");
                code = hasCode ? lines.get(i + 1).text().strip() : null;
            } else if (!separator && !line.text().isBlank() && !CARETS.matcher(line.text()).matches()) {
                message = line;
            }
        }
        if (message != null) {
            facts.explain(message.number());
        }
        return new FailedTest(id, message == null ? null : message.text().strip(), lines.get(header).number(), location, code);
    }
}
