package dev.tailboard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** The scenarios of the benchmark, each run against one freshly started server. */
final class Scenarios {

    private Scenarios() {
    }

    /**
     * Viewers follow the live log while it grows at a steady rate: what share of the lines reaches every
     * viewer, how fast, and at what cost to the server. One viewer is the latency scenario.
     */
    static void live(Session s, int viewers, int lines, double perSecond, int warmUpLines, long connectTimeoutMillis)
            throws IOException {
        s.result.put("viewers", viewers);
        s.result.put("linesPerSecond", perSecond);
        s.connect(viewers, connectTimeoutMillis);
        s.warmUp(60_000);
        s.steady(warmUpLines, perSecond, 60_000);
        ServerProbe.Sample before = s.probe.sample();
        s.audience.window.open(s.appender.nextSeq(), lines);
        s.appender.append(lines, perSecond);
        s.drain(lines - 1, 15_000);
        ServerProbe.Sample after = s.probe.sample();
        s.delivery(viewers, lines);
        s.server(before, after);
        s.loop.closeAll();
    }

    /**
     * The shape of a real CI: {@code jobs} logs grow at once, each at {@code perSecond} lines a second, and each has
     * {@code viewersEach} viewers. Every log is {@code many-<n>} next to the session's log.
     */
    static void many(Session s, int jobs, double perSecond, int seconds, int viewersEach, double steadySeconds,
                     long connectTimeoutMillis) throws IOException {
        Path folder = Path.of(s.target.file()).toAbsolutePath().getParent();
        List<Target> logs = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            logs.add(new Target(s.target.host(), s.target.port(), "many-" + j, folder.resolve("many-" + j + ".log").toString()));
        }
        int each = (int) (perSecond * seconds);
        int viewers = jobs * viewersEach;
        s.result.put("jobs", jobs);
        s.result.put("viewers", viewers);
        s.result.put("linesPerSecond", perSecond * jobs);
        s.result.put("linesPerSecondEach", perSecond);
        try (ManyAppender appender = new ManyAppender(logs, s.origin)) {
            long start = System.nanoTime();
            for (int j = 0; j < jobs; j++) {
                for (int v = 0; v < viewersEach; v++) {
                    s.audience.join(logs.get(j), appender.size(j));
                }
            }
            Session.waitUntil(() -> s.audience.established.get() + s.audience.failed.get() >= viewers, connectTimeoutMillis);
            s.result.put("connect", Map.of("requested", viewers, "established", s.audience.established.get(),
                    "failed", s.audience.failed.get(), "seconds", Session.seconds(start)));
            long warmUpStart = System.nanoTime();
            long deadline = warmUpStart + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && s.loop.call(() -> s.audience.viewers().stream()
                    .anyMatch(v -> v.isConnected() && !v.isReady()))) {
                appender.appendToEach();
                Session.pause(200);
            }
            s.result.put("warmUp", Map.of("ready", s.audience.ready.get(), "seconds", Session.seconds(warmUpStart)));
            steady(s, appender, (int) (perSecond * steadySeconds), perSecond, viewersEach);
            ServerProbe.Sample before = s.probe.sample();
            s.audience.window.open(appender.base(), each * jobs);
            appender.append(each, perSecond);
            long drainStart = System.nanoTime();
            Session.waitUntil(() -> s.loop.call(() -> s.audience.viewers().stream()
                    .noneMatch(v -> v.isConnected() && v.tally().received() < each)), 15_000);
            s.result.put("drainSeconds", Session.seconds(drainStart));
            ServerProbe.Sample after = s.probe.sample();
            s.delivery(viewers, each);
            s.server(before, after);
        }
        s.loop.closeAll();
    }

    /** The many-logs stream, unmeasured, until every viewer has the last line of its log (see {@link Session#steady}). */
    private static void steady(Session s, ManyAppender appender, int each, double perSecond, int viewersEach)
            throws IOException {
        long start = System.nanoTime();
        if (each > 0) {
            long base = appender.base();
            appender.append(each, perSecond);
            List<Viewer> viewers = s.audience.viewers();
            // viewer i follows log i / viewersEach, whose last line is base + log * each + each - 1
            Session.waitUntil(() -> s.loop.call(() -> {
                for (int i = 0; i < viewers.size(); i++) {
                    Viewer viewer = viewers.get(i);
                    if (viewer.isConnected() && !viewer.hasReached(base + (long) (i / viewersEach) * each + each - 1)) {
                        return false;
                    }
                }
                return true;
            }), 60_000);
        }
        s.result.put("steadyLines", each);
        s.result.put("steadySeconds", Session.seconds(start));
    }

    /**
     * One viewer goes away for 2 s while 400 lines are written, then comes back as its client does; lines
     * are written before, while away and after, and each is counted.
     */
    static void resume(Session s) throws IOException {
        int before = 100;
        int away = 400;
        int after = 100;
        double perSecond = 200;
        s.connect(1, 30_000);
        s.warmUp(20_000);
        Viewer viewer = s.audience.viewers().get(0);
        s.audience.window.open(s.appender.nextSeq(), before + away + after);
        s.appender.append(before, perSecond);
        Session.waitUntil(() -> s.loop.call(() -> viewer.tally().has(before - 1)), 5_000);
        s.loop.call(() -> {
            viewer.connection().close();
            return null;
        });
        s.appender.append(away, perSecond);
        s.audience.connect(viewer);
        boolean back = Session.waitUntil(() -> s.loop.call(viewer::isConnected), 10_000);
        s.appender.append(after, perSecond);
        s.drain(before + away + after - 1, 5_000);
        s.delivery(1, before + away + after);
        Map<String, Object> resume = s.loop.call(() -> {
            Tally tally = viewer.tally();
            Map<String, Object> counts = Json.object();
            counts.put("reconnected", back);
            counts.put("lostBefore", tally.missing(0, before));
            counts.put("lostWhileAway", tally.missing(before, before + away));
            counts.put("lostAfter", tally.missing(before + away, before + away + after));
            counts.put("doubled", tally.doubled());
            counts.put("outOfOrder", tally.outOfOrder());
            return counts;
        });
        s.result.put("resume", resume);
        s.server(s.probe.sample(), s.probe.sample());
        s.loop.closeAll();
    }

    /**
     * One viewer reads a large finished log from offset 0, beside a plain download of the same file and
     * {@code cat}: the same bytes three ways, in the same run, {@code rounds} times.
     */
    static void catchUp(Session s, int rounds) throws IOException {
        long size = s.appender.size();
        long lines = s.appender.nextSeq();
        s.result.put("bytes", size);
        s.result.put("lines", lines);
        List<Object> results = new ArrayList<>();
        ServerProbe.Sample start = s.probe.sample();
        for (int round = 0; round < rounds; round++) {
            Map<String, Object> result = Json.object();
            result.put("catMBps", mbps(size, cat(s.target.file())));
            result.put("rawMBps", mbps(size, raw(s)));
            result.putAll(stream(s, size, (int) lines));
            results.add(result);
        }
        s.result.put("rounds", results);
        s.server(start, s.probe.sample());
    }

    private static double cat(String file) {
        long start = System.nanoTime();
        ServerProbe.command("timeout", "120", "sh", "-c", "cat \"$0\" > /dev/null", file);
        return Session.seconds(start);
    }

    private static double raw(Session s) {
        RawDownload download = new RawDownload(s.target);
        long start = System.nanoTime();
        s.loop.open(new Connection(s.loop, download, download));
        Session.waitUntil(download::done, 120_000);
        if (download.finishedAt() == 0 || download.bytes() != new java.io.File(s.target.file()).length()) {
            return Double.NaN;
        }
        return (download.finishedAt() - start) / 1e9;
    }

    private static Map<String, Object> stream(Session s, long size, int lines) {
        Audience audience = new Audience(s.loop, s.transport, s.target, s.origin);
        audience.window.open(0, lines);
        long start = System.nanoTime();
        Viewer viewer = audience.join(0);
        boolean complete = Session.waitUntil(() -> s.loop.call(() -> viewer.tally().received() == lines), 120_000);
        double seconds = (audience.lastArrivalNanos - start) / 1e9;
        Map<String, Object> result = Json.object();
        result.put("streamMBps", complete ? mbps(size, seconds) : Double.NaN);
        result.put("streamSeconds", seconds);
        result.putAll(s.loop.call(() -> {
            Map<String, Object> counts = Json.object();
            counts.put("received", viewer.tally().received());
            counts.put("lost", lines - viewer.tally().received());
            counts.put("doubled", viewer.tally().doubled());
            counts.put("outOfOrder", viewer.tally().outOfOrder());
            viewer.connection().close();
            return counts;
        }));
        return result;
    }

    private static double mbps(long bytes, double seconds) {
        return bytes / 1e6 / seconds;
    }

    /** Many viewers connected to a quiet log: what each costs the server in heap and resident memory. */
    static void idle(Session s, int viewers, long connectTimeoutMillis, long settleMillis) throws IOException {
        for (int i = 0; i < 10; i++) {
            s.appender.append();
        }
        s.result.put("viewers", viewers);
        Session.pause(1_000);
        OptionalLong heapBefore = s.probe.heapAfterGc();
        ServerProbe.Sample before = s.probe.sample();
        long pssBefore = s.probe.pss();
        s.connect(viewers, connectTimeoutMillis);
        Session.pause(settleMillis);
        int established = s.loop.call(() -> (int) s.audience.viewers().stream().filter(Viewer::isConnected).count());
        OptionalLong heapAfter = s.probe.heapAfterGc();
        ServerProbe.Sample after = s.probe.sample();
        long pssAfter = s.probe.pss();
        Map<String, Object> idle = Json.object();
        idle.put("connected", established);
        idle.put("dropped", s.audience.dropped.get() + s.audience.failed.get());
        idle.put("heapBeforeBytes", heapBefore.isPresent() ? heapBefore.getAsLong() : null);
        idle.put("heapAfterBytes", heapAfter.isPresent() ? heapAfter.getAsLong() : null);
        idle.put("heapPerViewerBytes", heapBefore.isPresent() && heapAfter.isPresent() && established > 0
                ? (heapAfter.getAsLong() - heapBefore.getAsLong()) / (double) established : null);
        idle.put("rssBeforeBytes", before.rssBytes());
        idle.put("rssAfterBytes", after.rssBytes());
        idle.put("rssPerViewerBytes", established > 0 ? (after.rssBytes() - before.rssBytes()) / (double) established : null);
        idle.put("pssPerViewerBytes", established > 0 ? (pssAfter - pssBefore) / (double) established : null);
        idle.put("processes", after.processes());
        s.result.put("idle", idle);
        s.server(before, after);
        s.loop.closeAll();
    }
}
