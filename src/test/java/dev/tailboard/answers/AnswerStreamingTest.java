package dev.tailboard.answers;

import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.Await;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/answers} as a stream: chunks arrive while the answer is still being written, a viewer resumes
 * with {@code Last-Event-ID}, generation goes on without viewers, cancel ends it, bad input is refused.
 */
class AnswerStreamingTest extends ServerTest {


    @Override
    protected Map<String, Object> settings() {
        // slow enough that an answer of a hundred words takes seconds: long after its first chunk was read
        return Map.of("tailboard.answers.chunk-delay", "40ms");
    }

    @Test
    void chunksArriveWhileTheAnswerIsStillBeingWritten() throws Exception {
        Api api = api();
        Map<String, Object> created = api.ask("why did maven/test-failure fail?", null);
        Answer answer = answers().find((String) created.get("id")).orElseThrow();
        try (SseClient stream = api.events((String) created.get("events"))) {
            assertEquals(200, stream.status());
            assertEquals("no-cache", stream.response().headers().firstValue("Cache-Control").orElseThrow());
            SseClient.Event first = Api.next(stream);
            assertEquals("delta", first.event());
            assertTrue(answer.finish().isEmpty(), "the first chunk was read before the last one was written");
            List<SseClient.Event> rest = stream.until("end");
            long deltas = rest.stream().filter(event -> "delta".equals(event.event())).count();
            assertTrue(deltas > 10, "word-sized chunks, not one block: " + deltas);
            SseClient.Event end = rest.get(rest.size() - 1);
            assertEquals("end", end.event());
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
        try (SseClient stream = api.events(events)) {
            for (int i = 0; i < 5; i++) {
                seen.append(api.read(Api.next(stream).data()).get("text"));
            }
            lastId = Api.next(stream).id();
        }
        Answer answer = answers().find((String) created.get("id")).orElseThrow();
        // the viewer left: generation goes on to the end, so that a reload can resume it
        Await.until("the answer to end without viewers", () -> answer.finish().isPresent());
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
    void cancelEndsTheAnswerAsCancelled() throws Exception {
        Api api = api();
        Map<String, Object> created = api.ask("why did maven/compile-failure fail?", null);
        String id = (String) created.get("id");
        try (SseClient stream = api.events((String) created.get("events"))) {
            assertEquals("delta", Api.next(stream).event());
            HttpResponse<String> cancelled = api.post("/api/answers/" + id + "/cancel", "");
            assertEquals(202, cancelled.statusCode());
            List<SseClient.Event> rest = stream.until("end");
            SseClient.Event end = rest.get(rest.size() - 1);
            assertEquals("end", end.event());
            assertEquals(Map.of("finishReason", "cancelled"), api.read(end.data()));
        }
        Answer answer = answers().find(id).orElseThrow();
        assertEquals(FinishReason.CANCELLED, answer.finish().orElseThrow());
        assertFalse(answer.text().contains("Open the whole log"), "the answer stopped before its last line: " + answer.text());
        assertFalse(answer.append("more"), "nothing is appended after the cancel");
    }
}
