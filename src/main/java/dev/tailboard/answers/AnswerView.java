package dev.tailboard.answers;

import dev.tailboard.logs.Drain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * One viewer of one answer, opened at a cursor: the counterpart of a log view. It follows the text as the
 * engine appends it, only as fast as it is asked for; a viewer that is behind gets the missing text in one
 * delta. Consumed once.
 */
public final class AnswerView {

    /** The most text in one delta. */
    static final int MAX_DELTA = 16 * 1024;

    private final Answer answer;
    private final boolean reset;
    private int position;

    private AnswerView(Answer answer, int position, boolean reset) {
        this.answer = answer;
        this.position = position;
        this.reset = reset;
    }

    /**
     * A view from {@code offset}. An offset inside a surrogate pair means the character after it; one past
     * the end of the text cannot have been given out, so the view says reset and starts again at 0.
     */
    public static AnswerView open(Answer answer, long offset) {
        if (offset > answer.length()) {
            return new AnswerView(answer, 0, true);
        }
        return new AnswerView(answer, answer.snap((int) offset), false);
    }

    /** True when the answer has ended and this view has nothing left to deliver. */
    public boolean atEnd() {
        return !reset && answer.finish().isPresent() && position >= answer.length();
    }

    /** The rest of the answer as it is written: deltas, then its end. Honours demand. */
    public Flux<AnswerEvent> events() {
        return Flux.create(sink -> {
            if (reset) {
                sink.next(new AnswerEvent.Reset());
            }
            Follower follower = new Follower(sink);
            Runnable waker = follower.drain::wake;
            answer.addWaker(waker);
            sink.onDispose(() -> answer.removeWaker(waker));
            sink.onRequest(n -> follower.drain.wake());
        });
    }

    /** Delivers to one sink in place (reading the text never blocks), one drain at a time, only as much as was asked for. */
    private final class Follower {
        private final FluxSink<AnswerEvent> sink;
        private final Drain drain = new Drain(Runnable::run, this::deliver);
        private boolean done;

        Follower(FluxSink<AnswerEvent> sink) {
            this.sink = sink;
        }

        private void deliver() {
            while (!done && !sink.isCancelled() && sink.requestedFromDownstream() > 0) {
                Answer.Read read = answer.read(position, MAX_DELTA);
                if (!read.text().isEmpty()) {
                    position = read.end();
                    sink.next(new AnswerEvent.Delta(read.text(), position));
                } else if (read.finish() != null) {
                    done = true;
                    sink.next(new AnswerEvent.End(read.finish()));
                    sink.complete();
                } else {
                    return;
                }
            }
        }
    }
}
