package dev.tailboard.stream;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The HTTP log transports refuse a bad start alike (the WebSocket's handshake is in {@link LogSocketTest}). */
@MicronautTest
class SharedRulesTest extends ServerTest {

    @ParameterizedTest
    @CsvSource({
            "log, ?from=abc", "log, ?from=-1", "log, ?from=1.5", "log, ?tail=-2", "log, ?from=1&tail=1",
            "stream, ?from=abc", "stream, ?from=-1", "stream, ?from=1.5", "stream, ?tail=-2", "stream, ?from=1&tail=1",
            "events, ?from=abc", "events, ?from=-1", "events, ?from=1.5", "events, ?tail=-2", "events, ?from=1&tail=1"})
    void aBadCursorIs400WithAJsonError(String transport, String query) {
        String id = logs.newJob();
        HttpResponse<String> response = http.get("/api/jobs/" + id + "/" + transport + query);
        assertEquals(400, response.statusCode(), response.body());
        assertNotNull(http.error(response));
    }

    @ParameterizedTest
    @CsvSource({"log", "stream", "events"})
    void aBadLastEventIdIs400EvenWithAGoodFrom(String transport) {
        String id = logs.newJob();
        HttpResponse<String> response = http.get("/api/jobs/" + id + "/" + transport + "?from=0", "Last-Event-ID", "x1");
        assertEquals(400, response.statusCode(), response.body());
        assertNotNull(http.error(response));
    }

    @ParameterizedTest
    @CsvSource({"log", "stream", "events"})
    void anUnknownJobIs404AndABadIdIs400(String transport) {
        HttpResponse<String> unknown = http.get("/api/jobs/ci/nothing-here/" + transport);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertNotNull(http.error(unknown));
        HttpResponse<String> bad = http.get("/api/jobs/ci/a%20b/" + transport);
        assertEquals(400, bad.statusCode(), bad.body());
        assertNotNull(http.error(bad));
    }
}
