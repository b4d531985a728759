package dev.tailboard.answers;

/** What a follower of an answer is told, in order; every transport maps these to its own wire format. */
public sealed interface AnswerEvent {

    /** More text; {@code end} is the cursor just past it (UTF-16 code units from the start). */
    record Delta(String text, int end) implements AnswerEvent {
    }

    /** The cursor was past the end of the answer: the text starts again at 0. */
    record Reset() implements AnswerEvent {
    }

    /** The answer is complete and every character was delivered; nothing follows. */
    record End(FinishReason reason) implements AnswerEvent {
    }
}
