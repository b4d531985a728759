package dev.tailboard.runner;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A real tailboard server on a random port over a temp logs folder, with the HTTP calls the runner tests make. */
final class RunnerServer implements AutoCloseable {

    /** A response: status, body and the headers a test looks at. */
    record Reply(int status, String body, Optional<String> location) {
    }

    private final EmbeddedServer server;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunnerServer(EmbeddedServer server) {
        this.server = server;
        this.json = server.getApplicationContext().getBean(JsonMapper.class);
    }

    static RunnerServer start(Path logs, Map<String, Object> properties, PropertySource... files) {
        Map<String, Object> all = new HashMap<>();
        all.put("micronaut.server.port", -1);
        all.put("tailboard.logs-dir", logs.toString());
        all.put("tailboard.demo.enabled", false);
        all.putAll(properties);
        return new RunnerServer(ApplicationContext.builder().properties(all).propertySources(files).run(EmbeddedServer.class));
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Reply post(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** A POST written by hand, to send a {@code Host} that the JDK's client would not let a test choose. */
    Reply postAs(String path, String host, String origin) {
        try (Socket socket = new Socket("localhost", server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            return new Reply(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return Eventually.value("job " + id + " to be " + status.wire(), () -> {
            Job job = job(id);
            return job.status() == status ? Optional.of(job) : Optional.empty();
        });
    }

    String awaitLog(String id, Predicate<String> condition) {
        return Eventually.value("the log of " + id + " to match", () -> Optional.of(log(id)).filter(condition));
    }

    <T> T parse(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Location"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
