package dev.tailboard.answers;

/** What a follower of an answer is told, in order; every transport maps these to its own wire format. */
public sealed interface AnswerEvent {

    /** How one wire format writes each kind of event: a format that leaves one out does not compile. */
    interface Format<T> {
        T delta(String text, int end);

        T reset();

        T end(FinishReason reason);
    }

    /** This event in {@code format}. */
    <T> T in(Format<T> format);

    /** More text; {@code end} is the cursor just past it (UTF-16 code units from the start). */
    record Delta(String text, int end) implements AnswerEvent {
        @Override
        public <T> T in(Format<T> format) {
            return format.delta(text, end);
        }
    }

    /** The cursor was past the end of the answer: the text starts again at 0. */
    record Reset() implements AnswerEvent {
        @Override
        public <T> T in(Format<T> format) {
            return format.reset();
        }
    }

    /** The answer is complete and every character was delivered; nothing follows. */
    record End(FinishReason reason) implements AnswerEvent {
        @Override
        public <T> T in(Format<T> format) {
            return format.end(reason);
        }
    }
}
