package dev.tailboard.hardening;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tailboard.access.Connections;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.RawHttp;
import dev.tailboard.testing.RawSse;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection floods as they were made, with raw sockets on loopback: connections that send nothing, requests
 * sent by halves, and more connections than the server may serve. Every socket a test opens, it closes.
 */
class ConnectionFloodsTest {

    @TempDir
    static Path base;

    static TestServer serve(String folder, Map<String, Object> properties) {
        LogFolder logs = new LogFolder(base.resolve(folder));
        logs.append("build", "first line\n").sidecar("build", "{\"status\":\"running\"}");
        return TestServer.start(logs.root(), properties);
    }

    /** A connection to the server on loopback; with {@code sent}, what it sends and then holds. */
    static Socket connect(TestServer server, String sent) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
            socket.setSoTimeout((int) Await.DEADLINE.toMillis());
            if (!sent.isEmpty()) {
                socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what the server still sends until it closes the connection (a reset counts as closed). */
    static String readUntilClosed(Socket socket) throws IOException {
        StringBuilder got = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                got.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + Await.DEADLINE + "; got: " + got, e);
        } catch (SocketException reset) {
            // closed by the server with a reset
        }
        return got.toString();
    }

    static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing what the server may already have closed
            }
        }
    }

    static RawSse follow(TestServer server) throws IOException {
        RawSse viewer = RawSse.request(server.port(), "/api/jobs/build/events", 65536);
        assertEquals(200, viewer.head());
        RawSse.Event first = viewer.next();
        assertNotNull(first);
        return viewer;
    }

    /** A line appended now reaches {@code viewer}: it is still served. */
    static void stillServed(LogFolder logs, RawSse viewer, String line) throws IOException {
        logs.append("build", line + "\n");
        RawSse.Event event;
        do {
            event = viewer.next();
            assertNotNull(event, "the stream ended");
        } while (!event.data().contains(line));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class IncompleteRequests {

        TestServer server;

        @BeforeAll
        void start() {
            server = serve("timeout", Map.of("tailboard.request-timeout", "1s"));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void areClosedAfterTheRequestTimeoutWhileStreamsAndSocketsGoOn() throws Exception {
            LogFolder logs = new LogFolder(base.resolve("timeout"));
            try (RawSse viewer = follow(server)) {
                List<Socket> sockets = new ArrayList<>();
                String head = "GET /api/jobs HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\n";
                try {
                    for (int i = 0; i < 100; i++) {
                        sockets.add(connect(server, ""));
                        sockets.add(connect(server, head));
                    }
                    sockets.add(connect(server, "POST /api/answers HTTP/1.1\r\nHost: localhost:" + server.port()
                            + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"prompt\""));
                    long started = System.nanoTime();
                    for (Socket socket : sockets) {
                        String answer = readUntilClosed(socket);
                        assertTrue(answer.isEmpty(), answer);
                    }
                    System.out.printf("figure: %d incomplete requests closed by the server within %d ms (request-timeout 1s)%n",
                            sockets.size(), (System.nanoTime() - started) / 1_000_000);
                } finally {
                    closeAll(sockets);
                }
                stillServed(logs, viewer, "after the incomplete ones were closed");
            }
        }

        @Test
        void aHundredAbortedUploadsAreAHundredLinesInTheLogNotAHundredStackTraces() throws Exception {
            ListAppender<ILoggingEvent> log = new ListAppender<>();
            Logger tailboard = (Logger) LoggerFactory.getLogger("dev.tailboard");
            log.start();
            tailboard.addAppender(log);
            tailboard.setLevel(Level.INFO);
            try {
                for (int i = 0; i < 100; i++) {
                    try (Socket socket = connect(server, "POST /api/answers HTTP/1.1\r\nHost: localhost:" + server.port()
                            + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n")) {
                        String interim = new String(socket.getInputStream().readNBytes(25), StandardCharsets.US_ASCII);
                        assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim, "the server has the request's head");
                        socket.getOutputStream().write("{\"prompt\": \"".getBytes(StandardCharsets.US_ASCII));
                        socket.setSoLinger(i % 2 == 0, 0); // half of them reset, half closed
                    }
                }
                Await.until("the server to see the uploads end", () -> aborted(log) == 100);
                List<ILoggingEvent> events = List.copyOf(log.list);
                assertTrue(events.stream().noneMatch(event -> event.getThrowableProxy() != null
                        || event.getLevel().isGreaterOrEqual(Level.WARN)), () -> events.get(0).getFormattedMessage());
            } finally {
                tailboard.setLevel(null);
                tailboard.detachAppender(log);
            }
        }

        private long aborted(ListAppender<ILoggingEvent> log) {
            return List.copyOf(log.list).stream().filter(event -> event.getFormattedMessage().contains("POST /api/answers")).count();
        }

        @Test
        void anIdleKeptAliveConnectionIsClosedTooAfterItsAnswer() throws Exception {
            try (Socket socket = connect(server, "GET /health HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\n\r\n")) {
                String answer = readUntilClosed(socket);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BeyondTheLimit {

        static final int LIMIT = 20;

        TestServer server;
        Connections connections;

        @BeforeAll
        void start() {
            server = serve("limit", Map.of("tailboard.max-connections", LIMIT));
            connections = server.context().getBean(Connections.class);
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void whenEveryConnectionIsServedNewOnesGet503ButHealthAnswers() throws Exception {
            List<RawSse> viewers = new ArrayList<>();
            try {
                Await.until("no connection left open", () -> connections.open() == 0);
                for (int i = 0; i < LIMIT; i++) {
                    viewers.add(follow(server));
                }
                RawHttp.Response busy = RawHttp.get(server.port(), "/api/jobs");
                assertEquals(503, busy.status(), busy::head);
                assertTrue(busy.isJson() && busy.body().startsWith("{\"error\":"), busy::body);
                assertEquals("1", busy.header("Retry-After"));
                assertEquals("nosniff", busy.header("X-Content-Type-Options"));
                RawHttp.Response socket = RawHttp.exchange(server.port(), ForeignPagesTest.handshake("/ws/jobs/build",
                        "Host: localhost:" + server.port()) + "\r\n", new byte[0]);
                assertEquals(503, socket.status(), socket::head);

                RawHttp.Response health = RawHttp.get(server.port(), "/health");
                assertEquals(200, health.status(), health::head);
                assertTrue(health.body().contains("\"limit\":" + LIMIT), health::body);

                viewers.remove(0).close();
                Await.until("room for one more", () -> RawHttp.get(server.port(), "/api/jobs").status() == 200);
            } finally {
                for (RawSse viewer : viewers) {
                    viewer.close();
                }
            }
        }

        @Test
        void aThousandSilentConnectionsMakeRoomForRealOnes() throws Exception {
            LogFolder logs = new LogFolder(base.resolve("limit"));
            List<Socket> silent = new ArrayList<>();
            try (RawSse viewer = follow(server)) {
                for (int i = 0; i < 1_100; i++) {
                    silent.add(connect(server, ""));
                }
                assertEquals(200, RawHttp.get(server.port(), "/health").status());
                RawHttp.Response jobs = RawHttp.get(server.port(), "/api/jobs");
                assertEquals(200, jobs.status(), jobs::head);
                Await.until("at most " + LIMIT + " connections held", () -> connections.open() <= LIMIT);
                System.out.printf("figure: 1,100 silent connections against a limit of %d: %d held by the server%n",
                        LIMIT, connections.open());
                stillServed(logs, viewer, "during the flood");
            } finally {
                closeAll(silent);
            }
            Await.until("every connection closed", () -> connections.open() == 0);
        }
    }
}
