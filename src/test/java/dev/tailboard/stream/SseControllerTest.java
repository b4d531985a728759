package dev.tailboard.stream;

import dev.tailboard.logs.LogFeeds;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/jobs/{id}/events} over a real connection, parsed exactly as a browser would. */
class SseControllerTest {

    @TempDir
    Path dir;
    LogFolder folder;
    TestServer server;

    @BeforeEach
    void start() {
        folder = new LogFolder(dir);
        server = TestServer.start(dir, Map.of("tailboard.heartbeat", "300ms"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Reads {@code log} events until {@code count} lines arrived; checks ids are file offsets and numbering. */
    List<String> readLines(SseClient client, int count, long[] lastId, long[] nextLine) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < count) {
            SseClient.Event event = client.next();
            if (!"log".equals(event.event())) {
                continue;
            }
            Map<String, Object> data = server.json(event.data());
            if (nextLine[0] > 0) {
                assertEquals(nextLine[0], ((Number) data.get("line")).longValue(), "line numbers continue");
            }
            List<String> batch = TestServer.lines(data);
            lines.addAll(batch);
            nextLine[0] = ((Number) data.get("line")).longValue() + batch.size();
            lastId[0] = Long.parseLong(event.id());
        }
        return lines;
    }

    static SseClient.Event last(List<SseClient.Event> events) {
        return events.get(events.size() - 1);
    }

    @Test
    void streamsLinesWrittenBeforeAndWhileConnectedWithOffsetsAsIds() throws Exception {
        folder.append("backend/42", LogFolder.lines("before ", 1, 3));
        try (SseClient client = server.sse("/api/jobs/backend/42/events")) {
            assertEquals(200, client.status());
            assertEquals("text/event-stream", client.response().headers().firstValue("content-type").orElseThrow());
            assertEquals("no-cache", client.response().headers().firstValue("cache-control").orElseThrow());
            assertEquals("no", client.response().headers().firstValue("x-accel-buffering").orElseThrow());
            SseClient.Event first = client.nextIncludingComments();
            assertTrue(first.isComment(), "a comment comes first so that headers flush at once");
            assertEquals("3000", client.next().retry());
            long[] lastId = {0};
            long[] nextLine = {1};
            assertEquals(List.of("before 1", "before 2", "before 3"), readLines(client, 3, lastId, nextLine));
            assertEquals(folder.size("backend/42"), lastId[0]);
            folder.append("backend/42", "during 1\nduring 2\n");
            assertEquals(List.of("during 1", "during 2"), readLines(client, 2, lastId, nextLine));
            assertEquals(folder.size("backend/42"), lastId[0]);
            assertEquals(6, nextLine[0]);
            folder.finish("backend/42", "success", 0);
            List<SseClient.Event> rest = client.until("end");
            assertEquals("status", rest.get(0).event());
            assertEquals(Map.of("status", "success", "exitCode", 0), server.json(rest.get(0).data()));
            assertEquals(Map.of("status", "success", "exitCode", 0), server.json(rest.get(rest.size() - 1).data()));
            assertTrue(SseClient.isEnd(client.next()), "the server closes the stream after end");
        }
    }

    @Test
    void reconnectingWithTheLastIdDeliversExactlyTheRest() throws Exception {
        folder.append("resume", LogFolder.lines("line ", 1, 10));
        long[] lastId = {0};
        long[] nextLine = {1};
        try (SseClient client = server.sse("/api/jobs/resume/events")) {
            readLines(client, 10, lastId, nextLine);
        }
        folder.append("resume", LogFolder.lines("line ", 11, 5)).finish("resume", "failed", 1);
        try (SseClient client = server.sse("/api/jobs/resume/events?from=0", Map.of("Last-Event-ID", Long.toString(lastId[0])))) {
            assertEquals(LogFolder.lines("line ", 11, 5).lines().toList(), readLines(client, 5, lastId, nextLine));
            assertEquals("end", last(client.until("end")).event());
        }
        HttpResponse<String> atEnd = server.get("/api/jobs/resume/events", "Last-Event-ID", Long.toString(lastId[0]));
        assertEquals(204, atEnd.statusCode(), "a reconnect at the end of a final job stops EventSource");
    }

    @Test
    void resumesExactlyAcrossARestartOfTheWholeServer() throws Exception {
        folder.append("nightly", LogFolder.lines("n", 1, 100));
        long[] lastId = {0};
        long[] nextLine = {1};
        List<String> seen = new ArrayList<>();
        try (SseClient client = server.sse("/api/jobs/nightly/events")) {
            seen.addAll(readLines(client, 100, lastId, nextLine));
        }
        server.close();
        server = null;
        folder.append("nightly", LogFolder.lines("n", 101, 50));
        server = TestServer.start(dir);
        folder.append("nightly", LogFolder.lines("n", 151, 50)).finish("nightly", "success", 0);
        try (SseClient client = server.sse("/api/jobs/nightly/events", Map.of("Last-Event-ID", Long.toString(lastId[0])))) {
            seen.addAll(readLines(client, 100, lastId, nextLine));
            client.until("end");
        }
        assertEquals(LogFolder.lines("n", 1, 200).lines().toList(), seen);
    }

    @Test
    void tailAndMidLineFromStartAtLineStarts() throws Exception {
        folder.append("t", "aaa\nbbb\nccc\nddd\n").finish("t", "success", 0);
        try (SseClient client = server.sse("/api/jobs/t/events?tail=2")) {
            Map<String, Object> data = server.json(last(client.until("log")).data());
            assertEquals(3L, ((Number) data.get("line")).longValue());
            assertEquals(List.of("ccc", "ddd"), TestServer.lines(data));
        }
        try (SseClient client = server.sse("/api/jobs/t/events?from=5")) {
            SseClient.Event log = client.until("log").stream().filter(e -> "log".equals(e.event())).findFirst().orElseThrow();
            assertEquals(List.of("ccc", "ddd"), TestServer.lines(server.json(log.data())));
            assertEquals("16", log.id());
        }
    }

    @Test
    void aCursorPastTheEndSaysResetAndStartsAgainAtZero() throws Exception {
        folder.append("cut", "new content\n");
        try (SseClient client = server.sse("/api/jobs/cut/events", Map.of("Last-Event-ID", "5000"))) {
            SseClient.Event reset = last(client.until("reset"));
            assertEquals("reset", reset.event());
            assertEquals("{}", reset.data());
            SseClient.Event log = last(client.until("log"));
            assertEquals(List.of("new content"), TestServer.lines(server.json(log.data())));
        }
    }

    @Test
    void anIdleStreamGetsHeartbeats() throws Exception {
        folder.append("idle", "x\n");
        try (SseClient client = server.sse("/api/jobs/idle/events")) {
            client.until("log");
            SseClient.Event event;
            do {
                event = client.nextIncludingComments();
            } while (!(event.isComment() && "ping".equals(event.data())));
            assertNotNull(event);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "", " ", "99999999999999999999999"})
    void aBadLastEventIdIsA400WithAJsonError(String id) {
        folder.append("bad", "x\n");
        HttpResponse<String> response = server.get("/api/jobs/bad/events", "Last-Event-ID", id.isEmpty() ? "\u0020" : id);
        assertEquals(400, response.statusCode());
        assertTrue(server.json(response.body()).get("error").toString().contains("Last-Event-ID"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=abc", "from=-3", "tail=x", "from=1&tail=2", "from="})
    void badParametersAre400(String query) {
        folder.append("bad", "x\n");
        HttpResponse<String> response = server.get("/api/jobs/bad/events?" + query);
        assertEquals(400, response.statusCode());
        assertNotNull(server.json(response.body()).get("error"));
    }

    @Test
    void anUnknownJobIs404() {
        HttpResponse<String> response = server.get("/api/jobs/nope/events");
        assertEquals(404, response.statusCode());
        assertEquals("no job 'nope'", server.json(response.body()).get("error"));
    }

    @Test
    void twoHundredViewersGetEveryLineFromOneReader() throws Exception {
        folder.append("popular", "start\n");
        int viewers = 200;
        List<SseClient> clients = new ArrayList<>();
        LogFeeds feeds = server.context().getBean(LogFeeds.class);
        try {
            for (int i = 0; i < viewers; i++) {
                clients.add(server.sse("/api/jobs/popular/events"));
            }
            Await.until("every viewer is connected", () -> feeds.viewers() == viewers);
            assertEquals(1, feeds.openReaders());
            for (int i = 1; i <= 20; i++) {
                folder.append("popular", LogFolder.lines("burst" + i + "-", 1, 50));
            }
            folder.finish("popular", "success", 0);
            List<String> expected = new ArrayList<>(List.of("start"));
            for (int i = 1; i <= 20; i++) {
                expected.addAll(LogFolder.lines("burst" + i + "-", 1, 50).lines().toList());
            }
            ExecutorService readers = Executors.newFixedThreadPool(16);
            List<Future<List<String>>> received = new ArrayList<>();
            for (SseClient client : clients) {
                received.add(readers.submit(() -> readLines(client, expected.size(), new long[1], new long[1])));
            }
            for (Future<List<String>> lines : received) {
                assertEquals(expected, lines.get());
            }
            readers.shutdown();
            assertEquals(1, feeds.openReaders());
        } finally {
            clients.forEach(SseClient::close);
        }
    }

    @Test
    void theFileIsTheBufferWhenItIsReplacedByRename() throws Exception {
        folder.append("swap", "old\n");
        try (SseClient client = server.sse("/api/jobs/swap/events")) {
            client.until("log");
            Path replacement = dir.resolve(".swap.tmp");
            Files.writeString(replacement, "fresh 1\nfresh 2\n");
            Files.move(replacement, folder.log("swap"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            assertEquals("reset", last(client.until("reset")).event());
            assertEquals(List.of("fresh 1", "fresh 2"), readLines(client, 2, new long[1], new long[1]));
        }
    }
}
