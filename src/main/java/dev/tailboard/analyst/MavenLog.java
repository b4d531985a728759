package dev.tailboard.analyst;

import dev.tailboard.analyst.LogFacts.FailedTest;
import dev.tailboard.analyst.LogFacts.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maven with Surefire: the goal that failed, failed tests, compiler errors, the test summary, total time. */
final class MavenLog implements LogRecognizer {

    private static final Pattern LEVEL = Pattern.compile("^\\[(?:INFO|ERROR|WARNING|WARN|DEBUG)] ?");
    private static final Pattern FAILED_GOAL = Pattern.compile(
            "^Failed to execute goal (?:org\\.apache\\.maven\\.plugins:)?(\\S+) \\(([^)]*)\\) on project (\\S+?): (.*?)(?: -> \\[Help \\d+])?$");
    private static final Pattern SUREFIRE_TEST = Pattern.compile(
            "^(\\S+)\\.([^.\\s]+) -- Time elapsed: \\S+ s <<< (?:FAILURE|ERROR)!$");
    private static final Pattern OLD_SUREFIRE_TEST = Pattern.compile(
            "^([^(\\s]+)\\((\\S+)\\)\\s+Time elapsed: \\S+ s(?:ec)?\\s+<<< (?:FAILURE|ERROR)!$");
    private static final Pattern TESTS_RUN = Pattern.compile(
            "^Tests run: (\\d+), Failures: (\\d+)(?:, Errors: (\\d+))?(?:, Skipped: \\d+)?(.*)$");
    private static final Pattern SUMMARY_HEADING = Pattern.compile("^(?:Failures|Errors|Tests in error|Failed tests):\\s*$");
    private static final Pattern SUMMARY_ENTRY = Pattern.compile("^\\s+(\\S+?):(\\d+)(?:[ »]+(.*))?$");
    private static final Pattern TOTAL_TIME = Pattern.compile("^Total time:\\s+(.+)$");
    private static final Pattern BUILD_RESULT = Pattern.compile("^BUILD (?:SUCCESS|FAILURE)$");
    private static final Pattern REPORTS = Pattern.compile("^Please refer to (\\S+) for the individual test results\\.?$");
    private static final Pattern SOURCE_OPTION = Pattern.compile("^(?:Source|Target) option (\\S+) is no longer supported\\. Use (\\S+) or later\\.$");
    private static final Pattern FRAME = Pattern.compile(
            "^\\s*at (?:[\\w.$@-]+/)*([\\w$.]+)\\.([\\w$<>]+)\\(([^:()]+):(\\d+)\\)$");
    private static final Pattern REPEATED = Pattern.compile("^(.+?)(?:: \\1)+$");
    private static final Pattern BOILERPLATE = Pattern.compile(
            "^$|^-> \\[Help \\d+]$|^To see the full stack trace|^Re-run Maven using|^For more information about the errors"
                    + "|^\\[Help \\d+] |^Please refer to dump files|^COMPILATION ERROR\\s*:?\\s*$|^\\d+ errors?\\s*$");
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("^(?:[a-z_][\\w$]*\\.)+([A-Z][\\w$]*.*)$");

    @Override
    public void read(List<LogLine> lines, LogFacts facts) {
        List<FailedTest> summaryEntries = new ArrayList<>();
        boolean inSummary = false;
        boolean foundTests = false;
        String oldSource = null;
        long oldSourceLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            LogLine line = lines.get(i);
            Matcher level = LEVEL.matcher(line.text());
            if (!level.find()) {
                continue;
            }
            facts.tool("Maven");
            String body = line.text().substring(level.end());
            Matcher matcher;
            if (inSummary && (matcher = SUMMARY_ENTRY.matcher(body)).matches()) {
                summaryEntries.add(new FailedTest(matcher.group(1), matcher.group(3), line.number(), null, null));
                facts.explain(line.number());
                continue;
            }
            inSummary = SUMMARY_HEADING.matcher(body).matches();
            if (inSummary || BOILERPLATE.matcher(body).find()) {
                facts.explain(line.number());
            } else if ((matcher = FAILED_GOAL.matcher(body)).matches()) {
                facts.failedGoal(new LogFacts.Step(matcher.group(1) + " (" + matcher.group(2) + ")",
                        "on project " + matcher.group(3) + ": " + reason(matcher.group(4)), null, line.number()));
            } else if ((matcher = SUREFIRE_TEST.matcher(body)).matches()) {
                facts.failedTest(failedTest(lines, i, matcher.group(1), matcher.group(2), facts));
                foundTests = true;
            } else if ((matcher = OLD_SUREFIRE_TEST.matcher(body)).matches()) {
                facts.failedTest(failedTest(lines, i, matcher.group(2), matcher.group(1), facts));
                foundTests = true;
            } else if ((matcher = TESTS_RUN.matcher(body)).matches()) {
                readTestsRun(matcher, line, facts);
            } else if ((matcher = TOTAL_TIME.matcher(body)).matches()) {
                facts.timing(new LogFacts.Timing("Maven build", matcher.group(1).trim(), line.number()));
            } else if (BUILD_RESULT.matcher(body).matches()) {
                facts.outcome(new Finding(body, line.number()));
            } else if ((matcher = REPORTS.matcher(body)).matches()) {
                facts.hint("Surefire wrote a report for each test class to " + Markdown.code(matcher.group(1))
                        + " on the build machine.", line.number());
                facts.explain(line.number());
            } else if (oldSource == null && (matcher = SOURCE_OPTION.matcher(body)).matches()) {
                oldSource = matcher.group(1);
                oldSourceLine = line.number();
            }
        }
        if (!foundTests) {
            summaryEntries.forEach(facts::failedTest);
        }
        if (foundTests || !summaryEntries.isEmpty()) {
            facts.hint("Run only the failed tests: " + Markdown.code("mvn test -Dtest='" + testFilter(facts.failedTests()) + "'"), 0);
        }
        if (oldSource != null) {
            facts.hint("The build asks javac for Java " + Markdown.text(oldSource) + " source and target, which current JDKs "
                    + "no longer compile: set " + Markdown.code("maven.compiler.release") + " (or "
                    + Markdown.code("maven.compiler.source") + " and " + Markdown.code("maven.compiler.target")
                    + ") in the pom to the Java version you build with, for example 17, and use a current "
                    + Markdown.code("maven-compiler-plugin") + ".", oldSourceLine);
        }
    }

    /** "Compilation failure: Compilation failure: " says it once. */
    private static String reason(String text) {
        String trimmed = text.strip();
        trimmed = trimmed.endsWith(":") ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
        Matcher repeated = REPEATED.matcher(trimmed);
        return repeated.matches() ? repeated.group(1) : trimmed;
    }

    private static void readTestsRun(Matcher matcher, LogLine line, LogFacts facts) {
        int failures = Integer.parseInt(matcher.group(2)) + (matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)));
        boolean perClass = matcher.group(4).contains("Time elapsed");
        if (!perClass) {
            facts.testSummary(new Finding(matcher.group(0).strip(), line.number()), failures > 0);
        } else if (failures > 0) {
            facts.explain(line.number());
        }
    }

    /** A Surefire failure block: the header line, the exception on the next line, then its stack trace. */
    private static FailedTest failedTest(List<LogLine> lines, int header, String testClass, String method, LogFacts facts) {
        String message = null;
        String location = null;
        if (header + 1 < lines.size()) {
            LogLine next = lines.get(header + 1);
            if (!next.text().isBlank() && !LEVEL.matcher(next.text()).find() && !FRAME.matcher(next.text()).matches()) {
                Matcher exception = EXCEPTION_CLASS.matcher(next.text().trim());
                message = exception.matches() ? exception.group(1) : next.text().trim();
                facts.explain(next.number());
            }
        }
        String fallback = null;
        for (int i = header + 2; i < Math.min(lines.size(), header + 100) && lines.get(i).text().trim().startsWith("at "); i++) {
            Matcher frame = FRAME.matcher(lines.get(i).text());
            if (!frame.matches()) {
                continue;
            }
            String place = frame.group(3) + ":" + frame.group(4);
            if (frame.group(1).equals(testClass) && frame.group(2).equals(method)) {
                location = place;
                break;
            }
            if (fallback == null && frame.group(1).equals(testClass)) {
                fallback = place;
            }
        }
        return new FailedTest(testClass + "." + method, message, lines.get(header).number(),
                location != null ? location : fallback, null);
    }

    /** Surefire's {@code -Dtest} filter for the failed tests: {@code Class#one+two,Other#three}. */
    private static String testFilter(List<FailedTest> tests) {
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (FailedTest test : tests) {
            int dot = test.name().lastIndexOf('.');
            String testClass = test.name().substring(0, Math.max(0, dot));
            String simpleClass = testClass.substring(testClass.lastIndexOf('.') + 1);
            byClass.computeIfAbsent(simpleClass, key -> new ArrayList<>()).add(test.name().substring(dot + 1));
        }
        List<String> parts = new ArrayList<>();
        byClass.forEach((testClass, methods) -> parts.add(testClass + "#" + String.join("+", methods)));
        return String.join(",", parts);
    }
}
