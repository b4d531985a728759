package dev.tailboard.analyst;


import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the cause of a failure in a sentence a developer can act on: which test failed and why, which file
 * and line the compiler rejected, that the program crashed, that dependencies could not be resolved, which
 * Docker build step failed. Markdown, log text always in code spans.
 */
final class CauseWords {

    private static final Pattern DIAGNOSTIC = Pattern.compile("^(?:\\[\\w+]\\s*)?(?:\\./)?(\\S+?\\.\\w+)"
            + "(?::\\[(\\d+),\\d+]|:(\\d+)(?::\\d+)?:|\\((\\d+)(?:,\\d+)*\\):)\\s*(?:(?:fatal )?error(?: [A-Z]+\\d+)?:?\\s*)?(.*)$");
    private static final Pattern PLACE = Pattern.compile("([\\w.-]+\\.\\w+)(?::|\\(|\", line )(\\d+)");
    private static final Pattern POINTER = Pattern.compile("^\\s*--> (\\S+:\\d+)");
    private static final Pattern EXCEPTION = Pattern.compile(
            "^(?:[\\w$]+\\.)*[A-Z][\\w$]*(?:Error|Exception)\\b|^panic: |Assert\\.\\w+\\(\\) Failure|^E\\s+\\w+(?:Error|Exception)");
    private static final Pattern COMPILER = Pattern.compile("^error(?:\\[\\w+])?: ");
    private static final Pattern CRASH = Pattern.compile("^panic: |^fatal error: |panicked at|^Exception in thread |Segmentation fault"
            + "|core dumped|OutOfMemoryError|OOMKilled|^Killed$|^Unhandled exception|^Uncaught ");
    private static final Pattern DEPENDENCIES = Pattern.compile("^npm (?:ERR!|error) code|ERESOLVE|Could not resolve|Could not find artifact"
            + "|Could not transfer artifact|Non-resolvable|Failed to collect dependencies|version solving failed"
            + "|No matching (?:version|distribution)|ResolutionImpossible|Could not find a version");
    private static final Pattern BUILDKIT_STEP = Pattern.compile("^#\\d+ \\[[^\\]]+] (.+)$");
    private static final Pattern FILE_LIKE = Pattern.compile("[/\\\\]|\\.(?:js|jsx|ts|tsx|mjs|cjs|py|rb|go|java|kt|cs|php|rs)$");

    private CauseWords() {
    }

    static String of(FailureCause cause) {
        String text = cause.line().text().strip();
        if (!cause.recognised()) {
            return "the failing step stopped right after printing " + Markdown.code(text);
        }
        Matcher diagnostic = DIAGNOSTIC.matcher(text);
        if (diagnostic.matches() && !diagnostic.group(5).isBlank()) {
            String line = firstNonNull(diagnostic.group(2), diagnostic.group(3), diagnostic.group(4));
            return "the build rejected " + Markdown.code(fileName(diagnostic.group(1))) + " at line " + line + ": "
                    + Markdown.code(diagnostic.group(5).strip()) + reason(cause);
        }
        if (COMPILER.matcher(text).find()) {
            return "the compiler reports " + Markdown.code(text) + place(cause);
        }
        if (CRASH.matcher(text).find()) {
            return "the program crashed: " + Markdown.code(text) + place(cause);
        }
        if (DEPENDENCIES.matcher(text).find()) {
            return "installing the dependencies failed: " + Markdown.code(text) + reason(cause);
        }
        Matcher buildkit = cause.subStep() == null ? null : BUILDKIT_STEP.matcher(cause.subStep().text().strip());
        if (buildkit != null && buildkit.matches()) {
            return "the Docker build step " + Markdown.code(buildkit.group(1)) + " failed: " + Markdown.code(text);
        }
        if (cause.subject() != null) {
            String what = FILE_LIKE.matcher(cause.subject()).find() ? "tests in " : "test ";
            return "the " + what + Markdown.code(cause.subject()) + " failed" + reason(cause) + place(cause);
        }
        return "the first error is " + Markdown.code(text);
    }

    /** ", with `the exception`", else the first line that explains the error, if one does. */
    private static String reason(FailureCause cause) {
        List<Quote> after = cause.explanation().stream().filter(line -> line.line() > cause.line().line()).toList();
        Optional<Quote> exception = after.stream().filter(line -> EXCEPTION.matcher(line.text().strip()).find()).findFirst();
        Optional<Quote> reason = exception.or(() -> after.stream()
                .filter(line -> ErrorScore.explains(line.text()) && !StackFrames.isFrame(line.text())).findFirst());
        return reason.map(line -> ", with " + Markdown.code(line.text().strip())).orElse("");
    }

    /** ", at `File.java:84`": the first frame in the project's own code, or where a compiler points. */
    private static String place(FailureCause cause) {
        for (Quote line : cause.explanation()) {
            Matcher pointer = POINTER.matcher(line.text());
            if (pointer.find()) {
                return ", at " + Markdown.code(pointer.group(1));
            }
            Matcher place = PLACE.matcher(line.text());
            if (StackFrames.isOwn(line.text()) && place.find()) {
                return ", raised at " + Markdown.code(place.group(1) + ":" + place.group(2));
            }
        }
        return "";
    }

    private static String fileName(String path) {
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return "";
    }
}
