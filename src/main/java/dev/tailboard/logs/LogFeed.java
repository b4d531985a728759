package dev.tailboard.logs;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.jobs.WakeBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The one reader of one log, shared by all its viewers. It reads each new byte once, cuts lines, numbers
 * them, keeps a bounded window of recent lines in memory and a sparse index of the whole file, and wakes
 * its viewers. Viewers never get a queue: each is a {@link Cursor} that reads from the window, or from the
 * file when it is behind the window, so a slow viewer costs no memory.
 */
public final class LogFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LogFeed.class);
    static final int CHUNK_BYTES = 64 * 1024;
    static final long WINDOW_BYTES = 4L * 1024 * 1024;
    static final int WINDOW_CHUNKS = 1024;
    /** Growth that {@link #update} reads on the caller's thread. */
    static final long INLINE_READ_BYTES = CHUNK_BYTES;

    /** What viewers see of the feed, replaced whole on every change so that they read it without locks. */
    record Snapshot(int generation, LogChunk[] window, Position end, boolean complete, JobStatus status,
                    Integer exitCode) {

        long windowStart() {
            return window.length == 0 ? end.offset() : window[0].start();
        }
    }

    /** Opens the log; refuses a file that is not inside the logs folder. */
    interface Source {
        FileChannel open() throws IOException;
    }

    private final Path file;
    private final Source source;
    private final int maxLineBytes;
    private final Executor executor;
    private final Arrivals arrivals;
    private final Set<Runnable> wakers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final ArrayDeque<LogChunk> window = new ArrayDeque<>();
    private final ByteBuffer block = ByteBuffer.allocate(CHUNK_BYTES);
    private volatile Job job;
    private volatile Snapshot snapshot;
    private volatile FileChannel channel;
    private volatile LineIndex index;
    private Object fileKey;
    private LineCutter cutter;
    /** Written under the lock; read without it only as a hint. */
    private volatile long readPosition;
    private long windowBytes;
    private int generation;
    private boolean flushed;
    private volatile boolean loaded;

    LogFeed(Path file, Source source, Job job, int maxLineBytes, Executor executor, Arrivals arrivals) {
        this.file = file;
        this.arrivals = arrivals;
        this.source = source;
        this.job = job;
        this.maxLineBytes = maxLineBytes;
        this.executor = executor;
        this.snapshot = new Snapshot(0, new LogChunk[0], Position.START, false, job.status(), job.exitCode());
        this.index = new LineIndex();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /**
     * A view from {@code start}: a cursor past the end of the file starts again at 0 (a reset), one beyond the
     * last whole line waits there, one inside a line moves on to the next line start. In a {@code copy} of another
     * cluster node's log a cursor past the end is not a reset: the copy is behind (the viewer came from a node
     * that had more), so it waits there too. Without {@code mayReadFile}, null where that needs the file.
     */
    LogView view(StartAt start, boolean copy, Executor delivery, Runnable release, boolean mayReadFile) throws IOException {
        Snapshot snapshot = this.snapshot;
        if (!mayReadFile && !inMemory(snapshot, start)) {
            return null;
        }
        Position end = snapshot.end();
        Position position;
        long skipBefore = 0;
        boolean reset = false;
        if (start instanceof StartAt.Tail tail) {
            long line = Math.max(1, end.line() - tail.lines());
            position = line >= end.line() ? end : locateLine(snapshot, line);
        } else {
            long offset = ((StartAt.Offset) start).offset();
            if (!copy && offset > Math.max(currentSize(), end.offset())) {
                position = Position.START;
                reset = true;
            } else if (offset >= end.offset()) {
                position = end;
                skipBefore = offset;
            } else {
                position = locateOffset(snapshot, offset);
            }
        }
        return new LogView(new Cursor(this, position, skipBefore, snapshot.generation()), reset, delivery, release);
    }

    /** Whether {@code start} is found without reading the file: the log is loaded, and the start in the window or past it. */
    private boolean inMemory(Snapshot snapshot, StartAt start) {
        if (!loaded) {
            return false;
        }
        LogChunk[] window = snapshot.window();
        if (start instanceof StartAt.Tail tail) {
            long line = snapshot.end().line() - tail.lines();
            return line >= snapshot.end().line() || window.length > 0 && line >= window[0].firstLine();
        }
        return ((StartAt.Offset) start).offset() >= snapshot.windowStart();
    }

    private Position locateOffset(Snapshot snapshot, long offset) throws IOException {
        int index = Cursor.chunkIndex(snapshot.window(), offset);
        if (index >= 0) {
            LogChunk chunk = snapshot.window()[index];
            return chunk.positionOf(chunk.indexAtOrAfter(offset));
        }
        return offset < snapshot.windowStart() ? seekOffset(offset, snapshot.windowStart()) : snapshot.end();
    }

    private Position locateLine(Snapshot snapshot, long line) throws IOException {
        for (LogChunk chunk : snapshot.window()) {
            if (line >= chunk.firstLine() && line < chunk.firstLine() + chunk.size()) {
                return chunk.positionOf((int) (line - chunk.firstLine()));
            }
        }
        LogChunk[] window = snapshot.window();
        boolean beforeWindow = window.length == 0 || line < window[0].firstLine();
        return beforeWindow ? seekLine(line, snapshot.windowStart()) : snapshot.end();
    }

    /**
     * The job changed (size or sidecar): read what is new. A little is read at once on the caller's thread (the
     * watcher's: one hand-off less between a write and its viewers); a lot on the reader pool, so that a burst in
     * one log delays no other.
     */
    void update(Job changed) {
        job = changed;
        if (refreshes.getAndIncrement() == 0) {
            if (changed.size() - readPosition <= INLINE_READ_BYTES) {
                refreshLoop();
            } else {
                executor.execute(this::refreshLoop);
            }
        }
    }

    private void refreshLoop() {
        int missed = 1;
        do {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.warn("Reading {} failed", file, e);
            }
            missed = refreshes.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Reads the file for the first time, on the caller's thread, unless that was done already. */
    synchronized void load() {
        if (!loaded) {
            read();
            loaded = true;
        }
    }

    /** Reads what is new and wakes the viewers, outside the lock: some take their lines on this thread. */
    private void refresh() {
        if (read()) {
            wakers.forEach(WakeBatch::wake);
        }
    }

    /** Reads what is new; true when viewers have something to learn. */
    private synchronized boolean read() {
        Job current = job;
        Snapshot before = snapshot;
        BasicFileAttributes attributes = attributes();
        if (attributes == null) {
            return false;
        }
        if (channel == null || !Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < readPosition) {
            reopen(attributes);
        }
        boolean grew = readToEnd(attributes.size());
        boolean complete = current.status().isFinal() && readPosition >= attributes.size();
        if (complete && !flushed) {
            ChunkBuilder builder = new ChunkBuilder(cutterPosition(), arrivals);
            flushed = cutter.flush((buffer, offset, length, start, end) -> {
                builder.line(buffer, offset, length, start, end);
                offerToIndex(start, builder);
            });
            if (builder.count() > 0) {
                append(builder.take());
                grew = true;
            }
        }
        boolean changed = grew || before.generation() != generation || before.complete() != complete
                || before.status() != current.status() || !Objects.equals(before.exitCode(), current.exitCode());
        if (changed) {
            snapshot = new Snapshot(generation, window.toArray(new LogChunk[0]), cutterPosition(),
                    complete && cutter.pendingBytes() == 0, current.status(), current.exitCode());
        }
        return changed;
    }

    private Position cutterPosition() {
        LogChunk last = window.peekLast();
        return last == null ? snapshot.end() : last.endPosition();
    }

    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.debug("Cannot stat {}: {}", file, e.toString());
            return null;
        }
    }

    /** The file is new, replaced or truncated: every position is void, viewers start again at 0. */
    private void reopen(BasicFileAttributes attributes) {
        closeChannel();
        try {
            channel = source.open();
        } catch (IOException e) {
            LOG.debug("Cannot open {}: {}", file, e.toString());
            return;
        }
        if (fileKey != null) {
            generation++;
            LOG.info("{} was truncated or replaced; its viewers start again at 0", file);
        }
        fileKey = attributes.fileKey();
        cutter = new LineCutter(maxLineBytes, 0);
        index = new LineIndex();
        window.clear();
        windowBytes = 0;
        readPosition = 0;
        flushed = false;
        snapshot = new Snapshot(generation, new LogChunk[0], Position.START, false, job.status(), job.exitCode());
    }

    /**
     * Reads and cuts every new byte of a file of about {@code size} bytes; true when lines were added. It stops at
     * the first short read rather than asking again: whatever is written after it is a change of its own, which
     * wakes the next look.
     */
    private boolean readToEnd(long size) {
        if (channel == null) {
            return false;
        }
        Intake intake = new Intake(cutterPosition().line(), size - WINDOW_BYTES);
        try {
            int read;
            do {
                block.clear();
                read = channel.read(block, readPosition);
                if (read <= 0) {
                    break;
                }
                readPosition += read;
                cutter.feed(block.array(), 0, read, intake);
                intake.appendDecoded();
            } while (read == block.capacity());
        } catch (IOException e) {
            LOG.debug("Cannot read {}: {}", file, e.toString());
            return false;
        }
        // before the new lines are handed out: a chunk's time is the time of its end
        arrivals.seen(readPosition, System.currentTimeMillis());
        if (intake.skipped && intake.builder == null) {
            appendEmptyAt(new Position(cutter.lineStart(), intake.nextLine));
        }
        return intake.nextLine != intake.firstLine;
    }

    /** Takes the cut lines: every one is indexed, only those near the end are decoded into the window. */
    private final class Intake implements LineCutter.Sink {
        final long firstLine;
        final long decodeFrom;
        long nextLine;
        boolean skipped;
        ChunkBuilder builder;

        Intake(long firstLine, long decodeFrom) {
            this.firstLine = firstLine;
            this.nextLine = firstLine;
            this.decodeFrom = decodeFrom;
        }

        @Override
        public void line(byte[] buffer, int offset, int length, long start, long end) {
            long number = nextLine++;
            index.offer(start, number);
            if (end <= decodeFrom) {
                skipped = true;
                return;
            }
            if (builder == null) {
                Position position = new Position(start, number);
                if (skipped) {
                    appendEmptyAt(position);
                }
                builder = new ChunkBuilder(position, arrivals);
            }
            builder.line(buffer, offset, length, start, end);
        }

        void appendDecoded() {
            if (builder != null && builder.count() > 0) {
                append(builder.take());
            }
        }
    }

    private void offerToIndex(long start, ChunkBuilder builder) {
        index.offer(start, cutterPosition().line() + builder.count() - 1);
    }

    private void appendEmptyAt(Position position) {
        window.clear();
        windowBytes = 0;
        window.add(LogChunk.empty(position));
    }

    private void append(LogChunk chunk) {
        LogChunk last = window.peekLast();
        if (last != null && last.isEmpty()) {
            window.pollLast();
        }
        chunk.share();
        window.addLast(chunk);
        windowBytes += chunk.bytes();
        while (window.size() > 1 && (windowBytes > WINDOW_BYTES || window.size() > WINDOW_CHUNKS)) {
            windowBytes -= window.pollFirst().bytes();
        }
    }

    /** Whole lines from {@code from} up to {@code limit} (a known line start), read from the file. */
    LogChunk readFile(Position from, long limit, int maxBytes) throws IOException {
        FileChannel source = channel;
        if (source == null || from.offset() >= limit) {
            return LogChunk.empty(from);
        }
        int length = (int) Math.min(limit - from.offset(), Math.max(maxBytes, 2L * (maxLineBytes + 2)));
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (source.read(buffer, from.offset() + buffer.position()) <= 0) {
                break;
            }
        }
        LineCutter reader = new LineCutter(maxLineBytes, from.offset());
        ChunkBuilder builder = new ChunkBuilder(from, arrivals);
        reader.feed(buffer.array(), 0, buffer.position(), builder);
        if (from.offset() + buffer.position() == limit) {
            reader.flush(builder);
        }
        return builder.take();
    }

    /** The first line start at or after {@code offset}, found through the index and the file. */
    private Position seekOffset(long offset, long limit) throws IOException {
        return seek(index.atOrBeforeOffset(offset), limit, p -> p.offset() >= offset);
    }

    /** The start of line {@code line}. */
    private Position seekLine(long line, long limit) throws IOException {
        return seek(index.atOrBeforeLine(line), limit, p -> p.line() >= line);
    }

    private Position seek(Position from, long limit, Predicate<Position> reached) throws IOException {
        Position position = from;
        while (!reached.test(position) && position.offset() < limit) {
            LogChunk chunk = readFile(position, limit, CHUNK_BYTES);
            if (chunk.isEmpty()) {
                break;
            }
            for (int i = 0; i < chunk.size(); i++) {
                Position next = chunk.positionOf(i + 1);
                if (reached.test(next)) {
                    return next;
                }
            }
            position = chunk.endPosition();
        }
        return position;
    }

    /**
     * Runs {@code waker} on the feed's reader thread whenever viewers have something to learn (lines, a reset, a
     * status, the end), until it is removed. It must not block: it hands the work to where the viewers are.
     */
    public void addWaker(Runnable waker) {
        wakers.add(waker);
    }

    public void removeWaker(Runnable waker) {
        wakers.remove(waker);
    }

    /** The size of the file now, or -1 when it is gone. */
    long currentSize() {
        BasicFileAttributes attributes = attributes();
        return attributes == null ? -1 : attributes.size();
    }

    synchronized void close() {
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Cannot close {}: {}", file, e.toString());
            }
            channel = null;
        }
    }

    @Override
    public String toString() {
        return "LogFeed[" + file + "]";
    }
}
