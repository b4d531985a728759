package dev.tailboard.stream;

import dev.tailboard.logs.LogFeeds;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real server per test class over its own logs folder, with what every transport test needs: a new job
 * for each test, JSON reading, and a check after each test that no viewer was left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TransportTest {

    LogFolder logs;
    TestServer server;
    LogFeeds feeds;
    private final AtomicInteger jobs = new AtomicInteger();

    /** Settings beyond the logs folder; the quick re-scan keeps tests prompt where inotify is used up. */
    Map<String, Object> settings() {
        return Map.of("tailboard.rescan-interval", "250ms");
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        logs = new LogFolder(dir);
        server = TestServer.start(dir, settings());
        feeds = server.context().getBean(LogFeeds.class);
    }

    /** Whatever a test opened, the server lets go of once the client is done. */
    @AfterEach
    void everyViewerLeft() {
        Await.until("every viewer gone", () -> feeds.viewers() == 0);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A new empty job; its id has a {@code /}, as ids may. */
    String newJob() {
        String id = "ci/job-" + jobs.incrementAndGet();
        logs.append(id, "");
        return id;
    }

    void running(String id) {
        logs.sidecar(id, "{\"status\":\"running\"}");
    }

    void finish(String id) {
        logs.finish(id, "success", 0);
    }

    CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
        return server.http().sendAsync(HttpRequest.newBuilder(server.uri(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    <T> T read(String json, Class<T> type) {
        try {
            return server.context().getBean(JsonMapper.class).readValue(json, Argument.of(type));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** The {@code error} of a JSON error body. */
    String error(HttpResponse<String> response) {
        return (String) server.json(response.body()).get("error");
    }

    static <T> T join(CompletableFuture<T> future) {
        return future.orTimeout(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
    }
}
