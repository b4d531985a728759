package dev.tailboard.analyst;

import dev.tailboard.analyst.LogFacts.FailedTest;
import dev.tailboard.analyst.LogFacts.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jest: the failed test files, each failed test ({@code ● suite › name}) with its expectation. */
final class JestLog implements LogRecognizer {

    private static final Pattern FILE = Pattern.compile("^(FAIL|PASS) (\\S+)");
    private static final Pattern TEST = Pattern.compile("^\\s*● (.+)$");
    private static final Pattern FRAME = Pattern.compile("\\(([^()\\s]+):(\\d+):\\d+\\)$|^\\s*at ([^()\\s]+):(\\d+):\\d+$");
    private static final Pattern SOURCE_EXCERPT = Pattern.compile("^\\s*(?:>\\s*)?\\d+ \\||^\\s*\\|");
    private static final Pattern SUMMARY = Pattern.compile("^Tests:\\s+(.+)$");
    private static final int MESSAGE_LINES = 4;

    @Override
    public void read(List<LogLine> lines, LogFacts facts) {
        String file = null;
        List<String> rerun = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            LogLine line = lines.get(i);
            Matcher matcher;
            if ((matcher = FILE.matcher(line.text())).find()) {
                file = matcher.group(1).equals("FAIL") ? matcher.group(2) : null;
                if (file != null) {
                    facts.explain(line.number());
                }
            } else if (file != null && (matcher = TEST.matcher(line.text())).matches()) {
                facts.tool("Jest");
                String name = matcher.group(1).strip();
                facts.failedTest(failedTest(lines, i, name, file, facts));
                String leaf = name.substring(name.lastIndexOf('›') + 1).strip();
                rerun.add("npx jest " + file + " -t '" + leaf.replace("'", "'\\''") + "'");
            } else if ((matcher = SUMMARY.matcher(line.text())).matches()) {
                facts.testSummary(new Finding(line.text().strip(), line.number()), matcher.group(1).contains("failed"));
            }
        }
        if (!rerun.isEmpty()) {
            facts.hint("Run the first failed test alone: " + Markdown.code(rerun.get(0)), 0);
        }
    }

    private static FailedTest failedTest(List<LogLine> lines, int header, String name, String file, LogFacts facts) {
        List<String> message = new ArrayList<>();
        String location = null;
        boolean messageDone = false;
        for (int i = header + 1; i < Math.min(lines.size(), header + 40); i++) {
            LogLine line = lines.get(i);
            String text = line.text();
            if (TEST.matcher(text).matches() || !text.isBlank() && !Character.isWhitespace(text.charAt(0))) {
                break;
            }
            Matcher frame = FRAME.matcher(text);
            if (frame.find()) {
                location = frame.group(1) != null ? frame.group(1) + ":" + frame.group(2) : frame.group(3) + ":" + frame.group(4);
                break;
            }
            if (text.isBlank() || SOURCE_EXCERPT.matcher(text).find()) {
                messageDone |= !message.isEmpty() || !text.isBlank();
            } else if (!messageDone && message.size() < MESSAGE_LINES) {
                message.add(text.strip());
                facts.explain(line.number());
            }
        }
        return new FailedTest(name + " (" + file + ")", message.isEmpty() ? null : String.join("; ", message),
                lines.get(header).number(), location, null);
    }
}
