package dev.tailboard.analyst;

import dev.tailboard.analyst.LogFacts.Finding;
import dev.tailboard.analyst.LogFacts.Section;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CI runners write around a build: GitLab sections (with their durations), GitHub Actions groups and
 * annotations, the commands run, and the exit code.
 */
final class CiSteps implements LogRecognizer {

    private static final Pattern GITLAB_START = Pattern.compile("section_start:(\\d+):([A-Za-z0-9_.-]+)(?:\\[[^\\]]*])?");
    private static final Pattern GITLAB_END = Pattern.compile("section_end:(\\d+):([A-Za-z0-9_.-]+)");
    private static final Pattern GROUP = Pattern.compile("^(?:::group::|##\\[group])(.*)$");
    private static final Pattern END_GROUP = Pattern.compile("^(?:::endgroup::|##\\[endgroup])\\s*$");
    private static final Pattern ANNOTATION = Pattern.compile("^::error(?: ([^:]*))?::(.*)$");
    private static final Pattern PARAMETER = Pattern.compile("(file|line)=([^,]*)");
    private static final Pattern COMMAND = Pattern.compile("^\\$ (.+)$");
    private static final Pattern EXIT_CODE = Pattern.compile("(?:exit code|exit status|exited with code) (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern JOB_FAILED = Pattern.compile("^ERROR: Job failed: .*$");

    private record Open(String name, String title, long start, long startedAt) {
    }

    @Override
    public void read(List<LogLine> lines, LogFacts facts) {
        Deque<Open> open = new ArrayDeque<>();
        for (LogLine line : lines) {
            Matcher matcher;
            if ((matcher = GITLAB_START.matcher(line.plain())).find()) {
                facts.tool("GitLab CI");
                open.push(new Open(matcher.group(2), line.text().contains("section_start:") ? matcher.group(2) : line.text().strip(),
                        line.number(), Long.parseLong(matcher.group(1))));
            } else if ((matcher = GITLAB_END.matcher(line.plain())).find()) {
                closeGitLab(open, matcher.group(2), Long.parseLong(matcher.group(1)), line.number(), facts);
                facts.explain(line.number());
            } else if ((matcher = GROUP.matcher(line.text())).matches()) {
                facts.tool("GitHub Actions");
                open.push(new Open(matcher.group(1).strip(), matcher.group(1).strip(), line.number(), -1));
            } else if (END_GROUP.matcher(line.text()).matches() && !open.isEmpty()) {
                Open group = open.pop();
                facts.section(new Section(group.name(), group.title(), group.start(), line.number()));
            } else if ((matcher = ANNOTATION.matcher(line.text())).matches()) {
                annotation(matcher, line, facts);
            } else if ((matcher = COMMAND.matcher(line.text())).matches()) {
                facts.command(new Finding(matcher.group(1).strip(), line.number()));
            }
            if (JOB_FAILED.matcher(line.text()).matches()) {
                facts.outcome(new Finding(line.text().strip(), line.number()));
            }
            if ((matcher = EXIT_CODE.matcher(line.text())).find()) {
                facts.exitCode(new Finding(matcher.group(1), line.number()));
            }
        }
        open.forEach(section -> facts.section(new Section(section.name(), section.title(), section.start(), Long.MAX_VALUE)));
    }

    private static void closeGitLab(Deque<Open> open, String name, long endedAt, long line, LogFacts facts) {
        while (!open.isEmpty()) {
            Open section = open.pop();
            facts.section(new Section(section.name(), section.title(), section.start(), line));
            if (section.name().equals(name)) {
                if (section.startedAt() >= 0 && endedAt >= section.startedAt()) {
                    facts.timing(new LogFacts.Timing("section " + Markdown.code(name)
                            + (section.title().equals(name) ? "" : " (" + Markdown.text(section.title()) + ")"),
                            Durations.format(Duration.ofSeconds(endedAt - section.startedAt())), line));
                }
                return;
            }
        }
    }

    /** {@code ::error file=src/A.java,line=6::message}: an error the workflow points at a place in the code. */
    private static void annotation(Matcher matcher, LogLine line, LogFacts facts) {
        String file = null;
        String at = null;
        if (matcher.group(1) != null) {
            Matcher parameter = PARAMETER.matcher(matcher.group(1));
            while (parameter.find()) {
                if (parameter.group(1).equals("file")) {
                    file = parameter.group(2);
                } else {
                    at = parameter.group(2);
                }
            }
        }
        String place = file == null ? "" : " at " + Markdown.code(file + (at == null ? "" : ":" + at));
        facts.hint("The workflow reported an error" + place + ": " + Markdown.text(matcher.group(2).strip()), line.number());
    }
}
