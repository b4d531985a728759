package dev.tailboard.answers;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An answer as it is being written: an append-only text that its engine extends and that viewers follow
 * with their own cursors (offsets in UTF-16 code units), like a log. The text never ends inside a
 * surrogate pair, so no cursor ever splits one. Thread-safe; viewers are woken outside the lock.
 */
public final class Answer {

    private final String id;
    private final Question question;
    private final int maxLength;
    private final Set<Runnable> wakers = ConcurrentHashMap.newKeySet();
    private final StringBuilder text = new StringBuilder();
    /** A high surrogate that ended the last piece, held back until its pair arrives. */
    private char heldBack;
    private int pieces;
    private FinishReason finish;
    private Instant endedAt;
    private String error;
    private Runnable abort = () -> { };

    /** What a cursor read: the text from its offset up to {@code end}, and the finish once all is read. */
    public record Read(String text, int end, @Nullable FinishReason finish) {
    }

    Answer(String id, Question question, int maxLength) {
        this.id = id;
        this.question = question;
        this.maxLength = maxLength;
    }

    public String id() {
        return id;
    }

    public Question question() {
        return question;
    }

    /**
     * Appends a piece of the answer. False once the answer has ended (it was cancelled, or reached its
     * size limit): the engine should stop then.
     */
    public boolean append(String piece) {
        boolean tooLong;
        synchronized (this) {
            if (finish != null) {
                return false;
            }
            StringBuilder added = new StringBuilder(piece.length() + 1);
            if (heldBack != 0) {
                added.append(heldBack);
                heldBack = 0;
            }
            added.append(piece);
            if (added.length() > 0 && Character.isHighSurrogate(added.charAt(added.length() - 1))) {
                heldBack = added.charAt(added.length() - 1);
                added.setLength(added.length() - 1);
            }
            int room = maxLength - text.length();
            tooLong = added.length() > room;
            text.append(added, 0, tooLong ? boundary(added, Math.max(0, room)) : added.length());
            pieces++;
        }
        if (tooLong) {
            fail("the answer was cut off at its limit of " + maxLength + " characters");
            return false;
        }
        wakeAll();
        return true;
    }

    /** Ends the answer; only the first end counts. */
    public void end(FinishReason reason) {
        synchronized (this) {
            if (finish != null) {
                return;
            }
            finishWith(reason);
        }
        wakeAll();
    }

    /** Ends the answer with an error, telling the reader why in the text itself, and stops the engine. */
    public void fail(String message) {
        synchronized (this) {
            if (finish != null) {
                return;
            }
            error = message;
            flushHeldBack();
            text.append(text.length() == 0 ? "" : "\n\n").append("**Error:** ").append(message);
            finishWith(FinishReason.ERROR);
        }
        wakeAll();
        abort();
    }

    private void finishWith(FinishReason reason) {
        flushHeldBack();
        finish = reason;
        endedAt = Instant.now();
    }

    /** A high surrogate whose pair never came is not a character: it becomes U+FFFD. */
    private void flushHeldBack() {
        if (heldBack != 0) {
            text.append('\uFFFD');
            heldBack = 0;
        }
    }

    /** Stops the generation: the answer ends as cancelled and the engine is told to abort. */
    public void cancel() {
        end(FinishReason.CANCELLED);
        abort();
    }

    /** What the engine does to stop at once when the answer is cancelled (or was cancelled already). */
    public void onAbort(Runnable action) {
        boolean ended;
        synchronized (this) {
            abort = action;
            ended = finish != null;
        }
        if (ended) {
            action.run();
        }
    }

    private void abort() {
        Runnable action;
        synchronized (this) {
            action = abort;
            abort = () -> { };
        }
        action.run();
    }

    /** The text from {@code from} on, at most about {@code max} code units (never half a surrogate pair). */
    public synchronized Read read(int from, int max) {
        if (from >= text.length()) {
            return new Read("", from, finish);
        }
        int end = boundary(text, Math.min(text.length(), from + max));
        if (end <= from) {
            end = from + 2;
        }
        return new Read(text.substring(from, end), end, null);
    }

    /** {@code offset}, moved past the low half when it points inside a surrogate pair. */
    synchronized int snap(int offset) {
        boolean inPair = offset > 0 && offset < text.length() && Character.isHighSurrogate(text.charAt(offset - 1));
        return inPair ? offset + 1 : offset;
    }

    public synchronized int length() {
        return text.length();
    }

    public synchronized String text() {
        return text.toString();
    }

    public synchronized Optional<FinishReason> finish() {
        return Optional.ofNullable(finish);
    }

    /** The error message when the answer ended with {@link FinishReason#ERROR}. */
    public synchronized Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** When the answer ended, if it has. */
    public synchronized Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /** How many pieces the engine appended: its tokens, roughly. */
    public synchronized int pieces() {
        return pieces;
    }

    void addWaker(Runnable waker) {
        wakers.add(waker);
    }

    void removeWaker(Runnable waker) {
        wakers.remove(waker);
    }

    private void wakeAll() {
        wakers.forEach(Runnable::run);
    }

    /** {@code index}, moved back by one when it would split a surrogate pair of {@code text}. */
    private static int boundary(CharSequence text, int index) {
        boolean splitsPair = index > 0 && index < text.length() && Character.isHighSurrogate(text.charAt(index - 1));
        return splitsPair ? index - 1 : index;
    }
}
