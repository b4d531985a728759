package dev.tailboard.logs;

import dev.tailboard.jobs.JobStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    LogView(LogFeed feed, Cursor cursor, boolean reset, Executor delivery, Runnable release) {
        this.feed = feed;
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

    /** {@link #events(Outlet)} paced by demand alone. */
    public Flux<LogEvent> events() {
        return events(Outlet.UNBOUNDED);
    }

    /**
     * Every event from the start on, as a stream that honours demand and sends only while {@code outlet} is
     * ready: a viewer that reads slowly is simply behind, its cursor waits, nothing piles up. Starts with the
     * job's status unless it is unknown.
     */
    public Flux<LogEvent> events(Outlet outlet) {
        return follow(outlet, false);
    }

    /**
     * Like {@link #events(Outlet)}, but only the lines and the end: for a transport that carries the log's bytes
     * and nothing else (a reset simply starts again at 0), so that every event handed over reaches the outlet.
     */
    public Flux<LogEvent> lines(Outlet outlet) {
        return follow(outlet, true);
    }

    private Flux<LogEvent> follow(Outlet outlet, boolean linesOnly) {
        return Flux.<LogEvent>create(sink -> {
            // before onRequest: that may start delivering lines at once, and the reset must come first
            if (reset && !linesOnly) {
                sink.next(new LogEvent.Reset());
            }
            Follower follower = new Follower(sink, outlet, linesOnly);
            Runnable waker = follower::wakeFromFeed;
            feed.addWaker(waker);
            outlet.whenReady(follower::wake);
            sink.onRequest(n -> follower.wake());
            sink.onDispose(() -> {
                feed.removeWaker(waker);
                outlet.release();
                close();
            });
            follower.wake();
        });
    }

    /**
     * The next page of at most {@code limit} lines. When there is nothing yet it waits up to {@code wait} for a
     * line, a reset or the end, holding no thread: the feed's wake-up reads the page.
     */
    public Mono<LogPage> page(int limit, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return pageBy(limit, deadline).doFinally(signal -> close());
    }

    /** Reads a page; while it is empty and the job goes on, waits for news until the deadline and reads again. */
    private Mono<LogPage> pageBy(int limit, long deadline) {
        return Mono.fromCallable(() -> read(limit)).flatMap(page -> {
            long remaining = deadline - System.nanoTime();
            if (!page.chunk().isEmpty() || page.reset() || page.complete() || remaining <= 0) {
                return Mono.just(page);
            }
            return news().timeout(Duration.ofNanos(remaining), Mono.empty())
                    .publishOn(Schedulers.fromExecutor(delivery))
                    .then(Mono.defer(() -> pageBy(limit, deadline)));
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
            return readPage(limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LogPage readPage(int limit) throws IOException {
        Cursor.Step step = cursor.next(BATCH_BYTES, limit);
        boolean wasReset = resetUntold || step instanceof Cursor.Reset;
        resetUntold = false;
        if (step instanceof Cursor.Reset) {
            step = cursor.next(BATCH_BYTES, limit);
        }
        LogChunk chunk = step instanceof Cursor.Lines lines ? fill(lines.chunk(), limit) : LogChunk.empty(cursor.position());
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
    private LogChunk fill(LogChunk first, int limit) throws IOException {
        List<LogChunk> parts = new ArrayList<>(List.of(first));
        int lines = first.size();
        long bytes = first.bytes();
        while (lines < limit && bytes < PAGE_BYTES
                && cursor.next((int) Math.min(BATCH_BYTES, PAGE_BYTES - bytes), limit - lines) instanceof Cursor.Lines more) {
            parts.add(more.chunk());
            lines += more.chunk().size();
            bytes += more.chunk().bytes();
        }
        return parts.size() == 1 ? first : LogChunk.join(parts);
    }

    /** The raw bytes {@code [start, end)} of the log, for transports that send bytes rather than lines. */
    public ByteBuffer raw(long start, long end) {
        ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
        try {
            while (buffer.hasRemaining()) {
                if (feed.readRaw(start + buffer.position(), buffer) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.flip();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    /** Delivers to one sink: on the delivery pool, one drain at a time, only as much as was asked for. */
    private final class Follower {
        private final FluxSink<LogEvent> sink;
        private final Outlet outlet;
        private final boolean linesOnly;
        private final Drain drain = new Drain(delivery, this::deliverOrFail);
        private JobStatus sentStatus = JobStatus.UNKNOWN;
        private Integer sentExitCode;
        private boolean done;

        Follower(FluxSink<LogEvent> sink, Outlet outlet, boolean linesOnly) {
            this.sink = sink;
            this.outlet = outlet;
            this.linesOnly = linesOnly;
        }

        void wake() {
            drain.wake();
        }

        /**
         * New lines: a follower at the live edge takes them on the feed's thread (one hop less per line);
         * one behind the window reads the file, so it does that on the delivery pool.
         */
        void wakeFromFeed() {
            if (cursor.position().offset() >= feed.snapshot().windowStart()) {
                drain.wakeHere();
            } else {
                drain.wake();
            }
        }

        private void deliverOrFail() {
            try {
                deliver();
            } catch (IOException | RuntimeException e) {
                done = true;
                sink.error(e);
            }
        }

        private void deliver() throws IOException {
            while (!done && !sink.isCancelled() && sink.requestedFromDownstream() > 0 && outlet.ready()) {
                LogFeed.Snapshot snapshot = feed.snapshot();
                if (snapshot.status() != sentStatus || !Objects.equals(snapshot.exitCode(), sentExitCode)) {
                    sentStatus = snapshot.status();
                    sentExitCode = snapshot.exitCode();
                    if (!linesOnly) {
                        sink.next(new LogEvent.Status(sentStatus, sentExitCode));
                    }
                    continue;
                }
                Cursor.Step step = cursor.next(BATCH_BYTES, Integer.MAX_VALUE);
                if (step instanceof Cursor.Reset) {
                    if (!linesOnly) {
                        sink.next(new LogEvent.Reset());
                    }
                } else if (step instanceof Cursor.Lines lines) {
                    sink.next(new LogEvent.Lines(lines.chunk()));
                } else if (step instanceof Cursor.Idle idle) {
                    if (idle.complete()) {
                        done = true;
                        sink.next(new LogEvent.End(snapshot.status(), snapshot.exitCode()));
                        sink.complete();
                    }
                    return;
                }
            }
        }
    }
}
