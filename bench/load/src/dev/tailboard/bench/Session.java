package dev.tailboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One scenario against one running server: the event loop and its audience, the appender and the server
 * probe, with the steps every scenario shares. Every wait is bounded.
 */
final class Session implements AutoCloseable {

    /** Connections waiting for their first answer at once: below the peers' accept backlogs. */
    private static final int MAX_OPENING = 256;

    final Target target;
    final Transport transport;
    final long origin = System.nanoTime();
    final EventLoop loop;
    final Audience audience;
    final Appender appender;
    final ServerProbe probe;
    final Map<String, Object> result = Json.object();

    Session(Options options) throws IOException {
        this.transport = Transport.named(options.text("transport"));
        this.target = new Target("127.0.0.1", options.integer("port", 8080), options.text("job", "bench"),
                options.text("file"));
        this.loop = new EventLoop(target.address(), MAX_OPENING, options.integer("answer-timeout-ms", 30_000));
        this.audience = new Audience(loop, transport, target, origin);
        this.appender = new Appender(Path.of(target.file()), origin);
        this.probe = new ServerProbe(options.number("pid"));
        result.put("system", transport.wireName());
        result.put("loadavgBefore", loadavg());
        result.put("inotifyInstancesBefore", ServerProbe.inotifyInstances());
    }

    /** Opens {@code count} viewers at the log's current end; waits until each is answered or given up. */
    void connect(int count, long timeoutMillis) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            audience.join(appender.size());
        }
        waitUntil(() -> audience.established.get() + audience.failed.get() >= count, timeoutMillis);
        Map<String, Object> connect = Json.object();
        connect.put("requested", count);
        connect.put("established", audience.established.get());
        connect.put("failed", audience.failed.get());
        connect.put("seconds", seconds(start));
        result.put("connect", connect);
    }

    /**
     * Appends warm-up lines (10 a second) until every connected viewer has received one: only then is a
     * viewer surely following (a {@code tail} process started, a namespace joined). These lines are not measured.
     */
    void warmUp(long timeoutMillis) throws IOException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline && waitingViewers() > 0) {
            appender.append();
            pause(100);
        }
        Map<String, Object> warmUp = Json.object();
        warmUp.put("ready", audience.ready.get());
        warmUp.put("notReady", waitingViewers());
        warmUp.put("seconds", seconds(start));
        result.put("warmUp", warmUp);
    }

    /**
     * The same stream, unmeasured, for {@code lines} lines before the measured ones, until every viewer has the last:
     * the figures are then of a server in its steady state, not of its first seconds (a JVM compiles its hot path
     * while it runs it). Every system gets the same.
     */
    void steady(int lines, double perSecond, long timeoutMillis) throws IOException {
        long start = System.nanoTime();
        if (lines > 0) {
            appender.append(lines, perSecond);
            long last = appender.nextSeq() - 1;
            waitUntil(() -> loop.call(() -> audience.viewers().stream()
                    .noneMatch(v -> v.isConnected() && !v.hasReached(last))), timeoutMillis);
        }
        result.put("steadyLines", lines);
        result.put("steadySeconds", seconds(start));
    }

    private long waitingViewers() {
        return loop.call(() -> audience.viewers().stream().filter(v -> v.isConnected() && !v.isReady()).count());
    }

    /** Waits until every connected viewer has the measured line {@code index}, at most {@code timeoutMillis}. */
    void drain(int index, long timeoutMillis) {
        long start = System.nanoTime();
        waitUntil(() -> loop.call(() -> audience.viewers().stream()
                .noneMatch(v -> v.isConnected() && !v.tally().has(index))), timeoutMillis);
        result.put("drainSeconds", seconds(start));
    }

    /** Delivery of the measured lines, {@code lines} to each viewer, counted on the loop thread. */
    void delivery(int viewers, int lines) {
        result.putAll(loop.call(() -> {
            long received = 0;
            long doubled = 0;
            long outOfOrder = 0;
            int complete = 0;
            int connected = 0;
            for (Viewer viewer : audience.viewers()) {
                Tally tally = viewer.tally();
                received += tally.received();
                doubled += tally.doubled();
                outOfOrder += tally.outOfOrder();
                complete += tally.received() == lines ? 1 : 0;
                connected += viewer.isConnected() ? 1 : 0;
            }
            long expected = (long) viewers * lines;
            Map<String, Object> delivery = Json.object();
            delivery.put("viewers", viewers);
            delivery.put("linesWritten", lines);
            delivery.put("expected", expected);
            delivery.put("received", received);
            delivery.put("delivered", expected == 0 ? 1.0 : received / (double) expected);
            delivery.put("lost", expected - received);
            delivery.put("doubled", doubled);
            delivery.put("outOfOrder", outOfOrder);
            delivery.put("viewersComplete", complete);
            delivery.put("connectedAtEnd", connected);
            delivery.put("dropped", audience.dropped.get() + audience.failed.get());
            delivery.put("droppedReasons", Map.copyOf(audience.reasons()));
            delivery.put("foreignLines", audience.foreign);
            delivery.put("resets", audience.resets);
            delivery.put("latencyMs", latency(audience.latency));
            return Map.of("delivery", delivery);
        }));
    }

    static Map<String, Object> latency(Histogram histogram) {
        Map<String, Object> latency = Json.object();
        latency.put("samples", histogram.count());
        latency.put("p50", histogram.percentileMillis(0.50));
        latency.put("p90", histogram.percentileMillis(0.90));
        latency.put("p99", histogram.percentileMillis(0.99));
        latency.put("max", histogram.count() == 0 ? Double.NaN : histogram.maxMillis());
        return latency;
    }

    /** The server's cost between two samples, and its memory now. */
    void server(ServerProbe.Sample before, ServerProbe.Sample after) {
        Map<String, Object> server = Json.object();
        server.put("alive", probe.alive());
        server.put("processes", after.processes());
        server.put("rssBytes", after.rssBytes());
        server.put("peakRssBytes", Math.max(after.rssBytes(), probe.peakRss()));
        server.put("pssBytes", probe.pss());
        server.put("cpuSeconds", after.cpuSeconds() - before.cpuSeconds());
        server.put("cpuSecondsSinceStart", after.cpuSeconds());
        result.put("server", server);
        result.put("loadCpuSeconds", ownCpuSeconds());
    }

    static double ownCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    static List<Double> loadavg() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return List.of(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        } catch (IOException e) {
            return List.of();
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Polls {@code condition} every 20 ms until it holds or the time is up; whether it held. */
    static boolean waitUntil(BooleanSupplier condition, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            pause(20);
        }
        return condition.getAsBoolean();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        result.put("loadavgAfter", loadavg());
        loop.close();
        probe.close();
        appender.close();
    }
}
