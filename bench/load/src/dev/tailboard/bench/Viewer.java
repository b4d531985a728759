package dev.tailboard.bench;

/**
 * One person following the log. The tally outlives connections, so a viewer that goes away and comes
 * back is counted as one: lines it missed are lost, lines it got twice are doubled.
 */
final class Viewer implements Connection.Observer {

    private final Audience audience;
    private final Target target;
    private final long startOffset;
    private final Tally tally = new Tally();
    private Connection connection;
    private long cursor = -1;
    private boolean established;
    private boolean ready;
    /** The sequence number of the last line received, measured or not; -1 before the first. */
    private long lastSeq = -1;
    private long lines;

    Viewer(Audience audience, Target target, long startOffset) {
        this.audience = audience;
        this.target = target;
        this.startOffset = startOffset;
    }

    /** The log this viewer follows, and where. */
    Target target() {
        return target;
    }

    /** Where the first connection starts (the log's size when the viewer arrived). */
    long startOffset() {
        return startOffset;
    }

    /** The transport's resume cursor last seen, -1 before any. */
    long cursor() {
        return cursor;
    }

    void cursor(long value) {
        if (value >= 0) {
            cursor = value;
        }
    }

    void reset() {
        cursor = 0;
        audience.resets++;
    }

    Tally tally() {
        return tally;
    }

    Connection connection() {
        return connection;
    }

    /** True once a line at or after {@code seq} has arrived. */
    boolean hasReached(long seq) {
        return lastSeq >= seq;
    }

    boolean isReady() {
        return ready;
    }

    boolean isConnected() {
        return connection != null && !connection.isClosed() && connection.isEstablished();
    }

    long lines() {
        return lines;
    }

    void connect(Connection next) {
        connection = next;
    }

    /** One log line arrived (its text, without the newline). */
    void line(byte[] buf, int off, int len, long now) {
        LineFormat.Parsed parsed = audience.parsed;
        if (!LineFormat.parse(buf, off, len, parsed)) {
            audience.foreign++;
            return;
        }
        lines++;
        lastSeq = parsed.seq;
        if (!ready) {
            ready = true;
            audience.ready.incrementAndGet();
        }
        Window window = audience.window;
        int index = window.indexOf(parsed.seq);
        if (index >= 0 && tally.record(index, window.count())) {
            audience.firstArrival(now, now - audience.origin - parsed.appendNanos);
        }
    }

    @Override
    public void established(Connection connection) {
        if (!established) {
            established = true;
            audience.established.incrementAndGet();
        }
    }

    @Override
    public void closed(Connection closed, boolean byUs, String reason) {
        if (byUs) {
            return;
        }
        if (closed.isEstablished()) {
            audience.dropped.incrementAndGet();
        } else {
            audience.failed.incrementAndGet();
        }
        audience.reason(reason);
    }
}
