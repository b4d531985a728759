package dev.tailboard.analyst;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The few lines that explain an error: the assertion, the missing symbol, the conflicting versions, the
 * exception (what {@link ErrorScore#explains} recognises), the first stack frame in the project's own code,
 * and the lines that continue the error line. Read from the lines after it, up to the next error of
 * another failure, and from the details a tool prints later about the same failure.
 */
final class Explanation {

    static final int MAX_LINES = 5;
    private static final int MAX_REASONS = 4;
    private static final int CONTINUATION = 2;
    private static final Pattern NOISE = Pattern.compile("^\\s*[-=_~*#|^+.:>\\s]*$|^\\s*\\d+\\s*\\|\\s*$");
    private static final Pattern BARE_EXCEPTION = Pattern.compile("^[\\w.$]+(?:Error|Exception):?$|^Traceback \\(");
    private static final Pattern PYTHON_FRAME = Pattern.compile("^\\s*File \"");
    /** Continuation lines with fewer characters than this say nothing ({@code npm error 404}). */
    private static final int SHORTEST_CONTINUATION = 4;
    private static final Pattern TAG = Pattern.compile("^(\\[\\w+]|npm (?:ERR!|error)|##\\[error])");

    private final Candidate error;
    private final List<Quote> reasons = new ArrayList<>();
    private final List<Quote> continuations = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private Quote frame;

    private Explanation(Candidate error) {
        this.error = error;
        seen.add(error.message);
    }

    /** The lines explaining {@code error}, in log order; {@code details} are later lines about the same failure. */
    static List<Quote> of(Candidate error, List<Candidate> details) {
        Explanation explanation = new Explanation(error);
        error.before.stream().filter(line -> ErrorScore.explains(line.text())).forEach(explanation::reason);
        explanation.read(error, true);
        details.forEach(detail -> explanation.read(detail, false));
        return explanation.chosen();
    }

    private void read(Candidate from, boolean own) {
        int indent = LineText.indent(from.quote.text());
        String focus = from.subject;
        for (int i = 0; i < from.after.size(); i++) {
            Quote line = from.after.get(i);
            String text = line.text();
            if (text.isBlank() || NOISE.matcher(text).matches()) {
                continue;
            }
            ErrorKind kind = ErrorScore.of(text);
            boolean deeper = LineText.indent(text) > indent;
            String subject = kind == ErrorKind.FAILURE ? Subject.of(text) : null;
            if (kind == ErrorKind.FAILURE && !deeper && endsExplanation(from, focus, subject, text)) {
                return;
            }
            if (Subject.related(subject, focus) && subject.length() > focus.length()) {
                focus = subject;
            }
            if (ErrorScore.explains(text) || kind == ErrorKind.ERROR) {
                reason(line);
            } else if (StackFrames.isOwn(text)) {
                // Python prints the innermost call last, the other languages first
                if (frame == null || PYTHON_FRAME.matcher(text).find()) {
                    frame = line;
                }
            } else if (own && i < CONTINUATION && !StackFrames.isFrame(text) && (deeper || sameTag(text))
                    && ErrorScore.message(text).length() >= SHORTEST_CONTINUATION) {
                continuations.add(line);
            }
        }
    }

    /**
     * A failure line of another test or place than the one in focus (the error's own, or the more precise
     * one a line after it named), or the same error again: the explanation of this one ended.
     */
    private static boolean endsExplanation(Candidate from, String focus, String subject, String text) {
        boolean other = subject != null && !Subject.related(subject, focus);
        return other || ErrorScore.message(text).equals(from.message);
    }

    private boolean sameTag(String text) {
        var mine = TAG.matcher(error.quote.text().strip());
        var theirs = TAG.matcher(text.strip());
        return mine.find() && theirs.find() && mine.group(1).equals(theirs.group(1));
    }

    private void reason(Quote line) {
        if (!BARE_EXCEPTION.matcher(line.text().strip()).matches()) {
            reasons.add(line);
        }
    }

    private List<Quote> chosen() {
        List<Quote> chosen = new ArrayList<>();
        add(chosen, reasons, MAX_REASONS);
        if (frame != null) {
            add(chosen, List.of(frame), 1);
        }
        add(chosen, continuations, MAX_LINES - chosen.size());
        chosen.sort(Comparator.comparingLong(Quote::line));
        return chosen;
    }

    private void add(List<Quote> chosen, List<Quote> lines, int most) {
        int added = 0;
        for (Quote line : lines) {
            if (added >= most || chosen.size() >= MAX_LINES) {
                return;
            }
            if (seen.add(ErrorScore.message(line.text()))) {
                chosen.add(line);
                added++;
            }
        }
    }
}
