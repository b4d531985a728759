package dev.tailboard.answers;

import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls tailboard's HTTP API with a plain java.net.http client, as a script would. */
final class Api {

    private final URI base;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Api(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** Starts an answer; its {@code {"id", "events"}}. */
    Map<String, Object> ask(String prompt, String job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", prompt);
        if (job != null) {
            body.put("job", job);
        }
        HttpResponse<String> response = post("/api/answers", write(body));
        if (response.statusCode() != 201) {
            throw new AssertionError("POST /api/answers answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    /** The whole text of an answer, read from its event stream to the end, and how it ended. */
    Answered follow(String events, String... headers) throws IOException, InterruptedException {
        try (SseStream stream = SseStream.open(uri(events), headers)) {
            return Answered.of(stream.rest(), this);
        }
    }

    record Answered(String text, String finishReason, List<SseStream.Event> events) {
        static Answered of(List<SseStream.Event> events, Api api) {
            StringBuilder text = new StringBuilder();
            String finish = null;
            for (SseStream.Event event : events) {
                if ("delta".equals(event.name())) {
                    text.append(api.read(event.data()).get("text"));
                } else if ("end".equals(event.name())) {
                    finish = (String) api.read(event.data()).get("finishReason");
                }
            }
            return new Answered(text.toString(), finish, events);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> read(String body) {
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
