package dev.tailboard.stream;

import dev.tailboard.logs.LogFeeds;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.util.Map;

/** A real server on a random port over its own temp logs folder, and a JDK HTTP client for it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerTest implements TestPropertyProvider {

    final LogsFolder logs = new LogsFolder();
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    LogFeeds feeds;
    Http http;

    @Override
    public Map<String, String> getProperties() {
        return logs.properties();
    }

    @BeforeEach
    void startClient() {
        if (http == null) {
            http = new Http(server.getURI(), json);
        }
    }

    /** Whatever a test opened, the server lets go of once the client is done: no viewer is leaked. */
    @AfterEach
    void everyViewerLeft() {
        Eventually.await("every viewer gone", () -> feeds.viewers() == 0);
    }

    /** Stops the server first: its watcher would otherwise make the deleted folder again. */
    @AfterAll
    void cleanUp() throws IOException {
        if (http != null) {
            http.close();
        }
        server.getApplicationContext().stop();
        logs.close();
    }
}
