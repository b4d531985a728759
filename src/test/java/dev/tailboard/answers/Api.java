package dev.tailboard.answers;

import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks tailboard over its HTTP API with a plain java.net.http client, as a script would. */
final class Api {

    private final TestServer server;

    Api(TestServer server) {
        this.server = server;
    }

    HttpResponse<String> post(String path, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(String path, String... headers) {
        return server.get(path, headers);
    }

    SseClient events(String path, String... headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return server.sse(path, map);
    }

    /** Starts an answer; its {@code {"id", "events"}}. */
    Map<String, Object> ask(String prompt, String job) {
        return ask(prompt, job, List.of());
    }

    /** Starts an answer to a follow-up: {@code earlier} are the turns before it, oldest first. */
    Map<String, Object> ask(String prompt, String job, List<ChatMessage> earlier) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", prompt);
        if (job != null) {
            body.put("job", job);
        }
        if (!earlier.isEmpty()) {
            body.put("messages", earlier);
        }
        HttpResponse<String> response = post("/api/answers", write(body));
        if (response.statusCode() != 201) {
            throw new AssertionError("POST /api/answers answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    /** The whole text of an answer, read from its event stream to the end, and how it ended. */
    Answered follow(String events, String... headers) throws InterruptedException {
        try (SseClient stream = events(events, headers)) {
            return Answered.of(stream.until("end"), this);
        }
    }

    /** The next event that carries data (the opening {@code retry:} block carries none). */
    static SseClient.Event next(SseClient stream) throws InterruptedException {
        SseClient.Event event = stream.next();
        return event.data() == null && !SseClient.isEnd(event) ? next(stream) : event;
    }

    record Answered(String text, String finishReason, List<SseClient.Event> events) {
        static Answered of(List<SseClient.Event> events, Api api) {
            StringBuilder text = new StringBuilder();
            String finish = null;
            for (SseClient.Event event : events) {
                if ("delta".equals(event.event())) {
                    text.append(api.read(event.data()).get("text"));
                } else if ("end".equals(event.event())) {
                    finish = (String) api.read(event.data()).get("finishReason");
                }
            }
            return new Answered(text.toString(), finish, events);
        }
    }

    Map<String, Object> read(String body) {
        return server.json(body);
    }

    String write(Object value) {
        try {
            return server.context().getBean(JsonMapper.class).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
