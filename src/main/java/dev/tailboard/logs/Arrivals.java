package dev.tailboard.logs;

import java.util.List;

/**
 * When one log's bytes arrived: a sparse list of points {@code [end, time]}, each saying that every byte before
 * {@code end} had been written by {@code time} (epoch millis). A point is made per look at the log, but points
 * closer than {@link #SPACING_MILLIS} are merged into one, so a log gains at most a few per second however fast
 * it grows. Bytes before {@link #timedFrom()} were in the file when tailboard first saw it and have no time.
 * Only the last two points are in memory; the rest are in the {@link TimesFile} beside the log. A point that a
 * look moves is written when the next point is made or at the next {@link #flush()}, not at every look: a write
 * beside a watched log is a change the watcher hears of too.
 */
public final class Arrivals {

    static final long SPACING_MILLIS = 250;

    /** Times of a log that has none. */
    static final Arrivals NONE = new Arrivals(null, Long.MAX_VALUE);

    private final TimesFile file;
    private long timedFrom;
    private int count;
    private long lastEnd;
    private long lastTime;
    /** The end of the point before the last ({@link #timedFrom} when there is none). */
    private long previousEnd;
    /** When the last point was made: later looks within {@link #SPACING_MILLIS} move it rather than add one. */
    private long lastMade;
    /** The last point moved since it was written: the file has it older until it is written again. */
    private boolean moved;
    private boolean detached;

    private Arrivals(TimesFile file, long timedFrom) {
        this.file = file;
        reset(timedFrom);
    }

    /** The times kept in {@code file}, or none yet (bytes before {@code size} untimed) when there is no file. */
    static Arrivals load(TimesFile file, long size) {
        TimesFile.Contents contents = file.readTail();
        if (contents == null || contents.count() == 0) {
            return new Arrivals(file, size);
        }
        Arrivals arrivals = new Arrivals(file, contents.timedFrom());
        int tail = contents.ends().length;
        arrivals.count = contents.count();
        arrivals.lastEnd = contents.ends()[tail - 1];
        arrivals.lastTime = contents.times()[tail - 1];
        arrivals.previousEnd = tail == 2 ? contents.ends()[0] : contents.timedFrom();
        return arrivals;
    }

    /** The offset from which bytes have times. */
    public synchronized long timedFrom() {
        return timedFrom;
    }

    /** The offset up to which bytes have times ({@link #timedFrom()} while none has). */
    synchronized long end() {
        return lastEnd;
    }

    /** The time of a line (or lines) ending at {@code end}; null when unknown. */
    public synchronized Long timeAt(long end) {
        if (end <= timedFrom || count == 0 || end > lastEnd) {
            return null;
        }
        if (end > previousEnd) {
            return lastTime;
        }
        // only the last point is ever rewritten, so the ones before it are read from the file as they are
        return file.timeAt(end, count - 1);
    }

    /** Every point whose end is past {@code from}, ascending, each {@code [end, time]}. */
    public synchronized List<long[]> pointsAfter(long from) {
        if (count == 0 || from >= lastEnd) {
            return List.of();
        }
        List<long[]> points = file.pointsAfter(from, count - 1);
        points.add(new long[] {lastEnd, lastTime});
        return points;
    }

    /** Someone read the log up to {@code end} at {@code now}: the bytes before it had arrived by then. */
    synchronized void seen(long end, long now) {
        if (detached || end <= lastEnd) {
            return;
        }
        long time = Math.max(now, lastTime);
        if (count > 0 && time - lastMade < SPACING_MILLIS) {
            lastEnd = end;
            lastTime = time;
            moved = true;
            return;
        }
        boolean written = moved
                ? file.write(timedFrom, count - 1, lastEnd, lastTime, end, time)
                : file.write(timedFrom, count, end, time);
        if (written) {
            previousEnd = count == 0 ? timedFrom : lastEnd;
            lastEnd = end;
            lastTime = time;
            lastMade = time;
            count++;
            moved = false;
        }
    }

    /** Writes the last point if a look moved it since it was written. */
    synchronized void flush() {
        if (moved && !detached && file.write(timedFrom, count - 1, lastEnd, lastTime)) {
            moved = false;
        }
    }

    /** The log was truncated or replaced: its times are void, and bytes before {@code size} have none. */
    synchronized void restart(long size) {
        if (!detached) {
            file.delete();
            reset(size);
        }
    }

    /** The log is gone: its times are deleted, and this object records nothing more. */
    synchronized void detach() {
        if (!detached) {
            detached = true;
            file.delete();
            reset(Long.MAX_VALUE);
        }
    }

    private void reset(long from) {
        detached |= file == null;
        timedFrom = from;
        count = 0;
        lastEnd = from;
        lastTime = 0;
        previousEnd = from;
        lastMade = 0;
        moved = false;
    }

    @Override
    public synchronized String toString() {
        return "Arrivals[" + file + ", " + count + " points]";
    }
}
