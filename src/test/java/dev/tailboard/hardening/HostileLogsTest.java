package dev.tailboard.hardening;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logs no build tool should write, written anyway: every line still arrives, exactly once, and nothing breaks. */
class HostileLogsTest {

    static final int MAX_LINE_BYTES = 65536;

    @TempDir
    static Path logs;
    static LogFolder folder;
    static TestServer server;

    @BeforeAll
    static void start() {
        folder = new LogFolder(logs);
        server = TestServer.start(logs, Map.of("tailboard.feed-linger", "0s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The lines of one {@code log} event. */
    static List<String> lines(SseClient.Event event) {
        return TestServer.lines(server.json(event.data()));
    }

    @Test
    void binaryNulAndInvalidUtf8AreDeliveredAsTextAndServedRawByteForByte() throws Exception {
        byte[][] lines = {
                {0, 0, 'n', 'u', 'l', 0},
                {(byte) 0xff, (byte) 0xfe, (byte) 0xfd},
                {'a', (byte) 0xe2, (byte) 0x82, 'b'},
                {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80, (byte) 0xc0, (byte) 0xaf},
                {'\r', 'b', 'e', 'l', 7, 27, '[', '3', '1', 'm', '\r'},
                "ok ✓".getBytes(StandardCharsets.UTF_8)};
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            all.write(line);
            all.write('\n');
        }
        byte[] random = new byte[64 * 1024];
        new java.util.Random(42).nextBytes(random);
        all.write(random);
        folder.append("binary", all.toByteArray()).finish("binary", "failed", 1);

        List<String> received = new ArrayList<>();
        try (SseClient viewer = server.sse("/api/jobs/binary/events")) {
            for (SseClient.Event event : viewer.until("end")) {
                if ("log".equals(event.event())) {
                    received.addAll(lines(event));
                }
            }
        }
        for (int i = 0; i < lines.length; i++) {
            byte[] content = lines[i];
            if (content.length > 0 && content[content.length - 1] == '\r') {
                content = Arrays.copyOf(content, content.length - 1);
            }
            assertEquals(new String(content, StandardCharsets.UTF_8), received.get(i), "line " + (i + 1));
        }
        assertEquals(new String(random, StandardCharsets.UTF_8).replace("\r\n", "\n"),
                String.join("\n", received.subList(lines.length, received.size())).replace("\r\n", "\n"),
                "the random tail, split at newlines and max-line-bytes, decodes to the same text");

        byte[] raw = server.http().send(java.net.http.HttpRequest.newBuilder(server.uri("/api/jobs/binary/raw")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        assertArrayEquals(all.toByteArray(), raw);
    }

    /** 50 MB without a newline: cut every max-line-bytes, each piece sent as soon as it is complete. */
    @Test
    void aFiftyMegabyteLineIsDeliveredPieceByPieceWhileItIsWritten() throws Exception {
        int pieces = 50 * 1024 * 1024 / MAX_LINE_BYTES;
        folder.append("huge", new byte[0]).sidecar("huge", "{\"status\":\"running\"}");
        try (SseClient viewer = server.sse("/api/jobs/huge/events");
             OutputStream out = Files.newOutputStream(folder.log("huge"), StandardOpenOption.APPEND)) {
            byte[] block = new byte[MAX_LINE_BYTES];
            Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < pieces; i++) {
                out.write(block);
            }
            out.flush();
            long received = 0;
            long line = 1;
            while (received < pieces - 1) {
                SseClient.Event event = viewer.next();
                if (!"log".equals(event.event())) {
                    continue;
                }
                Map<String, Object> data = server.json(event.data());
                assertEquals(line, ((Number) data.get("line")).longValue());
                for (String piece : TestServer.lines(data)) {
                    assertEquals(MAX_LINE_BYTES, piece.length());
                    line++;
                    received++;
                }
            }
            assertEquals(pieces - 1, received, "every complete piece arrived while the job still runs");
            folder.finish("huge", "success", 0);
            List<SseClient.Event> rest = viewer.until("end");
            assertEquals(List.of("x".repeat(MAX_LINE_BYTES)), lines(rest.stream().filter(e -> "log".equals(e.event())).findFirst().orElseThrow()),
                    "the last piece arrives once the job is final");
        }
    }

    /** A million short lines in one write: all of them, in order, once — in a few large events. */
    @Test
    void aMillionLinesInOneBurstArriveInFewEvents() throws Exception {
        int count = 1_000_000;
        folder.append("burst", LogFolder.lines("L", 1, count)).finish("burst", "success", 0);
        long next = 1;
        int events = 0;
        try (SseClient viewer = server.sse("/api/jobs/burst/events")) {
            for (SseClient.Event event = viewer.next(); !"end".equals(event.event()); event = viewer.next()) {
                if ("log".equals(event.event())) {
                    events++;
                    Map<String, Object> data = server.json(event.data());
                    assertEquals(next, ((Number) data.get("line")).longValue());
                    for (String line : TestServer.lines(data)) {
                        assertEquals("L" + next, line);
                        next++;
                    }
                }
            }
        }
        assertEquals(count + 1, next, "every line once");
        assertTrue(events < count / 500, events + " events for " + count + " lines");
        System.out.printf("figure: %,d lines in one burst reached an SSE viewer in %,d events%n", count, events);
    }

    /** How a build tool may start a log again under a viewer's feet. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated", "deleted and recreated", "replaced by rename"})
    void aLogStartedAgainUnderItsViewersResetsThem(String how) throws Exception {
        String id = "again/" + how.replace(' ', '-');
        folder.append(id, LogFolder.lines("old ", 1, 50)).sidecar(id, "{\"status\":\"running\"}");
        try (SseClient viewer = server.sse("/api/jobs/" + id + "/events")) {
            List<String> seen = new ArrayList<>();
            while (seen.size() < 50) {
                SseClient.Event event = viewer.next();
                if ("log".equals(event.event())) {
                    seen.addAll(lines(event));
                }
            }
            startAgain(folder.log(id), how, "new 1\nnew 2\n");
            List<SseClient.Event> after = viewer.until("log");
            assertTrue(after.stream().anyMatch(event -> "reset".equals(event.event())), after::toString);
            SseClient.Event log = after.get(after.size() - 1);
            assertEquals("0", after.stream().filter(e -> "reset".equals(e.event())).findFirst().orElseThrow().id());
            List<String> fresh = new ArrayList<>(lines(log));
            folder.append(id, "new 3\n").finish(id, "success", 0);
            for (SseClient.Event event : viewer.until("end")) {
                if ("log".equals(event.event())) {
                    fresh.addAll(lines(event));
                }
            }
            assertEquals(List.of("new 1", "new 2", "new 3"), fresh);
        }
    }

    private static void startAgain(Path log, String how, String content) throws IOException {
        switch (how) {
            case "truncated" -> {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
                    file.setLength(0);
                }
                Files.writeString(log, content, StandardOpenOption.APPEND);
            }
            case "deleted and recreated" -> {
                Files.delete(log);
                Await.until("the job to go", () -> server.get("/api/jobs/" + jobIdOf(log)).statusCode() == 404);
                Files.writeString(log, content);
            }
            default -> {
                Path temp = log.resolveSibling(".next.tmp");
                Files.writeString(temp, content);
                Files.move(temp, log, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String jobIdOf(Path log) {
        String relative = logs.relativize(log).toString();
        return relative.substring(0, relative.length() - ".log".length());
    }

    @Test
    void aGarbageOrHugeSidecarMakesTheStatusUnknownAndNothingElse() throws Exception {
        folder.append("garbage", "one\n").sidecar("garbage", "{\"status\": \"success\", \u0000 nope");
        folder.append("huge-sidecar", "one\n").sidecar("huge-sidecar",
                "{\"status\":\"success\",\"note\":\"" + "n".repeat(1024 * 1024) + "\"}");
        folder.append("nested", "one\n").sidecar("nested", "[".repeat(60_000));
        folder.append("wrong-types", "one\n").sidecar("wrong-types", "{\"status\":7,\"exitCode\":\"x\",\"title\":[1]}");
        for (String id : List.of("garbage", "huge-sidecar", "nested", "wrong-types")) {
            Map<String, Object> job = Await.value(id, () -> server.get("/api/jobs/" + id).statusCode() == 200
                    ? server.json(server.get("/api/jobs/" + id).body()) : null);
            assertEquals("unknown", job.get("status"), id);
            try (SseClient viewer = server.sse("/api/jobs/" + id + "/events")) {
                List<SseClient.Event> first = viewer.until("log");
                assertEquals("log", first.get(first.size() - 1).event(), id + ": " + first);
                assertEquals(List.of("one"), lines(first.get(first.size() - 1)));
            }
        }
        assertEquals(200, server.get("/api/jobs").statusCode());
        folder.finish("garbage", "success", 0);
        Await.until("a repaired sidecar to count", () -> server.get("/api/jobs/garbage").body().contains("\"success\""));
    }
}
