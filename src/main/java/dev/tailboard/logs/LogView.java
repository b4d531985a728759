package dev.tailboard.logs;

import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One viewer of one log, opened at a resolved start. It is consumed once: as a stream of {@link LogEvent}s,
 * as one {@link LogPage} (a poll), or read page by page where blocking is allowed ({@link #read}); it
 * releases its feed when that is over, or when it is closed.
 */
public final class LogView implements AutoCloseable {

    /** The most bytes of lines in one event; a burst becomes a few large events. */
    static final int BATCH_BYTES = 64 * 1024;
    /**
     * The most bytes of lines in one page (at least one line): far above what a full page of a build log takes
     * (10,000 lines of 100 bytes are 1 MB), while a page of very long lines still stops, saying {@code more}.
     */
    static final int PAGE_BYTES = 4 * 1024 * 1024;

    private final LogFeed feed;
    private final Cursor cursor;
    private final boolean reset;
    /** The reset is told with the first page read, not again. */
    private boolean resetUntold;
    private final Executor delivery;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    LogView(Cursor cursor, boolean reset, Executor delivery, Runnable release) {
        this.feed = cursor.feed();
        this.cursor = cursor;
        this.reset = reset;
        this.resetUntold = reset;
        this.delivery = delivery;
        this.release = release;
    }

    /**
     * The position the view starts at (after snapping to a line start, or a reset); once lines are read, the
     * position the next read starts at.
     */
    public Position start() {
        return cursor.position();
    }

    /** The requested cursor was past the end of the file, so the view starts again at 0. */
    public boolean reset() {
        return reset;
    }

    /** True when the job is final and this view is already at its end. */
    public boolean atEnd() {
        LogFeed.Snapshot snapshot = feed.snapshot();
        return snapshot.complete() && !reset && cursor.position().offset() >= snapshot.end().offset();
    }

    /**
     * Every event from the start on, as a stream that honours demand: a subscriber that asks for nothing is simply
     * behind, its cursor waits, nothing piles up. Starts with the job's status unless it is unknown.
     */
    public Flux<LogEvent> events() {
        return Flux.<LogEvent>create(sink -> {
            Follower follower = follower(false);
            Drain drain = new Drain(delivery, () -> deliver(follower, sink));
            Runnable waker = drain::wake;
            feed.addWaker(waker);
            sink.onRequest(n -> drain.wake());
            sink.onDispose(() -> {
                feed.removeWaker(waker);
                close();
            });
            drain.wake();
        });
    }

    /** Hands events to {@code sink} while it asks for them; on the delivery pool, one drain at a time. */
    private static void deliver(Follower follower, FluxSink<LogEvent> sink) {
        try {
            while (!sink.isCancelled() && sink.requestedFromDownstream() > 0) {
                LogEvent event = follower.next(true);
                if (event == null) {
                    return;
                }
                sink.next(event);
                if (event instanceof LogEvent.End) {
                    sink.complete();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            sink.error(e);
        }
    }

    /**
     * The events of this view one at a time, for a caller that delivers them itself (and wakes on
     * {@link LogFeed#addWaker}); {@code linesOnly} leaves out everything but the lines and the end.
     */
    public Follower follower(boolean linesOnly) {
        return new Follower(cursor, reset, linesOnly);
    }

    /** The feed this view reads: shared by every view of the same log. */
    public LogFeed feed() {
        return feed;
    }

    /**
     * The next page of at most {@code limit} lines. When there is nothing yet it waits up to {@code wait} for a
     * line, a reset or the end, holding no thread: the feed's wake-up reads the page.
     */
    public Mono<LogPage> page(int limit, Duration wait) {
        return page(limit, wait, delivery);
    }

    /**
     * Like {@link #page(int, Duration)}, woken on {@code wakeOn} (the connection's event loop, say): a page that was
     * waited for is read there from memory, and only one that must come from the file goes on to the delivery pool.
     */
    public Mono<LogPage> page(int limit, Duration wait, Executor wakeOn) {
        long deadline = System.nanoTime() + wait.toNanos();
        return pageBy(limit, deadline, wakeOn, false).doFinally(signal -> close());
    }

    /**
     * Reads a page (from memory, unless {@code mayReadFile}; a page that must come from the file is read on the
     * delivery pool); while it is empty and the job goes on, waits for news until the deadline and reads again.
     */
    private Mono<LogPage> pageBy(int limit, long deadline, Executor wakeOn, boolean mayReadFile) {
        return Mono.fromCallable(() -> Optional.ofNullable(readPage(limit, mayReadFile))).flatMap(read -> {
            if (read.isEmpty()) {
                return pageBy(limit, deadline, wakeOn, true).subscribeOn(Schedulers.fromExecutor(delivery));
            }
            LogPage page = read.get();
            long remaining = deadline - System.nanoTime();
            if (!page.chunk().isEmpty() || page.reset() || page.complete() || remaining <= 0) {
                return Mono.just(page);
            }
            return news().timeout(Duration.ofNanos(remaining), Mono.empty())
                    .publishOn(Schedulers.fromExecutor(wakeOn))
                    .then(Mono.defer(() -> pageBy(limit, deadline, wakeOn, false)));
        });
    }

    /** Completes when a read would find lines, a reset or the end. */
    private Mono<Void> news() {
        return Mono.create(sink -> {
            Runnable waker = () -> {
                if (cursor.hasNews()) {
                    sink.success();
                }
            };
            feed.addWaker(waker);
            sink.onDispose(() -> feed.removeWaker(waker));
            waker.run();
        });
    }

    /**
     * Blocking: the next lines the log has now, at most {@code limit}, and the view moves past them; an empty
     * page at the end of what is there. The view stays open: read on, then close it.
     */
    public LogPage read(int limit) {
        try {
            return readPage(limit, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next page; without {@code mayReadFile} from memory only, and null (the view unmoved) where that is not enough. */
    private LogPage readPage(int limit, boolean mayReadFile) throws IOException {
        Cursor.Step step = cursor.next(BATCH_BYTES, limit, mayReadFile);
        boolean wasReset = resetUntold || step instanceof Cursor.Reset;
        if (step instanceof Cursor.Reset) {
            step = cursor.next(BATCH_BYTES, limit, mayReadFile);
        }
        resetUntold = wasReset && step instanceof Cursor.Behind;
        if (step instanceof Cursor.Behind) {
            return null;
        }
        LogChunk chunk = step instanceof Cursor.Lines lines ? fill(lines.chunk(), limit, mayReadFile)
                : LogChunk.empty(cursor.position());
        LogFeed.Snapshot snapshot = feed.snapshot();
        long at = cursor.position().offset();
        boolean complete = snapshot.complete() && at >= snapshot.end().offset();
        return new LogPage(chunk.startPosition(), chunk, wasReset, !complete && at < snapshot.end().offset(),
                snapshot.status(), snapshot.exitCode(), complete);
    }

    /**
     * A page holds up to {@code limit} lines and {@link #PAGE_BYTES}: the cursor hands out one window chunk or
     * file block at a time, so join them.
     */
    private LogChunk fill(LogChunk first, int limit, boolean mayReadFile) throws IOException {
        List<LogChunk> parts = new ArrayList<>(List.of(first));
        int lines = first.size();
        long bytes = first.bytes();
        while (lines < limit && bytes < PAGE_BYTES
                && cursor.next((int) Math.min(BATCH_BYTES, PAGE_BYTES - bytes), limit - lines, mayReadFile)
                instanceof Cursor.Lines more) {
            parts.add(more.chunk());
            lines += more.chunk().size();
            bytes += more.chunk().bytes();
        }
        return parts.size() == 1 ? first : LogChunk.join(parts);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
