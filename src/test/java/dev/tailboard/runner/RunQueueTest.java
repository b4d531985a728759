package dev.tailboard.runner;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bookkeeping of runners and the line, including a runner freed while a run's files are being written. */
class RunQueueTest {

    private final RunQueue<String> queue = new RunQueue<>(1, 2);

    @Test
    void aFreedRunnerGoesToTheRunThatWaitedLongest() throws RunQueue.Full {
        assertEquals(RunQueue.Place.SLOT, queue.admit());
        assertEquals(RunQueue.Place.LINE, queue.admit());
        assertEquals(RunQueue.Place.LINE, queue.admit());
        assertThrows(RunQueue.Full.class, queue::admit);
        assertEquals(List.of(), queue.enqueue("a"));
        assertEquals(List.of(), queue.enqueue("b"));
        assertEquals(List.of("a"), queue.finished());
        assertEquals(RunQueue.Place.LINE, queue.admit(), "a new run never overtakes one that waits");
        assertEquals(List.of(), queue.enqueue("c"));
        assertEquals(Optional.of("b"), queue.withdraw("b"::equals));
        assertEquals(List.of("c"), queue.finished());
    }

    @Test
    void aRunnerFreedWhileARunIsGettingInLineIsItsOwn() throws RunQueue.Full {
        assertEquals(RunQueue.Place.SLOT, queue.admit());
        assertEquals(RunQueue.Place.LINE, queue.admit());
        assertEquals(List.of(), queue.finished(), "nobody is in line yet");
        assertEquals(RunQueue.Place.LINE, queue.admit(), "the runner is promised to the run getting in line");
        assertEquals(List.of("a"), queue.enqueue("a"));
        assertEquals(List.of(), queue.enqueue("b"));
        assertEquals(List.of("b"), queue.giveBack(RunQueue.Place.SLOT), "a run that could not start gives its runner back");
    }

    @Test
    void aStoppedQueueStartsNothingAndAdmitsNothing() throws RunQueue.Full {
        queue.admit();
        queue.admit();
        queue.enqueue("a");
        assertEquals(List.of("a"), queue.close());
        assertEquals(List.of(), queue.finished());
        assertThrows(RunQueue.Full.class, queue::admit);
    }
}
