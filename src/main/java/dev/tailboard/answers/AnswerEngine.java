package dev.tailboard.answers;

/** Writes answers: {@code builtin} reads the logs itself, {@code openai} relays a model's stream. */
public interface AnswerEngine {

    /**
     * Starts writing the answer to {@code answer.question()} and returns at once. The engine appends to the
     * answer and ends it, stops when {@link Answer#append} says the answer has ended, and registers with
     * {@link Answer#onAbort} whatever stops it at once.
     */
    void start(Answer answer);
}
