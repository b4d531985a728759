package dev.tailboard.analyst;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failure line is about: the failed test's name or the file and line a diagnostic points at. Tools
 * name the same failure again further on (a test's details after the list of results, a build tool's
 * summary repeating the compiler), and the subject ties those lines together.
 */
final class Subject {

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("^--- FAIL: (\\S+)"),
            Pattern.compile("^(?:FAIL|ERROR): (.+)$"),
            Pattern.compile("^(\\S.*?) \\.\\.\\. ?(?:FAIL|FAILED|ERROR)$"),
            Pattern.compile("^(\\S.*?)\\s+\\[FAIL]$"),
            Pattern.compile("^(\\S+?)\\s+(?:-- )?Time elapsed.*<<<"),
            Pattern.compile("<<< (?:FAILURE|ERROR)!.*\\bin (\\S+)$"),
            Pattern.compile("^FAILED (\\S+)"),
            Pattern.compile("^(\\S.*?) FAILED(?: \\[[^\\]]*])?$"),
            Pattern.compile("^[●✕✗×✖✘]\\s+(.+?)(?: \\(\\d+(?:\\.\\d+)? ?m?s\\))?$"),
            Pattern.compile("^FAIL\\s+(\\S+)"),
            Pattern.compile("^_{3,} (?:ERROR collecting )?(.+?) _{3,}$"),
            Pattern.compile("^Failed (\\S+) \\["),
            Pattern.compile("^not ok \\d+ (?:- )?(.+)$"),
            Pattern.compile("([\\w./\\\\-]+\\.\\w+)(?::\\[?|\\()(\\d+)"));
    private static final Pattern TAGS = Pattern.compile("^(?:\\[\\w+]\\s*)+");
    private static final int SHORTEST = 6;

    private Subject() {
    }

    /** The subject of a failure line, or null when it names none. */
    static String of(String text) {
        String body = TAGS.matcher(text.strip()).replaceFirst("");
        for (Pattern shape : SHAPES) {
            Matcher matcher = shape.matcher(body);
            if (matcher.find()) {
                String subject = matcher.groupCount() == 2 ? matcher.group(1) + ":" + matcher.group(2) : matcher.group(1);
                return subject.strip();
            }
        }
        return null;
    }

    /**
     * Two subjects are about the same failure when one holds the other as a whole name (a test and its
     * class, a test in a file): {@code Test.method} holds {@code Test}, {@code test_a_multi} does not hold {@code test_a}.
     */
    static boolean related(String one, String other) {
        if (one == null || other == null) {
            return false;
        }
        String shorter = (one.length() <= other.length() ? one : other).toLowerCase(Locale.ROOT);
        String longer = (one.length() <= other.length() ? other : one).toLowerCase(Locale.ROOT);
        if (shorter.length() < SHORTEST) {
            return false;
        }
        for (int at = longer.indexOf(shorter); at >= 0; at = longer.indexOf(shorter, at + 1)) {
            int end = at + shorter.length();
            if ((at == 0 || !isNamePart(longer.charAt(at - 1))) && (end == longer.length() || !isNamePart(longer.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
