package dev.tailboard.stream;

import dev.tailboard.testing.Await;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What the HTTP log transports share: they refuse a bad start alike, and let go of a client that hangs up (the
 * WebSocket's handshake and leaving are in {@link LogSocketTest}).
 */
class SharedRulesTest extends TransportTest {

    @ParameterizedTest
    @CsvSource({
            "log, ?from=abc", "log, ?from=-1", "log, ?from=1.5", "log, ?tail=-2", "log, ?from=1&tail=1",
            "stream, ?from=abc", "stream, ?from=-1", "stream, ?from=1.5", "stream, ?tail=-2", "stream, ?from=1&tail=1",
            "events, ?from=abc", "events, ?from=-1", "events, ?from=1.5", "events, ?tail=-2", "events, ?from=1&tail=1"})
    void aBadCursorIs400WithAJsonError(String transport, String query) {
        String id = newJob();
        HttpResponse<String> response = server.get("/api/jobs/" + id + "/" + transport + query);
        assertEquals(400, response.statusCode(), response.body());
        assertNotNull(error(response));
    }

    @ParameterizedTest
    @CsvSource({"log", "stream", "events"})
    void aBadLastEventIdIs400EvenWithAGoodFrom(String transport) {
        String id = newJob();
        HttpResponse<String> response = server.get("/api/jobs/" + id + "/" + transport + "?from=0", "Last-Event-ID", "x1");
        assertEquals(400, response.statusCode(), response.body());
        assertNotNull(error(response));
    }

    @ParameterizedTest
    @CsvSource({"log", "stream", "events"})
    void anUnknownJobIs404AndABadIdIs400(String transport) {
        HttpResponse<String> unknown = server.get("/api/jobs/ci/nothing-here/" + transport);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertNotNull(error(unknown));
        HttpResponse<String> bad = server.get("/api/jobs/ci/a%20b/" + transport);
        assertEquals(400, bad.statusCode(), bad.body());
        assertNotNull(error(bad));
    }

    /** A raw connection that sends its request and closes, as a client that goes away does. */
    @ParameterizedTest
    @CsvSource({"log?from=2&wait=60", "stream", "events"})
    void aClientThatHangsUpReleasesItsViewer(String transport) throws IOException {
        String id = newJob();
        logs.append(id, "x\n");
        running(id);
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.getOutputStream().write(("GET /api/jobs/" + id + "/" + transport + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Await.until("the viewer", () -> feeds.viewers() == 1);
        }
        Await.until("the viewer is released", () -> feeds.viewers() == 0);
    }
}
