package dev.tailboard.analyst;

import java.util.ArrayList;
import java.util.List;

/**
 * An error line the finder keeps, with the lines around it, the step it is in, and why it may not be what
 * failed the job: the script went on after it, its command ignores failures, or the last successful run
 * printed it too.
 */
final class Candidate {

    /** Lines read after the error for its explanation. */
    static final int WINDOW = 30;
    /** Non-blank lines after an error in which a script may say it goes on. */
    private static final int SURVIVAL_LINES = 2;

    final Quote quote;
    final ErrorKind kind;
    final BuildStep step;
    final List<Quote> before;
    final Quote subStep;
    final String subject;
    final String message;
    final boolean ignored;
    final boolean known;
    final List<Quote> after = new ArrayList<>();
    private boolean survived;
    private int watched;

    Candidate(Quote quote, ErrorKind kind, BuildStep step, List<Quote> before, Quote subStep, boolean ignored, boolean known) {
        this.quote = quote;
        this.kind = kind;
        this.step = step;
        this.before = List.copyOf(before);
        this.subStep = subStep;
        this.subject = Subject.of(quote.text());
        this.message = ErrorScore.message(quote.text());
        this.ignored = ignored;
        this.known = known;
    }

    long line() {
        return quote.line();
    }

    /** Takes the next line of the log; false once the window is full. */
    boolean follow(Quote line, boolean wentOn) {
        if (!line.text().isBlank() && watched < SURVIVAL_LINES) {
            watched++;
            survived |= wentOn;
        }
        after.add(line);
        return after.size() < WINDOW;
    }

    /** Could this line be what failed the job? */
    boolean eligible() {
        return !survived && !ignored && !known;
    }

    /** Another line about the same error: the same failed test or place in the code, or the same words. */
    boolean sameError(Quote other) {
        if (Subject.related(subject, Subject.of(other.text()))) {
            return true;
        }
        String words = ErrorScore.message(other.text());
        String shorter = words.length() <= message.length() ? words : message;
        return shorter.length() >= 20 && (message.contains(words) || words.contains(message));
    }
}
