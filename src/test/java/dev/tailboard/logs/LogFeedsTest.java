package dev.tailboard.logs;

import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The core on real files, without HTTP: feeds, cursors, resume, index, window, demand. */
class LogFeedsTest {

    @TempDir
    Path dir;
    LogFolder folder;
    ApplicationContext context;
    LogFeeds feeds;

    @BeforeEach
    void start() {
        folder = new LogFolder(dir);
        context = ApplicationContext.run(Map.of("tailboard.logs-dir", dir.toString(), "tailboard.demo.enabled", false,
                "tailboard.feed-linger", "0s"));
        feeds = context.getBean(LogFeeds.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    /** Subscribes and records every event; asks for events one at a time unless told otherwise. */
    static final class Recorder extends BaseSubscriber<LogEvent> {
        final List<LogEvent> events = new CopyOnWriteArrayList<>();
        final boolean unbounded;
        volatile boolean completed;

        Recorder(boolean unbounded) {
            this.unbounded = unbounded;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(unbounded ? Long.MAX_VALUE : 1);
        }

        @Override
        protected void hookOnNext(LogEvent event) {
            events.add(event);
            if (!unbounded) {
                request(1);
            }
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (LogEvent event : events) {
                if (event instanceof LogEvent.Lines l) {
                    lines.addAll(l.chunk().lines());
                }
            }
            return lines;
        }

        long lastCursor() {
            long cursor = -1;
            for (LogEvent event : events) {
                if (event instanceof LogEvent.Lines l) {
                    cursor = l.chunk().end();
                }
            }
            return cursor;
        }
    }

    LogView open(String id, StartAt start) {
        return Await.value("job " + id, () -> feeds.open(new JobId(id), start).orElse(null));
    }

    Recorder follow(String id, StartAt start) {
        Recorder recorder = new Recorder(false);
        open(id, start).events().subscribe(recorder);
        return recorder;
    }

    @Test
    void aViewIsReadPageByPageToTheEndOfWhatIsThere() {
        folder.append("paged", "one\ntwo\nthree\nfour\nfive\n");
        try (LogView view = feeds.open(new JobId("paged"), StartAt.BEGINNING).orElseThrow()) {
            LogPage first = view.read(2);
            assertEquals(List.of("one", "two"), first.chunk().lines());
            assertTrue(first.more());
            LogPage second = view.read(2);
            assertEquals(List.of("three", "four"), second.chunk().lines());
            assertEquals(3, second.chunk().firstLine());
            assertEquals(List.of("five"), view.read(2).chunk().lines());
            LogPage past = view.read(2);
            assertTrue(past.chunk().isEmpty());
            assertFalse(past.more());
            assertEquals(new Position(Files.size(dir.resolve("paged.log")), 6), view.start());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void deliversLinesWrittenBeforeAndWhileFollowingThenEnds() {
        folder.append("build", LogFolder.lines("line ", 1, 3));
        Recorder recorder = follow("build", StartAt.BEGINNING);
        Await.until("first lines", () -> recorder.lines().size() == 3);
        folder.append("build", "line 4\nline 5\npart");
        Await.until("appended lines", () -> recorder.lines().size() == 5);
        folder.append("build", "ial");
        folder.finish("build", "failed", 2);
        Await.until("end", () -> recorder.completed);
        assertEquals(List.of("line 1", "line 2", "line 3", "line 4", "line 5", "partial"), recorder.lines());
        assertEquals(folder.size("build"), recorder.lastCursor());
        assertEquals(new LogEvent.End(JobStatus.FAILED, 2), recorder.events.get(recorder.events.size() - 1));
        assertTrue(recorder.events.contains(new LogEvent.Status(JobStatus.FAILED, 2)));
        long numbered = recorder.events.stream().filter(e -> e instanceof LogEvent.Lines)
                .map(e -> ((LogEvent.Lines) e).chunk()).filter(c -> c.lines().contains("line 4")).findFirst()
                .map(c -> c.firstLine() + c.lines().indexOf("line 4")).orElseThrow();
        assertEquals(4, numbered);
    }

    @Test
    void resumesFromAnyCursorWithExactlyTheRestAndSnapsToLineStarts() {
        folder.append("resume", "alpha\nbeta\ngamma\n").finish("resume", "success", 0);
        assertEquals(new Position(6, 2), open("resume", new StartAt.Offset(6)).start());
        assertEquals(new Position(11, 3), open("resume", new StartAt.Offset(7)).start());
        assertEquals(new Position(17, 4), open("resume", new StartAt.Offset(17)).start());
        Recorder recorder = follow("resume", new StartAt.Offset(7));
        Await.until("end", () -> recorder.completed);
        assertEquals(List.of("gamma"), recorder.lines());
    }

    @Test
    void aCursorPastTheEndIsAReset() {
        folder.append("short", "one\ntwo\n").finish("short", "success", 0);
        LogView view = open("short", new StartAt.Offset(1000));
        assertTrue(view.reset());
        Recorder recorder = new Recorder(true);
        view.events().subscribe(recorder);
        Await.until("end", () -> recorder.completed);
        assertInstanceOf(LogEvent.Reset.class, recorder.events.get(0));
        assertEquals(List.of("one", "two"), recorder.lines());
    }

    @Test
    void tailStartsAtTheKthLastLine() {
        folder.append("tail", LogFolder.lines("l", 1, 10));
        assertEquals(8, open("tail", new StartAt.Tail(3)).start().line());
        assertEquals(1, open("tail", new StartAt.Tail(50)).start().line());
        assertEquals(11, open("tail", new StartAt.Tail(0)).start().line());
    }

    @Test
    void numbersAndResumesLinesFarBehindTheInMemoryWindow() throws IOException {
        int count = 1_000_000;
        folder.append("big", LogFolder.lines("row ", 1, count)).finish("big", "success", 0);
        assertTrue(Files.size(folder.log("big")) > 2 * LogFeed.WINDOW_BYTES);
        long offsetOfRow123457 = LogFolder.lines("row ", 1, 123_456).length();
        LogView view = open("big", new StartAt.Offset(offsetOfRow123457 - 3));
        assertEquals(new Position(offsetOfRow123457, 123_457), view.start());
        Recorder recorder = new Recorder(true);
        view.events().subscribe(recorder);
        Await.until("end", () -> recorder.completed);
        List<String> lines = recorder.lines();
        assertEquals(count - 123_456, lines.size());
        assertEquals("row 123457", lines.get(0));
        assertEquals("row 1000000", lines.get(lines.size() - 1));
        for (LogEvent event : recorder.events) {
            if (event instanceof LogEvent.Lines l) {
                assertEquals("row " + l.chunk().firstLine(), l.chunk().lines().get(0));
            }
        }
        assertEquals(900_001, open("big", new StartAt.Tail(100_000)).start().line());
    }

    @Test
    void aTruncatedLogResetsItsViewersWhoGetTheNewContent() throws IOException {
        folder.append("rewritten", "old 1\nold 2\n");
        Recorder recorder = follow("rewritten", StartAt.BEGINNING);
        Await.until("old lines", () -> recorder.lines().size() == 2);
        Files.writeString(folder.log("rewritten"), "new\n");
        Await.until("reset and new line", () -> recorder.lines().contains("new"));
        assertTrue(recorder.events.stream().anyMatch(e -> e instanceof LogEvent.Reset));
        assertEquals(List.of("old 1", "old 2", "new"), recorder.lines());
    }

    @Test
    void aViewerThatAsksForNothingIsSentNothingAndThenGetsEveryLine() {
        folder.append("slow", "first\n");
        Recorder fast = new Recorder(true);
        List<LogEvent> slow = new CopyOnWriteArrayList<>();
        BaseSubscriber<LogEvent> stalled = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(LogEvent event) {
                slow.add(event);
            }
        };
        open("slow", StartAt.BEGINNING).events().subscribe(stalled);
        open("slow", StartAt.BEGINNING).events().subscribe(fast);
        folder.append("slow", LogFolder.lines("burst ", 1, 20_000));
        Await.until("the fast viewer has the burst", () -> fast.lines().size() == 20_001);
        assertEquals(1, slow.size());
        stalled.request(Long.MAX_VALUE);
        Await.until("the stalled viewer caught up", () -> slow.stream().filter(e -> e instanceof LogEvent.Lines)
                .mapToInt(e -> ((LogEvent.Lines) e).chunk().size()).sum() == 20_001);
        assertTrue(fast.events.size() < 200, "a burst is batched into few events: " + fast.events.size());
    }

    @Test
    void oneReaderServesEveryViewerAndClosesAfterTheLast() {
        folder.append("shared", "x\n");
        List<LogView> views = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            views.add(open("shared", StartAt.BEGINNING));
        }
        assertEquals(1, feeds.openReaders());
        assertEquals(50, feeds.viewers());
        views.forEach(LogView::close);
        Await.until("the reader closes", () -> feeds.openReaders() == 0);
    }

    @Test
    void longPollingWaitsForTheNextLine() {
        folder.append("poll", "a\n");
        LogView first = open("poll", StartAt.BEGINNING);
        LogPage page = first.page(10, Duration.ZERO).block();
        assertEquals(List.of("a"), page.chunk().lines());
        assertFalse(page.more());
        var waiting = open("poll", new StartAt.Offset(page.next().offset())).page(10, Duration.ofSeconds(30)).toFuture();
        assertFalse(waiting.isDone());
        folder.append("poll", "b\n");
        LogPage next = Await.value("the waiting poll", () -> waiting.isDone() ? waiting.get() : null);
        assertEquals(List.of("b"), next.chunk().lines());
        assertEquals(2, next.from().line());
    }
}
