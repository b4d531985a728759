package dev.tailboard.stream;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Server-sent events of {@code GET /api/jobs/{id}/events}, read as a browser reads them. */
@MicronautTest
class SseTest extends ServerTest {

    private ReceivedEvents connect(String id, String query, String... headers) {
        HttpResponse<Stream<String>> response = Http.join(http.send(request(id, query, headers),
                HttpResponse.BodyHandlers.ofLines()));
        assertEquals(200, response.statusCode());
        assertEquals("no", response.headers().firstValue("X-Accel-Buffering").orElse(""));
        return new ReceivedEvents(response);
    }

    private java.net.http.HttpRequest request(String id, String query, String... headers) {
        java.net.http.HttpRequest.Builder request = http.request("/api/jobs/" + id + "/events" + query);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }

    /** Every line of every {@code log} event, prefixed with its number. */
    private List<String> numberedLines(ReceivedEvents events) {
        List<String> lines = new ArrayList<>();
        for (ReceivedEvents.SseEvent event : events.named("log")) {
            Map<String, Object> data = http.map(event.data());
            long line = ((Number) data.get("line")).longValue();
            for (Object text : (List<?>) data.get("lines")) {
                lines.add(line++ + " " + text);
            }
        }
        return lines;
    }

    @Test
    void linesBeforeAndDuringArriveOnceInOrderNumberedThenEnd() {
        String id = logs.newJob();
        logs.append(id, "one\ntwo\n");
        try (ReceivedEvents events = connect(id, "")) {
            Eventually.await("the first lines", () -> numberedLines(events).equals(List.of("1 one", "2 two")));
            assertEquals("8", events.named("log").get(0).id());

            logs.append(id, "three\n");
            Eventually.await("the next line", () -> numberedLines(events).size() == 3);
            logs.finish(id);
            Eventually.await("the end of the stream", events::complete);
            assertEquals(List.of("1 one", "2 two", "3 three"), numberedLines(events));
            ReceivedEvents.SseEvent end = events.all().get(events.all().size() - 1);
            assertEquals("end", end.name());
            assertEquals(Map.of("status", "success", "exitCode", 0), http.map(end.data()));
            assertFalse(events.named("status").isEmpty());
            assertEquals("14", end.id());
        }
    }

    @Test
    void aClientThatLeavesReleasesItsViewer() {
        String id = logs.newJob();
        logs.status(id, "running", 0);
        ReceivedEvents events = connect(id, "");
        Eventually.await("the viewer", () -> feeds.viewers() == 1);
        events.close();
        Eventually.await("the viewer is released", () -> feeds.viewers() == 0);
    }

    /** Every event of the whole stream of a finished job whose log is {@code log}. */
    private ReceivedEvents finishedEvents(String id, String log, String query, String... headers) {
        logs.append(id, log);
        logs.finish(id);
        try (ReceivedEvents events = connect(id, query, headers)) {
            Eventually.await("the end of the stream", events::complete);
            return events;
        }
    }

    @Test
    void lastEventIdResumesWithExactlyTheRestAnd204AtTheEnd() {
        String id = logs.newJob();
        assertEquals(List.of("2 b", "3 c"), numberedLines(finishedEvents(id, "a\nb\nc\n", "?from=0", "Last-Event-ID", "2")));
        HttpResponse<String> atEnd = Http.join(http.send(request(id, "", "Last-Event-ID", "6"),
                HttpResponse.BodyHandlers.ofString()));
        assertEquals(204, atEnd.statusCode());
    }

    @Test
    void aCursorPastTheEndSaysResetFirst() {
        ReceivedEvents events = finishedEvents(logs.newJob(), "x\n", "?from=99");
        assertEquals("reset", events.all().get(0).name());
        assertEquals(List.of("1 x"), numberedLines(events));
    }

    @Test
    void tailStartsAtTheLastLines() {
        assertEquals(List.of("2 b", "3 c"), numberedLines(finishedEvents(logs.newJob(), "a\nb\nc\n", "?tail=2")));
    }
}
