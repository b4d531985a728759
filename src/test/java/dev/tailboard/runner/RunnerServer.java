package dev.tailboard.runner;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.RawHttp;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The calls the runner tests make, over a {@link TestServer}. */
final class RunnerServer implements AutoCloseable {

    /** A response: status, body and the headers a test looks at. */
    record Reply(int status, String body, Optional<String> location) {
    }

    private final TestServer server;

    private RunnerServer(TestServer server) {
        this.server = server;
    }

    /**
     * Runners enough that a test's runs never wait, whatever the machine's cores (the default), unless the
     * test sets {@code tailboard.runner.max-runs} itself.
     */
    static RunnerServer start(Path logs, Map<String, Object> properties, PropertySource... files) {
        Map<String, Object> all = new HashMap<>(Map.of("tailboard.runner.max-runs", 32));
        all.putAll(properties);
        return new RunnerServer(TestServer.start(logs, all, files));
    }

    ApplicationContext context() {
        return server.context();
    }

    Reply get(String path) {
        return reply(server.get(path));
    }

    Reply post(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return reply(server.send(request.build()));
    }

    /** A POST written by hand, to send a {@code Host} that the JDK's client would not let a test choose. */
    Reply postAs(String path, String host, String origin) {
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nOrigin: " + origin + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", new byte[0]);
        return new Reply(response.status(), response.body(), Optional.empty());
    }

    SseClient events(String id) {
        return server.sse("/api/jobs/" + id + "/events", Map.of());
    }

    Job run(String pipeline) {
        Reply reply = post("/api/pipelines/" + pipeline + "/runs");
        if (reply.status() != 201) {
            throw new AssertionError("run of " + pipeline + " answered " + reply);
        }
        return parse(reply.body(), Job.class);
    }

    Job job(String id) {
        Reply reply = get("/api/jobs/" + id);
        if (reply.status() != 200) {
            throw new AssertionError("job " + id + " answered " + reply);
        }
        return parse(reply.body(), Job.class);
    }

    String log(String id) {
        return get("/api/jobs/" + id + "/raw").body();
    }

    Job awaitStatus(String id, JobStatus status) {
        return Await.value("job " + id + " to be " + status.wire(), () -> {
            Job job = job(id);
            return job.status() == status ? job : null;
        });
    }

    String awaitLog(String id, Predicate<String> condition) {
        return Await.value("the log of " + id + " to match", () -> Optional.of(log(id)).filter(condition).orElse(null));
    }

    <T> T parse(String body, Class<T> type) {
        try {
            return context().getBean(JsonMapper.class).readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply reply(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Location"));
    }

    @Override
    public void close() {
        server.close();
    }
}
