package dev.tailboard.answers;

/** No answer can be started now: as many are kept as may be, and none has expired yet. */
public class TooManyAnswers extends RuntimeException {

    public TooManyAnswers(String message) {
        super(message, null, false, false);
    }
}
