package dev.tailboard.answers;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Answers are kept at least {@code keep}, at most {@code max-kept} of them: when all are young, new ones wait. */
@Timeout(60)
class AnswerRetentionTest {

    private final Path logs = Fixtures.tempLogs();

    @AfterEach
    void removeLogs() {
        FileUtils.deleteQuietly(logs.toFile());
    }

    private EmbeddedServer start(String keep) {
        Fixtures.all(logs);
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", "-1",
                "tailboard.logs-dir", logs.toString(),
                "tailboard.demo.enabled", "false",
                "tailboard.answers.chunk-delay", "0ms",
                "tailboard.answers.keep", keep,
                "tailboard.answers.max-kept", "2"));
    }

    @Test
    void whenEveryKeptAnswerIsYoungANewOneIsRefused() throws Exception {
        try (EmbeddedServer server = start("1h")) {
            Api api = new Api(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
            String first = (String) api.ask("which jobs failed?", null).get("events");
            api.ask("why did npm/install fail?", null);
            HttpResponse<String> third = api.post("/api/answers", "{\"prompt\": \"and now?\"}");
            assertEquals(429, third.statusCode(), third.body());
            assertEquals("stop", api.follow(first).finishReason(), "the kept answers are still there");
        }
    }

    @Test
    void answersOlderThanKeepMakeRoom() throws Exception {
        try (EmbeddedServer server = start("0s")) {
            Api api = new Api(server.getURI(), server.getApplicationContext().getBean(JsonMapper.class));
            Answers answers = server.getApplicationContext().getBean(Answers.class);
            String first = (String) api.ask("which jobs failed?", null).get("id");
            Wait.until("the first answer to end", () -> answers.find(first).flatMap(Answer::finish).isPresent());
            assertEquals(201, api.post("/api/answers", "{\"prompt\": \"and now?\"}").statusCode());
            assertEquals(404, api.get("/api/answers/" + first + "/events").statusCode(), "the old answer made room");
        }
    }
}
