package dev.tailboard.answers;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Answers are kept at least {@code keep}, at most {@code max-kept} of them: when all are young, new ones wait. */
@Timeout(60)
class AnswerRetentionTest {

    private LogFolder logs;

    @BeforeEach
    void writeLogs() throws IOException {
        logs = new LogFolder(Files.createTempDirectory("tailboard-answers"));
        Fixtures.all(logs);
    }

    @AfterEach
    void removeLogs() {
        FileUtils.deleteQuietly(logs.root().toFile());
    }

    private TestServer start(String keep) {
        return TestServer.start(logs.root(), Map.of("tailboard.answers.chunk-delay", "0ms",
                "tailboard.answers.keep", keep,
                "tailboard.answers.max-kept", "2"));
    }

    @Test
    void whenEveryKeptAnswerIsYoungANewOneIsRefused() throws Exception {
        try (TestServer server = start("1h")) {
            Api api = new Api(server);
            String first = (String) api.ask("which jobs failed?", null).get("events");
            api.ask("why did npm/install fail?", null);
            HttpResponse<String> third = api.post("/api/answers", "{\"prompt\": \"and now?\"}");
            assertEquals(429, third.statusCode(), third.body());
            assertEquals("stop", api.follow(first).finishReason(), "the kept answers are still there");
        }
    }

    @Test
    void answersOlderThanKeepMakeRoom() {
        try (TestServer server = start("0s")) {
            Api api = new Api(server);
            Answers answers = server.context().getBean(Answers.class);
            String first = (String) api.ask("which jobs failed?", null).get("id");
            Await.until("the first answer to end", () -> answers.find(first).flatMap(Answer::finish).isPresent());
            assertEquals(201, api.post("/api/answers", "{\"prompt\": \"and now?\"}").statusCode());
            assertEquals(404, api.get("/api/answers/" + first + "/events").statusCode(), "the old answer made room");
        }
    }
}
