package dev.tailboard.analyst;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores one line by what marks a real error across tools: compiler diagnostics, test failures, crashes,
 * package managers, build tools and CI annotations, each in the shapes those tools print. A level tag
 * ({@code [ERROR]}, {@code npm ERR!}, a BuildKit step number) is read off first and the rest scored.
 */
final class ErrorScore {

    private record Rule(Pattern pattern, ErrorKind kind) {
    }

    private static final Pattern LEVEL = Pattern.compile("^\\[(ERROR|FATAL|SEVERE|WARNING|WARN|INFO|DEBUG|TRACE)]:?\\s?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NPM = Pattern.compile("^npm (?:ERR!|error)\\s?");
    private static final Pattern NPM_FAILURE = Pattern.compile("^code \\S+|\\bERESOLVE\\b|^404 Not Found");
    private static final Pattern BUILDKIT = Pattern.compile("^#\\d+ (?:\\d+\\.\\d+ )?(ERROR\\b.*)$");
    private static final Pattern BOX = Pattern.compile("^[│|]\\s?");
    private static final Pattern BOILERPLATE = Pattern.compile(
            "^$|^-> \\[Help \\d+]|^\\[Help \\d+]|^To see the full stack trace|^Re-run Maven|^For more information about the errors"
                    + "|^After correcting the problems|^\\s*mvn <(?:args|goals)>|^Please refer to|^See (?:the )?(?:log|report)"
                    + "|^Picked up (?:JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS)");
    /** javac's diagnostics as Maven logs them, {@code [ERROR] /src/A.java:[3,7] cannot find symbol}: errors only with that level. */
    private static final Pattern MAVEN_DIAGNOSTIC = Pattern.compile("^\\S+\\.\\w+:\\[\\d+,\\d+] \\S");

    private static final List<Rule> RULES = List.of(
            // a Go test's own failure message, which may end in an exit status
            rule(ErrorKind.FAILURE, "^\\w+_test\\.go:\\d+: .*(?i:error|fail|unexpected|expected|got|want|mismatch)"),
            // tools' verdicts, which look like failures but only sum them up
            rule(ErrorKind.SUMMARY, "^BUILD FAIL(?:ED|URE)\\b|^FAILURE: Build failed|^Execution failed for task"
                    + "|^> Task \\S+ FAILED$|^Failed to execute goal|^COMPILATION ERROR\\b|^\\d+ errors?\\s*$|^FAILED?$"
                    + "|^FAILED \\(.*\\)$|^FAILURES!$|^(?:Tests?|Test Suites|Test Files):.*\\b[1-9]\\d* failed"
                    + "|^=+ .*\\b[1-9]\\d* (?:failed|errors?)\\b.* =+$|^\\d+ (?:failing|failed)\\b"
                    + "|^Tests run: \\d+, Failures: (?:[1-9]\\d*, Errors: \\d+|\\d+, Errors: [1-9]\\d*)(?!.*<<<)"
                    + "|^(?:error|ERROR):? (?:aborting due to|could not compile|Could not compile|build failed|Recipe )"
                    + "|failed to solve\\b|^error Command failed|returned a non-zero code|^Build FAILED\\.?$"
                    + "|^make(?:\\[\\d+])?: \\*\\*\\* |\\bld returned \\d+ exit status|^An error occurred when executing task"
                    + "|^Error: One or more errors occurred|\\bexited with (?:exit )?(?:code:? )?[1-9]\\d*"
                    + "|\\bexit (?:code|status):? [1-9]\\d*|^There (?:were|was) \\d+ (?:failures?|errors?)"
                    + "|^(?:Tests in error|Failed tests):|^(?:Failures|Errors):\\s*$|^Test failed\\.|^FAIL!"),
            // concrete failures: the first line of what broke
            rule(ErrorKind.FAILURE, "^::error\\b|^##\\[error]|<<< (?:FAILURE|ERROR)!|^--- FAIL: \\S|^(?:FAIL|ERROR): (?:\\w+ \\(|[\\w.]+$)|^FAIL\\s+\\S"
                    + "|\\.\\.\\. ?(?:FAIL|FAILED|ERROR)$|\\[FAIL]$|^[✕✗×✖✘]\\s|^● (?!Console)|^not ok \\d+"
                    + "|^_{3,} .+ _{3,}$|^FAILED \\S|^\\S.* FAILED(?: \\[[^\\]]*])?$|^Failed \\S+ \\[\\d|^\\d+\\) (?:Failure|Error):"
                    + "|^Failure/Error:|^panic: |^fatal error: |\\bpanicked at\\b|^Exception in thread "
                    + "|Segmentation fault|core dumped|\\bOOMKilled\\b|^(?:java\\.lang\\.)?OutOfMemoryError|heap out of memory|^Killed$|^Unhandled exception|^Uncaught \\w"
                    + "|^[^\\s:]+?(?::\\d+){1,2}:? (?:fatal error|error)\\b|^[^\\s(]+\\(\\d+(?:,\\d+)*\\): (?:fatal )?error\\b"
                    + "|^\\S+:\\d+:\\d+ - error\\b|^\\S+\\.go:\\d+:\\d+: \\S|No space left on device"
                    + "|^\\S+:\\d+:\\d+: [A-Z]{1,3}\\d{2,4}\\b|^\\d+:\\d+\\s+error\\s|^error\\[[A-Z]?\\d+]|^e: \\S"
                    + "|^(?:[\\w.+/-]+: )?(?:fatal )?error [A-Z]+\\d+:|undefined reference to|\\bERESOLVE\\b"
                    + "|^Could not resolve (?:all (?:dependencies|files|artifacts)|dependencies for project)"
                    + "|Could not (?:find|transfer) artifact|Non-resolvable (?:parent|import)|Failed to collect dependencies"
                    + "|version solving failed|No matching version found|ResolutionImpossible"
                    + "|Could not find a version that satisfies|No matching distribution found"),
            // errors that builds also print and survive
            rule(ErrorKind.ERROR, "^ERROR\\b|^Error(?::|\\s+response from daemon)|^(?:[\\w.+/-]+: )?(?:fatal )?error: \\S"
                    + "|^fatal: |^E: |^FATAL\\b|^error \\S|^(?:[a-zA-Z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Error|Exception)(?::\\s*\\S.*)?$"
                    + "|\\bcommand not found\\b|No such file or directory|Permission denied|Connection refused"));


    private static final Pattern EXPLAINS = Pattern.compile("(?i)expected\\b.*\\bbut (?:was|got|found|received)|^(?:Expected|Received|Actual|Difference"
            + "|expected|actual|got|want)\\b[^:]{0,24}:|expect\\(.*\\)\\.\\w+\\(|Assert\\.\\w+\\(\\) Failure|^assert\\b"
            + "|AssertionError|[Aa]ssertion failed|^E\\s{2,}\\S|^(?:symbol|location|required|found|reason)\\s*:\\s"
            + "|^--> \\S+:\\d+|^::: \\S|did you mean|^(?:= )?help: |^note: |^(?:Found|While resolving): "
            + "|^Could not resolve dependency|^Conflicting peer dependency|^peer \\S+ from |^Caused by:"
            + "|No module named|[Cc]annot find module|ModuleNotFoundError|has wrong version|bad class file"
            + "|nil pointer|index out of range|is not defined|undefined: |does not exist|unknown type name|not found"
            + "|^In file included from|^from \\S+:\\d+[,:]$");

    /** Words without which a line can be neither a failure, an error, nor a summary: a cheap first look. */
    private static final List<String> TRIGGERS = List.of("err", "fail", "fatal", "panic", "exception", "___", "killed",
            "segmentation", "core dumped", "out of memory", "outofmemory", "uncaught", "unhandled", "could not", "no such file",
            "permission denied", "connection refused", "command not found", "exit code", "exit status", "exited with", "non-zero",
            "undefined reference", "non-resolvable", "no matching", "no space left");
    /** The triggers by their first letter, so that a line is read once, whatever the number of triggers. */
    private static final String[][] TRIGGERS_BY_FIRST = byFirstLetter();
    private static final String TRIGGER_SIGNS = "✕✗×✖✘●";
    /** A place in a file as compilers and linters write it: {@code a.c:3:7: }, {@code A.java:[3,7] }, {@code A.cs(3,7): }. */
    private static final Pattern DIAGNOSTIC_SHAPE = Pattern.compile("\\S:\\d+(?::\\d+)?: |\\.\\w+:\\[\\d+,\\d+] |\\.\\w+\\(\\d+(?:,\\d+)*\\): ");
    private static final Pattern MESSAGE_PREFIX = Pattern.compile(
            "^(?:\\[\\w+]:?\\s*|npm (?:err!|error)\\s*|#\\d+\\s+|error response from daemon:\\s*|(?:fatal )?error(?:\\[\\w+])?:?\\s+"
                    + "|fatal:\\s*|e:\\s+|[-=>|│\\s]+)+");

    private ErrorScore() {
    }

    private static Rule rule(ErrorKind kind, String regex) {
        return new Rule(Pattern.compile(regex), kind);
    }

    /** The kind of a line as {@link LineText} gives it: never {@link ErrorKind#DETAIL} but for the body of a tagged line. */
    static ErrorKind of(String text) {
        String body = text.strip();
        if (body.isEmpty()) {
            return ErrorKind.NONE;
        }
        Matcher level = LEVEL.matcher(body);
        if (body.charAt(0) == '[' && level.find()) {
            String tag = level.group(1).toUpperCase(Locale.ROOT);
            String rest = body.substring(level.end()).strip();
            ErrorKind kind = of(rest);
            if (!tag.equals("ERROR") && !tag.equals("FATAL") && !tag.equals("SEVERE")) {
                return kind.candidate() ? ErrorKind.NONE : kind;
            }
            if (kind != ErrorKind.NONE) {
                return kind;
            }
            if (MAVEN_DIAGNOSTIC.matcher(rest).find()) {
                return ErrorKind.FAILURE;
            }
            return explains(rest) ? ErrorKind.DETAIL : BOILERPLATE.matcher(rest).find() ? ErrorKind.NONE : ErrorKind.ERROR;
        }
        Matcher npm = NPM.matcher(body);
        if (body.startsWith("npm ") && npm.find()) {
            String rest = body.substring(npm.end()).strip();
            return NPM_FAILURE.matcher(rest).find() ? ErrorKind.FAILURE : rest.isEmpty() ? ErrorKind.NONE : ErrorKind.DETAIL;
        }
        if (body.charAt(0) == '#' && BUILDKIT.matcher(body).matches()) {
            return ErrorKind.FAILURE;
        }
        if (body.charAt(0) == '│' || body.charAt(0) == '|') {
            body = BOX.matcher(body).replaceFirst("");
        }
        if (!mayBeError(body)) {
            return ErrorKind.NONE;
        }
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(body).find()) {
                return rule.kind();
            }
        }
        return ErrorKind.NONE;
    }

    /**
     * A tool's verdict that also says why: {@code Failed to execute goal … on project app: Could not resolve …};
     * not one that only points at the errors above it ({@code Compilation failure}, {@code There are test failures}).
     */
    private static final Pattern REASON = Pattern.compile(
            "(?:on project \\S+?|failed to solve): (?!Compilation failure|There (?:are|were) (?:test )?failures|There are failing tests)\\S");

    /** A summary line that gives the reason, for when no error line above it does. */
    static boolean givesReason(String text) {
        return REASON.matcher(text).find();
    }

    /** Lines a tool prints around its errors that say nothing about them ({@code [ERROR] -> [Help 1]}). */
    static boolean boilerplate(String text) {
        String body = text.strip();
        Matcher level = LEVEL.matcher(body);
        return body.startsWith("[ERROR]") && level.find() && BOILERPLATE.matcher(body.substring(level.end()).strip()).find();
    }

    /** True for a line that explains an error next to it: an assertion, a missing symbol, conflicting versions. */
    static boolean explains(String text) {
        String body = NPM.matcher(LEVEL.matcher(text.strip()).replaceFirst("")).replaceFirst("").strip();
        return EXPLAINS.matcher(body).find();
    }

    /** True unless the line holds none of the words every error rule needs. */
    private static boolean mayBeError(String body) {
        for (int i = 0; i + 1 < body.length(); i++) {
            char c = Character.toLowerCase(body.charAt(i));
            if (c >= TRIGGERS_BY_FIRST.length) {
                if (TRIGGER_SIGNS.indexOf(c) >= 0) {
                    return true;
                }
                continue;
            }
            char next = Character.toLowerCase(body.charAt(i + 1));
            for (String trigger : TRIGGERS_BY_FIRST[c]) {
                if (trigger.charAt(1) == next && body.regionMatches(true, i, trigger, 0, trigger.length())) {
                    return true;
                }
            }
        }
        return body.startsWith("e: ") || body.startsWith("not ok")
                || (digitAfter(body, ':') || digitAfter(body, '(')) && DIAGNOSTIC_SHAPE.matcher(body).find();
    }

    /** Whether {@code mark} is followed by a digit somewhere in the line: a place in a file may be there. */
    private static boolean digitAfter(String body, char mark) {
        for (int at = body.indexOf(mark); at >= 0 && at + 1 < body.length(); at = body.indexOf(mark, at + 1)) {
            if (Character.isDigit(body.charAt(at + 1)) || body.charAt(at + 1) == '[') {
                return true;
            }
        }
        return false;
    }

    private static String[][] byFirstLetter() {
        String[][] byFirst = new String[128][];
        for (char c = 0; c < byFirst.length; c++) {
            char first = c;
            byFirst[c] = TRIGGERS.stream().filter(trigger -> trigger.charAt(0) == first).toArray(String[]::new);
        }
        return byFirst;
    }

    /** The words of an error without the tags around them, lower case: two lines saying the same compare equal. */
    static String message(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        String bare = MESSAGE_PREFIX.matcher(lower).replaceFirst("");
        return bare.replaceAll("\\s+", " ").replaceAll("[.:;!\\s]+$", "");
    }
}
