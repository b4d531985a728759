package dev.tailboard.answers;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A test against the real server on a random port, over a temporary logs folder holding every fixture log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
abstract class ServerTest implements TestPropertyProvider {

    protected final Path logs = Fixtures.tempLogs();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    /** The settings of this test, beyond the logs folder; may add jobs to {@link #logs}. */
    protected abstract Map<String, String> settings();

    @Override
    public Map<String, String> getProperties() {
        Fixtures.all(logs);
        Map<String, String> properties = new HashMap<>(settings());
        properties.put("tailboard.logs-dir", logs.toString());
        properties.put("tailboard.demo.enabled", "false");
        return properties;
    }

    @AfterAll
    void removeLogs() {
        FileUtils.deleteQuietly(logs.toFile());
    }

    protected Api api() {
        return new Api(server.getURI(), json);
    }
}
