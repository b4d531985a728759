package dev.tailboard.answers;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An answer's text and its cursors: UTF-16 offsets that never split a surrogate pair, demand honoured. */
class AnswerTest {

    private static final String GRIN = "\uD83D\uDE00";

    private static Answer answer(int maxLength) {
        return new Answer("a1", Question.of("why?", null), maxLength);
    }

    @Test
    void aPieceEndingInHalfAPairWaitsForItsOtherHalf() {
        Answer answer = answer(100);
        answer.append("a\uD83D");
        assertEquals(1, answer.length(), "the high surrogate is held back");
        answer.append("\uDE00b");
        assertEquals("a" + GRIN + "b", answer.text());
        assertEquals(4, answer.length());
    }

    @Test
    void aLonePairHalfAtTheEndBecomesAReplacementCharacter() {
        Answer answer = answer(100);
        answer.append("x\uD83D");
        answer.end(FinishReason.STOP);
        assertEquals("x\uFFFD", answer.text());
    }

    @Test
    void readsNeverSplitAPair() {
        Answer answer = answer(100);
        answer.append("a" + GRIN + "b");
        assertEquals(new Answer.Read("a", 1, null), answer.read(0, 2));
        assertEquals(new Answer.Read(GRIN, 3, null), answer.read(1, 1));
        assertEquals(new Answer.Read(GRIN + "b", 4, null), answer.read(1, 10));
        assertEquals(new Answer.Read("", 4, null), answer.read(4, 10));
        answer.end(FinishReason.STOP);
        assertEquals(new Answer.Read("", 4, FinishReason.STOP), answer.read(4, 10));
    }

    @Test
    void aCursorInsideAPairMeansTheCharacterAfterIt() {
        Answer answer = answer(100);
        answer.append("a" + GRIN + "b");
        answer.end(FinishReason.STOP);
        List<AnswerEvent> events = AnswerView.open(answer, 2).events().collectList().block();
        assertEquals(List.of(new AnswerEvent.Delta("b", 4), new AnswerEvent.End(FinishReason.STOP)), events);
    }

    @Test
    void aCursorPastTheEndStartsAgainWithAReset() {
        Answer answer = answer(100);
        answer.append("abc");
        answer.end(FinishReason.STOP);
        AnswerView view = AnswerView.open(answer, 99);
        assertFalse(view.atEnd());
        List<AnswerEvent> events = view.events().collectList().block();
        assertEquals(List.of(new AnswerEvent.Reset(), new AnswerEvent.Delta("abc", 3), new AnswerEvent.End(FinishReason.STOP)), events);
        assertTrue(AnswerView.open(answer, 3).atEnd());
    }

    @Test
    void anAnswerOverItsLimitIsCutOffWithAnError() {
        Answer answer = answer(5);
        AtomicInteger aborted = new AtomicInteger();
        answer.onAbort(aborted::incrementAndGet);
        assertTrue(answer.append("hel"));
        assertFalse(answer.append("lo world"));
        assertEquals(FinishReason.ERROR, answer.finish().orElseThrow());
        assertTrue(answer.text().startsWith("hello\n\n**Error:** the answer was cut off"), answer.text());
        assertEquals(1, aborted.get(), "the engine is told to stop");
    }

    @Test
    void cancelStopsTheEngineEvenWhenItRegistersLate() {
        Answer answer = answer(100);
        answer.cancel();
        AtomicInteger aborted = new AtomicInteger();
        answer.onAbort(aborted::incrementAndGet);
        assertEquals(1, aborted.get());
        assertEquals(FinishReason.CANCELLED, answer.finish().orElseThrow());
        answer.end(FinishReason.STOP);
        assertEquals(FinishReason.CANCELLED, answer.finish().orElseThrow(), "the first end counts");
    }

    @Test
    void aViewDeliversOnlyWhatWasAskedFor() {
        Answer answer = answer(100);
        List<AnswerEvent> received = new CopyOnWriteArrayList<>();
        BaseSubscriber<AnswerEvent> viewer = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(AnswerEvent event) {
                received.add(event);
            }
        };
        AnswerView.open(answer, 0).events().subscribe(viewer);
        answer.append("one ");
        answer.append("two ");
        assertEquals(List.of(new AnswerEvent.Delta("one ", 4)), received, "one asked for, one delivered");
        answer.append("three");
        viewer.request(1);
        assertEquals(new AnswerEvent.Delta("two three", 13), received.get(1), "a viewer that is behind gets the rest at once");
        answer.end(FinishReason.STOP);
        assertEquals(2, received.size());
        viewer.request(1);
        assertInstanceOf(AnswerEvent.End.class, received.get(2));
        viewer.dispose();
    }
}
