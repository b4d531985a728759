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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answers are kept for {@code keep}, at most {@code max-kept} of them: the one that ended first makes room for a new
 * one; only while all are being written, or one client has {@code max-per-client} being written, is one refused.
 */
@Timeout(300) // a hang fails; a slow machine (server start-up included) does not
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

    private TestServer start(String keep, String chunkDelay, int maxKept) {
        return TestServer.start(logs.root(), Map.of("tailboard.answers.chunk-delay", chunkDelay,
                "tailboard.answers.keep", keep,
                "tailboard.answers.max-kept", maxKept,
                "tailboard.answers.max-per-client", 2));
    }

    /** What locked everyone out for an hour: a script asking again and again. The answer that ended first makes room. */
    @Test
    void aScriptAskingFiftyTimesLocksNoOneOut() throws Exception {
        try (TestServer server = start("1h", "0ms", 10)) {
            Api api = new Api(server);
            String first = null;
            String previous = null;
            for (int i = 0; i < 50; i++) {
                Map<String, Object> asked = api.ask("which jobs failed? " + i, null);
                first = first == null ? (String) asked.get("id") : first;
                previous = (String) asked.get("events");
                assertEquals("stop", api.follow(previous).finishReason());
            }
            HttpResponse<String> another = api.post("/api/answers", "{\"prompt\": \"and now?\"}");
            assertEquals(201, another.statusCode(), another.body());
            assertEquals(200, api.get(previous).statusCode(), "the newest answers are kept");
            assertEquals(404, api.get("/api/answers/" + first + "/events").statusCode(), "the answer that ended first made room");
        }
    }

    @Test
    void whenEveryKeptAnswerIsStillBeingWrittenANewOneIsRefused() throws Exception {
        try (TestServer server = start("1h", "1h", 1)) {
            Api api = new Api(server);
            String first = (String) api.ask("which jobs failed?", null).get("id");
            HttpResponse<String> second = api.post("/api/answers", "{\"prompt\": \"and now?\"}");
            assertEquals(429, second.statusCode(), second.body());
            assertTrue(second.body().contains("still being written"), second.body());
            assertTrue(server.context().getBean(Answers.class).find(first).isPresent(), "it was not dropped");
        }
    }

    @Test
    void oneClientMayHaveOnlyAFewAnswersBeingWrittenAtOnce() throws Exception {
        try (TestServer server = start("1h", "1h", 100)) {
            Api api = new Api(server);
            String first = (String) api.ask("which jobs failed?", null).get("id");
            api.ask("why did npm/install fail?", null);
            HttpResponse<String> third = api.post("/api/answers", "{\"prompt\": \"and now?\"}");
            assertEquals(429, third.statusCode(), third.body());
            assertTrue(third.body().contains("you have 2 answers being written"), third.body());
            assertEquals(202, api.post("/api/answers/" + first + "/cancel", "").statusCode());
            Await.until("room once one of them ended", () -> api.post("/api/answers", "{\"prompt\": \"and now?\"}").statusCode() == 201);
        }
    }

    @Test
    void answersOlderThanKeepMakeRoom() {
        try (TestServer server = start("0s", "0ms", 2)) {
            Api api = new Api(server);
            Answers answers = server.context().getBean(Answers.class);
            String first = (String) api.ask("which jobs failed?", null).get("id");
            Await.until("the first answer to end", () -> answers.find(first).flatMap(Answer::finish).isPresent());
            assertEquals(201, api.post("/api/answers", "{\"prompt\": \"and now?\"}").statusCode());
            assertEquals(404, api.get("/api/answers/" + first + "/events").statusCode(), "the old answer made room");
        }
    }
}
