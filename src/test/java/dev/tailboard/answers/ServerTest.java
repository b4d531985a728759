package dev.tailboard.answers;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/** A test against one real server on a random port, over a temporary logs folder holding every fixture log. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300) // a hang fails; a slow machine (server start-up included) does not
abstract class ServerTest {

    protected LogFolder logs;
    protected TestServer server;

    /** The settings of this test; may add jobs to {@link #logs} first. */
    protected abstract Map<String, Object> settings();

    @BeforeAll
    void startServer() throws IOException {
        logs = new LogFolder(Files.createTempDirectory("tailboard-answers"));
        Fixtures.all(logs);
        server = TestServer.start(logs.root(), settings());
    }

    @AfterAll
    void stopServer() {
        server.close();
        FileUtils.deleteQuietly(logs.root().toFile());
    }

    protected Api api() {
        return new Api(server);
    }

    protected Answers answers() {
        return server.context().getBean(Answers.class);
    }
}
