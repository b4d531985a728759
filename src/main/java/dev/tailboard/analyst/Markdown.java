package dev.tailboard.analyst;

import dev.tailboard.jobs.JobId;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes the small Markdown the answers use, so that text from a log can never turn into markup. */
public final class Markdown {

    private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_\\[\\]()#<>|~]");
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    /** Quoted log lines are cut here: an answer quotes, the log viewer shows the whole line. */
    static final int MAX_QUOTE = 240;

    private Markdown() {
    }

    /** Plain text with every character Markdown could read as markup escaped. */
    public static String text(String text) {
        return SPECIAL.matcher(text).replaceAll("\\\\$0");
    }

    /** A code span, fenced with more backticks than the text contains in a row, cut at {@link #MAX_QUOTE}. */
    public static String code(String text) {
        String quoted = text.length() > MAX_QUOTE ? text.substring(0, MAX_QUOTE - 1) + "…" : text;
        int longest = 0;
        Matcher run = BACKTICKS.matcher(quoted);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        String fence = "`".repeat(longest + 1);
        String pad = quoted.startsWith("`") || quoted.endsWith("`") ? " " : "";
        return fence + pad + quoted + pad + fence;
    }

    /** {@code [line 12](/jobs/backend/42#L12)}: the log viewer opens there and highlights it. */
    public static String line(JobId job, long line) {
        return "[line " + line + "](" + path(job) + "#L" + line + ")";
    }

    /** A link to a job's log viewer. */
    public static String job(JobId job) {
        return "[" + text(job.value()) + "](" + path(job) + ")";
    }

    private static String path(JobId job) {
        return "/jobs/" + job.value();
    }

    /** A fenced code block, its fence longer than any run of backticks in the lines. */
    public static String block(List<String> lines) {
        int longest = 2;
        for (String line : lines) {
            Matcher run = BACKTICKS.matcher(line);
            while (run.find()) {
                longest = Math.max(longest, run.group().length());
            }
        }
        String fence = "`".repeat(longest + 1);
        StringBuilder block = new StringBuilder(fence).append('\n');
        lines.forEach(line -> block.append(line.length() > MAX_QUOTE * 2 ? line.substring(0, MAX_QUOTE * 2) + "…" : line).append('\n'));
        return block.append(fence).toString();
    }
}
