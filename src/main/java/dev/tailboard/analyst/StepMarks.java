package dev.tailboard.analyst;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@link StepMark}s CI runners write, in the shapes each runner writes them. */
final class StepMarks {

    private static final Pattern GITHUB_RUN = Pattern.compile("^##\\[group]Run (.+)$");
    private static final Pattern GITHUB_POST = Pattern.compile("^Post job cleanup\\.$|^##\\[group]Post (.+)$");
    private static final Pattern GITLAB_START = Pattern.compile("section_start:\\d+:([A-Za-z0-9_.-]+)");
    private static final Pattern GITLAB_END = Pattern.compile("section_end:\\d+:[A-Za-z0-9_.-]+");
    private static final Pattern COMMAND = Pattern.compile("^(?:\\[[^\\]]+] )?\\$ (\\S.*)$");
    private static final Pattern JENKINS_STAGE = Pattern.compile("^\\[Pipeline] \\{ \\((.+)\\)$");
    private static final Pattern TRAVIS_EXIT = Pattern.compile("^(?:The command \".*|\")(?: failed and)? exited with (\\d{1,9})\\.?$");
    /** How runners that stop at a failed step say it exited; group 1 is the exit code. */
    private static final List<Pattern> STOPPING_EXITS = List.of(
            Pattern.compile("^(?:##\\[error]|Error: )?Process completed with exit code (\\d{1,9})\\.?$"),
            Pattern.compile("^##\\[error].*\\bfailed with exit code (\\d{1,9})\\.?$"),
            Pattern.compile("^ERROR: script returned exit code (\\d{1,9})$"),
            Pattern.compile("^Failed: .* exited with code:? (\\d{1,9})$"));
    private static final Pattern MARKED_FAILED = Pattern.compile("^Build step '.+' marked build as failure$");
    private static final Pattern JOB_FAILED = Pattern.compile("^ERROR: Job failed\\b|^Done\\. Your build exited with [1-9]|^Finished: (?:FAILURE|UNSTABLE|ABORTED)$");
    /** How every mark but GitLab's starts: a cheap first look. */
    private static final List<String> MARK_STARTS = List.of("##[", "$ ", "\"", "[Pipeline] {", "Post job", "Process completed",
            "The command", "Error: Process", "ERROR: ", "Failed: ", "Finished: ", "Build step", "Done. Your build");
    /** What tools print as they start a part of their work: what was running when an error came. */
    private static final Pattern HEADER = Pattern.compile(String.join("|",
            "^#\\d+ \\[[^\\]]+] \\S",
            "^(?:\\[INFO] )?--- \\S+ \\(.*\\) @ \\S+ ---$",
            "^> Task :\\S+",
            "^(?:\\[INFO] )?Running [\\w$.]+$",
            "^##\\[group]",
            "^::group::",
            "^Step \\d+/\\d+ : "));
    private static final String HEADER_STARTS = "#[->R:S";
    /** A command that says its failure does not count. */
    private static final Pattern IGNORES_FAILURE = Pattern.compile(
            "\\|\\|\\s*(?:true|:|exit 0|echo\\b)|--fail-never|(?:^|\\s)-fn(?:\\s|$)|continue-on-error|allow_failure|;\\s*true\\s*$|set \\+e");

    /** The mark a line carries, or null. {@code raw} is the line as written, where GitLab hides its markers. */
    static StepMark of(String text, String raw) {
        if (!raw.contains("section_") && !mayMark(text)) {
            return null;
        }
        Matcher matcher;
        if (raw.contains("section_")) {
            if ((matcher = GITLAB_START.matcher(raw)).find()) {
                return new StepMark.Start(matcher.group(1), false);
            }
            if (GITLAB_END.matcher(raw).find()) {
                return new StepMark.End();
            }
        }
        if ((matcher = GITHUB_RUN.matcher(text)).matches()) {
            return new StepMark.Start(matcher.group(1).strip(), true);
        }
        if ((matcher = COMMAND.matcher(text)).matches()) {
            return new StepMark.Start(matcher.group(1).strip(), true);
        }
        if ((matcher = GITHUB_POST.matcher(text)).matches()) {
            return new StepMark.Start(matcher.group(1) != null ? matcher.group(1) : text, false);
        }
        if ((matcher = JENKINS_STAGE.matcher(text)).matches()) {
            return new StepMark.Start(matcher.group(1), false);
        }
        if ((matcher = TRAVIS_EXIT.matcher(text)).matches()) {
            return new StepMark.Exit(Integer.parseInt(matcher.group(1)), false);
        }
        for (Pattern exit : STOPPING_EXITS) {
            if ((matcher = exit.matcher(text)).matches()) {
                return new StepMark.Exit(Integer.parseInt(matcher.group(1)), true);
            }
        }
        if (MARKED_FAILED.matcher(text).matches()) {
            return new StepMark.Exit(1, true);
        }
        return JOB_FAILED.matcher(text).find() ? new StepMark.JobFailed() : null;
    }

    private static boolean mayMark(String text) {
        for (String start : MARK_STARTS) {
            if (text.startsWith(start)) {
                return true;
            }
        }
        return text.startsWith("[") && text.contains("] $ ");
    }

    /** A line that starts a part of a tool's work: a BuildKit step, a Maven goal, a Gradle task, a traced command. */
    static boolean heads(String text) {
        boolean tagged = text.startsWith("[");
        return !text.isEmpty() && HEADER_STARTS.indexOf(text.charAt(0)) >= 0
                && (!tagged || text.startsWith("[INFO] Running ") || text.startsWith("[INFO] --- ")) && HEADER.matcher(text).find();
    }

    /** A command a shell traces before running it ({@code set -x}): {@code + mvn test}. */
    static boolean traces(String text) {
        return text.startsWith("+ ") && text.length() > 2 && !Character.isWhitespace(text.charAt(2));
    }

    static boolean ignoresFailure(String command) {
        return IGNORES_FAILURE.matcher(command).find();
    }

    private StepMarks() {
    }
}
