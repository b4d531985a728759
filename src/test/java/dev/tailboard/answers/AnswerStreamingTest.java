package dev.tailboard.answers;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/answers} as a stream: chunks arrive while the answer is still being written, a viewer resumes
 * with {@code Last-Event-ID}, generation goes on without viewers, cancel ends it, bad input is refused.
 */
@MicronautTest
class AnswerStreamingTest extends ServerTest {


    @Inject
    Answers answers;

    @Override
    protected Map<String, String> settings() {
        // slow enough that an answer of a hundred words takes seconds: long after its first chunk was read
        return Map.of("tailboard.answers.chunk-delay", "40ms");
    }

    @Test
    void chunksArriveWhileTheAnswerIsStillBeingWritten() throws Exception {
        Api api = api();
        Map<String, Object> created = api.ask("why did maven/test-failure fail?", null);
        Answer answer = answers.find((String) created.get("id")).orElseThrow();
        try (SseStream stream = SseStream.open(api.uri((String) created.get("events")))) {
            assertEquals(200, stream.status());
            assertEquals("no-cache", stream.response().headers().firstValue("Cache-Control").orElseThrow());
            SseStream.Event first = stream.next();
            assertEquals("delta", first.name());
            assertTrue(answer.finish().isEmpty(), "the first chunk was read before the last one was written");
            List<SseStream.Event> rest = stream.rest();
            long deltas = rest.stream().filter(event -> "delta".equals(event.name())).count();
            assertTrue(deltas > 10, "word-sized chunks, not one block: " + deltas);
            SseStream.Event end = rest.get(rest.size() - 1);
            assertEquals("end", end.name());
            assertEquals(Map.of("finishReason", "stop"), api.read(end.data()));
            int lastId = Integer.parseInt(rest.get(rest.size() - 2).id());
            assertEquals(answer.length(), lastId, "the last id is the length of the whole answer");
        }
    }

    @Test
    void resumingWithLastEventIdDeliversExactlyTheRemainder() throws Exception {
        Api api = api();
        Map<String, Object> created = api.ask("why did python/unittest fail?", null);
        String events = (String) created.get("events");
        String lastId;
        StringBuilder seen = new StringBuilder();
        try (SseStream stream = SseStream.open(api.uri(events))) {
            for (int i = 0; i < 5; i++) {
                SseStream.Event event = stream.next();
                seen.append(api.read(event.data()).get("text"));
            }
            lastId = stream.next().id();
        }
        Answer answer = answers.find((String) created.get("id")).orElseThrow();
        // the viewer left: generation goes on to the end, so that a reload can resume it
        Wait.until("the answer to end without viewers", () -> answer.finish().isPresent());
        assertEquals(FinishReason.STOP, answer.finish().orElseThrow());

        Api.Answered resumed = api.follow(events, "Last-Event-ID", lastId);
        String whole = answer.text();
        assertEquals(whole.substring(Integer.parseInt(lastId)), resumed.text());
        assertEquals("stop", resumed.finishReason());
        assertTrue(whole.startsWith(seen.toString()));

        Api.Answered again = api.follow(events);
        assertEquals(whole, again.text(), "without Last-Event-ID a viewer starts at 0");
    }

    @Test
    void reconnectingAtTheEndOfAnEndedAnswerIs204() throws Exception {
        Api api = api();
        Map<String, Object> created = api.ask("which jobs failed?", null);
        Answer answer = answers.find((String) created.get("id")).orElseThrow();
        Wait.until("the answer to end", () -> answer.finish().isPresent());
        HttpResponse<String> response = api.get((String) created.get("events"), "Last-Event-ID", Integer.toString(answer.length()));
        assertEquals(204, response.statusCode());
    }

    @Test
    void cancelEndsTheAnswerAsCancelled() throws Exception {
        Api api = api();
        Map<String, Object> created = api.ask("why did maven/compile-failure fail?", null);
        String id = (String) created.get("id");
        try (SseStream stream = SseStream.open(api.uri((String) created.get("events")))) {
            assertEquals("delta", stream.next().name());
            HttpResponse<String> cancelled = api.post("/api/answers/" + id + "/cancel", "");
            assertEquals(202, cancelled.statusCode());
            List<SseStream.Event> rest = stream.rest();
            SseStream.Event end = rest.get(rest.size() - 1);
            assertEquals("end", end.name());
            assertEquals(Map.of("finishReason", "cancelled"), api.read(end.data()));
        }
        Answer answer = answers.find(id).orElseThrow();
        assertEquals(FinishReason.CANCELLED, answer.finish().orElseThrow());
        assertFalse(answer.text().contains("Open the whole log"), "the answer stopped before its last line: " + answer.text());
        assertFalse(answer.append("more"), "nothing is appended after the cancel");
    }

    @Test
    void badInputIsRefusedWithJsonErrors() {
        Api api = api();
        assertError(api.post("/api/answers", "{\"prompt\": \"   \"}"), 400);
        assertError(api.post("/api/answers", "{}"), 400);
        assertError(api.post("/api/answers", "{\"prompt\": 42}"), 400);
        assertError(api.post("/api/answers", "{\"prompt\": \"why\""), 400);
        assertError(api.post("/api/answers", "[\"why\"]"), 400);
        String tooLong = "é".repeat(16 * 1024 + 1);
        assertError(api.post("/api/answers", "{\"prompt\": \"" + tooLong + "\"}"), 413);
        String justRight = "é".repeat(16 * 1024);
        assertEquals(201, api.post("/api/answers", "{\"prompt\": \"" + justRight + "\"}").statusCode());
        assertError(api.get("/api/answers/no-such-answer/events"), 404);
        assertError(api.post("/api/answers/no-such-answer/cancel", ""), 404);
    }

    @Test
    void aCursorThatIsNotANumberIs400() {
        Api api = api();
        Map<String, Object> created = api.ask("which jobs failed?", null);
        assertError(api.get((String) created.get("events"), "Last-Event-ID", "twelve"), 400);
    }

    private void assertError(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        Object error = api().read(response.body()).get("error");
        assertNotNull(error, response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }
}
