package dev.tailboard.stream;

import dev.tailboard.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ws://…/ws/jobs/{id}}: JSON frames over a real WebSocket, closed with 1000 after {@code end}. */
class LogSocketTest extends TransportTest {

    @Override
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>(super.settings());
        settings.put("tailboard.heartbeat", "200ms");
        return settings;
    }

    private URI uri(String id, String query) {
        return URI.create("ws://localhost:" + server.port() + "/ws/jobs/" + id + query);
    }

    private ReceivedFrames connect(String id, String query) {
        ReceivedFrames frames = new ReceivedFrames();
        join(server.http().newWebSocketBuilder().buildAsync(uri(id, query), frames));
        return frames;
    }

    private Map<String, Object> frame(String text) {
        return server.json(text);
    }

    /** The lines of every {@code log} frame so far, each prefixed with its number. */
    private List<String> numberedLines(ReceivedFrames frames) {
        List<String> lines = new ArrayList<>();
        for (String text : frames.frames()) {
            Map<String, Object> frame = frame(text);
            if ("log".equals(frame.get("type"))) {
                long line = ((Number) frame.get("line")).longValue();
                for (Object value : (List<?>) frame.get("lines")) {
                    lines.add(line++ + " " + value);
                }
            }
        }
        return lines;
    }

    private long lastNext(ReceivedFrames frames) {
        return frames.frames().stream().map(this::frame).filter(frame -> "log".equals(frame.get("type")))
                .map(frame -> ((Number) frame.get("next")).longValue()).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void linesBeforeAndDuringTheConnectionArriveOnceInOrderNumberedThenEndAndClose() {
        String id = newJob();
        logs.append(id, "one\ntwo\n");
        ReceivedFrames frames = connect(id, "");
        Await.until("the first lines", () -> numberedLines(frames).equals(List.of("1 one", "2 two")));

        logs.append(id, "three\n");
        Await.until("the next line", () -> numberedLines(frames).equals(List.of("1 one", "2 two", "3 three")));
        assertEquals(-1, frames.closeCode());

        logs.append(id, "last");
        finish(id);
        Await.until("the close", () -> frames.closeCode() == 1000);
        assertEquals(List.of("1 one", "2 two", "3 three", "4 last"), numberedLines(frames));
        List<String> texts = frames.frames();
        assertTrue(texts.stream().map(this::frame).anyMatch(Map.of("type", "status", "status", "success", "exitCode", 0)::equals));
        assertEquals(Map.of("type", "end", "status", "success", "exitCode", 0), frame(texts.get(texts.size() - 1)));
        assertEquals(18, lastNext(frames));
    }

    @Test
    void reconnectingFromTheLastNextGivesExactlyTheRest() {
        String id = newJob();
        logs.append(id, "a\nb\n");
        ReceivedFrames first = connect(id, "");
        Await.until("the first lines", () -> numberedLines(first).size() == 2);
        long next = lastNext(first);

        logs.append(id, "c\nd\n");
        finish(id);
        ReceivedFrames second = connect(id, "?from=" + next);
        Await.until("the close", () -> second.closeCode() == 1000);
        assertEquals(List.of("3 c", "4 d"), numberedLines(second));
        Await.until("the first socket closes too", () -> first.closeCode() == 1000);
    }

    /** Every frame of a finished job whose log is {@code log}, once the server closed with 1000. */
    private ReceivedFrames finishedSocket(String log, String query, String... headers) {
        String id = newJob();
        logs.append(id, log);
        finish(id);
        ReceivedFrames frames = new ReceivedFrames();
        WebSocket.Builder builder = server.http().newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        join(builder.buildAsync(uri(id, query), frames));
        Await.until("the close", () -> frames.closeCode() == 1000);
        return frames;
    }

    @Test
    void tailAndLastEventIdStartLikeEveryTransport() {
        assertEquals(List.of("3 c"), numberedLines(finishedSocket("a\nb\nc\n", "?tail=1")));
        assertEquals(List.of("2 b", "3 c"), numberedLines(finishedSocket("a\nb\nc\n", "?from=0", "Last-Event-ID", "2")));
    }

    @Test
    void aCursorPastTheEndSaysResetAndStartsAgain() {
        ReceivedFrames frames = finishedSocket("x\n", "?from=500");
        assertEquals(Map.of("type", "reset"), frame(frames.frames().get(0)));
        assertEquals(List.of("1 x"), numberedLines(frames));
    }

    @Test
    void aClientThatLeavesReleasesItsViewer() {
        String id = newJob();
        running(id);
        WebSocket socket = join(server.http().newWebSocketBuilder().buildAsync(uri(id, ""), new ReceivedFrames()));
        Await.until("the viewer", () -> feeds.viewers() == 1);
        socket.abort();
        Await.until("the viewer is released", () -> feeds.viewers() == 0);
    }

    @Test
    void anIdleSocketIsPingedAndStaysOpen() {
        String id = newJob();
        running(id);
        ReceivedFrames frames = connect(id, "");
        Await.until("two pings", () -> frames.pings() >= 2);
        assertEquals(-1, frames.closeCode());
        finish(id);
        Await.until("the close", () -> frames.closeCode() == 1000);
    }

    /**
     * The server sends its close frame and leaves closing the connection to the client's answer; closing at
     * once resets the connection, and then clients such as Node's lose the last frames.
     */
    @Test
    void theServerWaitsForTheClientsCloseFrameBeforeClosingTheConnection() throws IOException {
        String id = newJob();
        logs.append(id, "done\n");
        finish(id);
        try (Socket socket = new Socket("localhost", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws/jobs/" + id + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String response = readHead(in);
            assertTrue(response.startsWith("HTTP/1.1 101"), response);
            int opcode;
            do {
                opcode = in.readUnsignedByte() & 0x0F;
                int length = in.readUnsignedByte() & 0x7F;
                in.readFully(new byte[length == 126 ? in.readUnsignedShort() : length]);
            } while (opcode != 0x8);

            socket.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, in::read, "the connection stays open for the answer");
            out.write(new byte[] {(byte) 0x88, (byte) 0x82, 1, 2, 3, 4, 0x03 ^ 1, (byte) (0xE8 ^ 2)});
            socket.setSoTimeout((int) Await.DEADLINE.toMillis());
            assertEquals(-1, in.read(), "closed after the answer");
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"?from=abc", "?from=-1", "?tail=z", "?from=1&tail=2"})
    void badParametersAre400WithAJsonError(String query) {
        String id = newJob();
        assertRefused(id, query, 400);
    }

    @Test
    void anUnknownJobIs404() {
        assertRefused("ci/unknown", "", 404);
    }

    private void assertRefused(String id, String query, int status) {
        CompletionException failure = assertThrows(CompletionException.class,
                () -> join(server.http().newWebSocketBuilder().buildAsync(uri(id, query), new ReceivedFrames())));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        HttpResponse<?> response = refused.getResponse();
        assertEquals(status, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        assertTrue(String.valueOf(response.body()).contains("\"error\""), String.valueOf(response.body()));
    }

    @Test
    void aLogFrameCarriesTheArrivalTimeOfItsLastLineAsTimesSays() {
        String id = newJob();
        ReceivedFrames frames = connect(id, "");
        logs.append(id, "compiling\n");
        Await.until("the line", () -> numberedLines(frames).equals(List.of("1 compiling")));
        Map<String, Object> log = frames.frames().stream().map(this::frame).filter(frame -> "log".equals(frame.get("type")))
                .findFirst().orElseThrow();
        long next = ((Number) log.get("next")).longValue();
        // a line's time is that of the first point at or past its end
        Long expected = Await.value("a time for the line", () -> ((List<?>) server.json(server.get("/api/jobs/" + id
                + "/times").body()).get("points")).stream().map(point -> (List<?>) point)
                .filter(point -> ((Number) point.get(0)).longValue() >= next)
                .map(point -> ((Number) point.get(1)).longValue()).findFirst().orElse(null));
        assertEquals(expected, ((Number) log.get("time")).longValue(), String.valueOf(log));
        finish(id);
        Await.until("the close", () -> frames.closeCode() == 1000);
    }
}
