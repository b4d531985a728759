package dev.tailboard.hardening;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.RawSse;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network at its worst: viewers that vanish without a word, and viewers that stop reading. Whatever
 * they do, the server's readers, viewers and file handles (seen at {@code /health}) come back to where they were.
 */
class ConnectionFaultsTest {

    /**
     * Far below the 20 MB log: the viewer's cursor waits, the file is its buffer. A viewer writes only while its
     * connection is below Netty's high-water mark (64 KiB), so it holds that plus one event (a batch of at most
     * 64 KiB of lines, as JSON) and the greeting.
     */
    static final long MAX_HELD_PER_VIEWER = 512 * 1024;

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

    /** The {@code tailboard} details of {@code GET /health}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> vitals() {
        Map<String, Object> health = server.json(server.get("/health").body());
        Map<String, Object> details = (Map<String, Object>) health.get("details");
        return (Map<String, Object>) ((Map<String, Object>) details.get("tailboard")).get("details");
    }

    static long vital(String name) {
        return ((Number) vitals().get(name)).longValue();
    }

    static void awaitAllReleased(long fileDescriptors) {
        Await.until("no viewer and no open log", () -> vital("viewers") == 0 && vital("openReaders") == 0);
        Await.until("file descriptors back to " + fileDescriptors, () -> vital("openFileDescriptors") <= fileDescriptors);
    }

    @Test
    void aThousandViewersThatVanishWithoutClosingLeaveNothingBehind() throws Exception {
        folder.append("live", "building\n").sidecar("live", "{\"status\":\"running\"}");
        try (SseClient warmUp = server.sse("/api/jobs/live/events")) {
            warmUp.until("log");
        }
        awaitAllReleased(Long.MAX_VALUE);
        long before = vital("openFileDescriptors");
        int peak = 0;
        for (int batch = 0; batch < 10; batch++) {
            List<RawSse> viewers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                viewers.add(RawSse.request(server.port(), "/api/jobs/live/events", 64 * 1024));
            }
            for (int i = 0; i < viewers.size(); i++) {
                RawSse viewer = viewers.get(i);
                if (i % 2 == 0) {
                    assertEquals(200, viewer.head());
                    RawSse.Event event = viewer.next();
                    while (!"log".equals(event.event())) {
                        event = viewer.next();
                    }
                }
            }
            peak = Math.max(peak, (int) vital("viewers"));
            viewers.forEach(RawSse::reset);
        }
        awaitAllReleased(before);
        System.out.printf("figure: 1,000 vanished viewers (reset, half before the first byte): up to %d viewers at once; "
                + "file descriptors %d before, %d after%n", peak, before, vital("openFileDescriptors"));
        try (SseClient viewer = server.sse("/api/jobs/live/events")) {
            List<SseClient.Event> events = viewer.until("log");
            assertEquals("log", events.get(events.size() - 1).event(), "the server still serves");
        }
    }

    /**
     * Ten viewers stop reading a 20 MB log after the first few kilobytes. The server holds little for them
     * (their cursors wait; the file is their buffer), a reading viewer gets the whole log meanwhile, and each
     * stalled one, when it reads again, gets every line exactly once.
     */
    @Test
    void aViewerThatStopsReadingCostsLittleSlowsNoOneAndCatchesUp() throws Exception {
        int lines = bigLog();
        awaitAllReleased(Long.MAX_VALUE);
        long fileDescriptors = vital("openFileDescriptors");

        List<RawSse> stalled = new ArrayList<>();
        stalled.add(stalledViewer());
        try (SseClient reader = server.sse("/api/jobs/big/events")) {
            assertEquals(lines, countLines(reader), "the log is open and read once: what it costs is shared");
        }
        long oneStalled = usedMemory();
        for (int i = 0; i < 10; i++) {
            stalled.add(stalledViewer());
        }
        try (SseClient reader = server.sse("/api/jobs/big/events")) {
            assertEquals(lines, countLines(reader), "a reading viewer gets the whole log while others stall");
        }
        Await.until("only the stalled viewers left", () -> vital("viewers") == stalled.size());
        long heapPerViewer = (usedMemory() - oneStalled) / 10;
        long heldPerViewer = vital("heldBytes") / stalled.size();
        System.out.printf("figure: a stalled viewer of a 20 MB log: %,d bytes waiting in its connection's outbound buffer; "
                + "heap and direct memory grew by about %,d bytes per viewer (the garbage collector's figure)%n",
                heldPerViewer, heapPerViewer);
        assertTrue(heldPerViewer < MAX_HELD_PER_VIEWER, heldPerViewer + " bytes held per stalled viewer");

        for (RawSse viewer : stalled) {
            long next = -1;
            long count = 1;
            for (RawSse.Event event = viewer.next(); event != null && !"end".equals(event.event()); event = viewer.next()) {
                if ("log".equals(event.event())) {
                    Map<String, Object> data = server.json(event.data());
                    long first = ((Number) data.get("line")).longValue();
                    assertTrue(next < 0 || first == next, "line " + first + " after " + next);
                    next = first + TestServer.lines(data).size();
                    count = next;
                }
            }
            assertEquals(lines + 1, count, "every line once, to the end");
            viewer.close();
        }
        awaitAllReleased(fileDescriptors);
    }

    /** The HTTP stream is paced by the socket too: a reader that stops holds as little, and then gets every line once. */
    @Test
    void aReaderOfTheRawStreamThatStopsReadingCostsLittleAndCatchesUp() throws Exception {
        int lines = bigLog();
        awaitAllReleased(Long.MAX_VALUE);
        long fileDescriptors = vital("openFileDescriptors");
        try (RawSse reader = RawSse.request(server.port(), "/api/jobs/big/stream", 4096, "Accept: */*")) {
            assertEquals(200, reader.head());
            assertEquals("1 ", reader.bodyLine().substring(0, 2));
            Await.until("the connection is full", () -> vital("heldBytes") > 0);
            long held = vital("heldBytes");
            System.out.printf("figure: a stalled reader of a 20 MB log's /stream: %,d bytes waiting in its connection's "
                    + "outbound buffer%n", held);
            assertTrue(held < MAX_HELD_PER_VIEWER, held + " bytes held for a stalled reader");
            int count = 1;
            for (String line = reader.bodyLine(); line != null; line = reader.bodyLine()) {
                count++;
                assertTrue(line.startsWith(count + " "), "line " + count + ": " + line);
            }
            assertEquals(lines, count, "every line once, to the end");
        }
        awaitAllReleased(fileDescriptors);
    }

    /** A finished log of 200,000 lines, about 20 MB, written once for every test that needs it; its line count. */
    private static int bigLog() {
        int lines = 200_000;
        if (!Files.exists(logs.resolve("big.log"))) {
            String padding = "x".repeat(80);
            StringBuilder log = new StringBuilder();
            for (int i = 1; i <= lines; i++) {
                log.append(i).append(' ').append(padding).append('\n');
            }
            folder.append("big", log.toString()).finish("big", "success", 0);
        }
        return lines;
    }

    private static RawSse stalledViewer() throws java.io.IOException {
        RawSse viewer = RawSse.request(server.port(), "/api/jobs/big/events", 4096);
        assertEquals(200, viewer.head());
        assertNotNull(viewer.next());
        return viewer;
    }

    private static long countLines(SseClient reader) throws InterruptedException {
        long count = 0;
        for (SseClient.Event event = reader.next(); !"end".equals(event.event()); event = reader.next()) {
            if ("log".equals(event.event())) {
                count += TestServer.lines(server.json(event.data())).size();
            }
        }
        return count;
    }

    /** Heap in use after a full collection, plus the direct buffers Netty writes from. */
    private static long usedMemory() {
        System.gc();
        System.out.println("memory: heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + " direct "
                + ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream().mapToLong(BufferPoolMXBean::getMemoryUsed).sum()
                + " netty " + io.netty.util.internal.PlatformDependent.usedDirectMemory());
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + direct;
    }
}
