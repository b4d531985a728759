package dev.tailboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everyone watching in one run, on one event loop: the viewers, the measured window, the latency of every
 * first arrival of a measured line, and the counts the scenario waits on.
 */
final class Audience {

    final EventLoop loop;
    final Window window = new Window();
    final Histogram latency = new Histogram();
    final LineFormat.Parsed parsed = new LineFormat.Parsed();
    /** Zero of the append times written into the lines. */
    final long origin;
    final AtomicInteger established = new AtomicInteger();
    final AtomicInteger ready = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    long foreign;
    long resets;
    volatile long lastArrivalNanos;
    private final Transport transport;
    private final Target target;
    private final List<Viewer> viewers = new ArrayList<>();
    private final Map<String, Integer> reasons = new LinkedHashMap<>();

    Audience(EventLoop loop, Transport transport, Target target, long origin) {
        this.loop = loop;
        this.transport = transport;
        this.target = target;
        this.origin = origin;
    }

    /** A new viewer of the audience's log starting at {@code startOffset}, connecting now. */
    Viewer join(long startOffset) {
        return join(target, startOffset);
    }

    /** A new viewer of {@code log} starting at {@code startOffset}, connecting now. */
    Viewer join(Target log, long startOffset) {
        Viewer viewer = new Viewer(this, log, startOffset);
        viewers.add(viewer);
        connect(viewer);
        return viewer;
    }

    /** (Re)connects a viewer the way its client does: the transport resumes from the viewer's cursor if it can. */
    void connect(Viewer viewer) {
        Connection connection = new Connection(loop, transport.open(viewer, viewer.target()), viewer);
        loop.execute(() -> viewer.connect(connection));
        loop.open(connection);
    }

    List<Viewer> viewers() {
        return viewers;
    }

    void firstArrival(long now, long latencyNanos) {
        latency.record(latencyNanos);
        lastArrivalNanos = now;
    }

    void reason(String reason) {
        reasons.merge(String.valueOf(reason), 1, Integer::sum);
    }

    Map<String, Integer> reasons() {
        return reasons;
    }
}
