package dev.tailboard.analyst;

import dev.tailboard.analyst.LogFacts.FailedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code go test}: {@code --- FAIL: TestName (0.00s)} followed by the test's own {@code file.go:12: message} lines. */
final class GoTestLog implements LogRecognizer {

    private static final Pattern FAIL = Pattern.compile("^\\s*--- FAIL: (\\S+) \\(([\\d.]+s)\\)$");
    private static final Pattern REPORT = Pattern.compile("^\\s+(\\S+\\.go:\\d+): (.*)$");

    @Override
    public void read(List<LogLine> lines, LogFacts facts) {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = FAIL.matcher(lines.get(i).text());
            if (!matcher.matches()) {
                continue;
            }
            facts.tool("Go");
            String message = null;
            String location = null;
            if (i + 1 < lines.size()) {
                Matcher report = REPORT.matcher(lines.get(i + 1).text());
                if (report.matches()) {
                    location = report.group(1);
                    message = report.group(2);
                    facts.explain(lines.get(i + 1).number());
                }
            }
            facts.failedTest(new FailedTest(matcher.group(1), message, lines.get(i).number(), location, null));
            failed.add(matcher.group(1).replaceAll("/.*", ""));
        }
        if (!failed.isEmpty()) {
            facts.hint("Run only the failed tests: " + Markdown.code("go test -run '^(" + String.join("|", failed) + ")$' ./..."), 0);
        }
    }
}
