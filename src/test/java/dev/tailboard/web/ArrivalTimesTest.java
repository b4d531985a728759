package dev.tailboard.web;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/jobs/{id}/times} and {@code time} in SSE {@code log} events, over a real server and real files. */
class ArrivalTimesTest {

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private LogFolder logs() {
        return new LogFolder(dir);
    }

    /** Starts the server with an empty log of {@code job} that it has looked at, so that its first line gets a time. */
    private LogFolder serveEmptyLog(String job) {
        server = TestServer.start(dir);
        LogFolder logs = logs().append(job, "");
        server.get("/api/jobs/" + job);
        return logs;
    }

    private Map<String, Object> times(String job, String query) {
        HttpResponse<String> response = server.get("/api/jobs/" + job + "/times" + query);
        assertEquals(200, response.statusCode(), response.body());
        return server.json(response.body());
    }

    private static List<long[]> points(Map<String, Object> times) {
        return ((List<?>) times.get("points")).stream()
                .map(point -> ((List<?>) point).stream().mapToLong(n -> ((Number) n).longValue()).toArray())
                .toList();
    }

    /** The time of a line ending at {@code end}: that of the first point at or past it, as the contract says. */
    private static Long timeOf(List<long[]> points, long end) {
        return points.stream().filter(point -> point[0] >= end).findFirst().map(point -> point[1]).orElse(null);
    }

    private Long awaitTimeOf(String job, long end) {
        return Await.value("a time for the bytes before " + end, () -> timeOf(points(times(job, "")), end));
    }

    @Test
    void aLineWrittenLaterHasALaterTimeAndPointsAscend() throws InterruptedException {
        LogFolder logs = serveEmptyLog("build/1");
        logs.append("build/1", "first\n");
        long first = awaitTimeOf("build/1", logs.size("build/1"));
        // what is measured here is the pause between two writes, not a wait for the server
        Thread.sleep(1600);
        logs.append("build/1", "second\n");
        long second = awaitTimeOf("build/1", logs.size("build/1"));

        long apart = second - first;
        System.out.println("a line written 1600 ms after another got a time " + apart + " ms later");
        assertTrue(apart >= 1600, "the first line's point was there before the pause began: " + apart);
        assertTrue(apart < 1600 + Await.DEADLINE.toMillis(), "" + apart);
        List<long[]> points = points(times("build/1", ""));
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i)[0] > points.get(i - 1)[0] && points.get(i)[1] >= points.get(i - 1)[1],
                    "points ascend in both: " + points.stream().map(p -> p[0] + "@" + p[1]).toList());
        }
        assertEquals(List.of(), points(times("build/1", "?from=" + logs.size("build/1"))), "nothing past the end");
        assertEquals(1, points(times("build/1", "?from=" + ("first\n".length()))).size(),
                "from the second line on, only its point");
    }

    @Test
    void sseLogEventsCarryTheTimeOfTheirLastLine() throws InterruptedException {
        server = TestServer.start(dir);
        LogFolder logs = logs().append("build/2", "");
        try (SseClient sse = server.sse("/api/jobs/build/2/events")) {
            logs.append("build/2", "compiling\n");
            List<SseClient.Event> events = sse.until("log");
            SseClient.Event event = events.get(events.size() - 1);
            Map<String, Object> data = server.json(event.data());
            long time = ((Number) data.get("time")).longValue();
            assertEquals(awaitTimeOf("build/2", Long.parseLong(event.id())), time, "as /times says");
        }
    }

    @Test
    void bytesThereBeforeTailboardFirstSawTheFileHaveNoTime() throws InterruptedException {
        LogFolder logs = logs().append("old/1", "written before\n");
        server = TestServer.start(dir);
        long before = logs.size("old/1");
        try (SseClient sse = server.sse("/api/jobs/old/1/events")) {
            List<SseClient.Event> events = sse.until("log");
            Map<String, Object> data = server.json(events.get(events.size() - 1).data());
            assertTrue(data.containsKey("time"));
            assertNull(data.get("time"), "unknown, and said so");
        }
        assertEquals(List.of(), points(times("old/1", "")));
        assertEquals(before, ((Number) times("old/1", "").get("timedFrom")).longValue());
        logs.append("old/1", "written after\n");
        awaitTimeOf("old/1", logs.size("old/1"));
        assertEquals(before, ((Number) times("old/1", "").get("timedFrom")).longValue());
    }

    @Test
    void theSamePointsAfterARestartAndNeverInsideTheLog() throws IOException {
        LogFolder logs = serveEmptyLog("deploy/7");
        StringBuilder written = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            String line = "step " + i + "\n";
            written.append(line);
            logs.append("deploy/7", line);
            awaitTimeOf("deploy/7", logs.size("deploy/7"));
        }
        String before = server.get("/api/jobs/deploy/7/times").body();
        server.close();

        server = TestServer.start(dir);
        assertEquals(before, server.get("/api/jobs/deploy/7/times").body());
        assertEquals(written.toString(), Files.readString(logs.log("deploy/7"), StandardCharsets.UTF_8),
                "the log holds exactly what was written");
        assertEquals(written.toString(), server.get("/api/jobs/deploy/7/raw").body());
        try (Stream<Path> files = Files.list(dir.resolve("deploy"))) {
            List<String> names = files.map(file -> file.getFileName().toString()).sorted().toList();
            assertEquals(List.of(".7.times", "7.log"), names, "the times are beside the log, hidden");
        }
        String jobs = server.get("/api/jobs").body();
        assertEquals(1, jobs.split("\"id\":", -1).length - 1, "only the log is a job: " + jobs);
        assertFalse(jobs.contains("times"), jobs);
    }

    @Test
    void aPointMovedByLaterLooksReachesTheFileWithoutAStop() throws IOException {
        LogFolder logs = serveEmptyLog("slow/1");
        logs.append("slow/1", "one\n");
        awaitTimeOf("slow/1", logs.size("slow/1"));
        // written at once, well within 250 ms of the first: the look at it moves the point rather than adding one
        logs.append("slow/1", "two\n");
        long end = logs.size("slow/1");
        long time = awaitTimeOf("slow/1", end);
        Path file = dir.resolve("slow/.1.times");
        Await.until("the times file's last point is [" + end + ", " + time + "]",
                () -> Arrays.equals(new long[] {end, time}, lastPointIn(file)));
    }

    /** The last point in a times file: 16 bytes of header, then 16 per point (its end, then its time). */
    private static long[] lastPointIn(Path file) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            return bytes.limit() < 32 ? null : new long[] {bytes.getLong(bytes.limit() - 16), bytes.getLong(bytes.limit() - 8)};
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void atMostAFewPointsPerSecondHoweverFastTheLogGrows() throws InterruptedException {
        LogFolder logs = serveEmptyLog("fast/1");
        long started = System.currentTimeMillis();
        int lines = 0;
        while (System.currentTimeMillis() - started < 1500) {
            logs.append("fast/1", "line " + ++lines + "\n");
            Thread.sleep(1); // a writer's pace, not a wait for the server
        }
        awaitTimeOf("fast/1", logs.size("fast/1"));
        List<long[]> points = points(times("fast/1", ""));
        long span = points.get(points.size() - 1)[1] - points.get(0)[1];
        System.out.println(lines + " appends in 1.5 s made " + points.size() + " points over " + span + " ms");
        // points are made at least 250 ms apart, and a point's time moves at most 250 ms after it was made
        assertTrue(points.size() <= span / 250 + 2, points.size() + " points over " + span + " ms");
    }

    @Test
    void refusesABadCursorAndAnUnknownJob() {
        logs().append("build/3", "x\n");
        server = TestServer.start(dir);
        assertEquals(400, server.get("/api/jobs/build/3/times?from=-1").statusCode());
        assertEquals(400, server.get("/api/jobs/build/3/times?from=abc").statusCode());
        HttpResponse<String> unknown = server.get("/api/jobs/nope/times");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().startsWith("{\"error\":"), unknown.body());
    }
}
