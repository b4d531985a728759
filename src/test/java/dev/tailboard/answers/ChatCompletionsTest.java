package dev.tailboard.answers;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /v1/chat/completions} and {@code /v1/models} as the official OpenAI Java SDK and plain HTTP see them. */
class ChatCompletionsTest extends ServerTest {

    private OpenAIClient openai;

    @Override
    protected Map<String, Object> settings() {
        return Map.of("tailboard.answers.chunk-delay", "1ms");
    }

    @BeforeAll
    void connect() {
        openai = OpenAIOkHttpClient.builder().baseUrl(server.uri("/v1").toString()).apiKey("not-needed").build();
    }

    @AfterAll
    void close() {
        openai.close();
    }

    @Test
    void theOpenAiSdkStreamsACompletion() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("tailboard")
                .addUserMessage("Why did python/unittest fail?")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunks::add);
        }
        assertTrue(chunks.size() > 3, "streamed in chunks: " + chunks.size());
        ChatCompletionChunk first = chunks.get(0);
        assertEquals(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT, first.choices().get(0).delta().role().orElseThrow());
        StringBuilder text = new StringBuilder();
        String finishReason = null;
        for (ChatCompletionChunk chunk : chunks) {
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                choice.delta().content().ifPresent(text::append);
                if (choice.finishReason().isPresent()) {
                    finishReason = choice.finishReason().get().asString();
                }
            }
        }
        assertEquals("stop", finishReason);
        assertTrue(text.toString().contains("`test_parse.ParseTest.test_prerelease` ([line 7](http://localhost:"
                + server.port() + "/jobs/python/unittest#L7))"), text.toString());
        assertFalse(text.toString().contains("](/"), "no relative link: " + text);
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty(), "the usage chunk comes last, with no choices");
        assertTrue(last.usage().orElseThrow().completionTokens() > 10);
        assertEquals(4, last.usage().orElseThrow().promptTokens(), "the words of the conversation");
    }

    @Test
    void theOpenAiSdkGetsAWholeCompletionWithoutStreaming() {
        ChatCompletion completion = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("tailboard")
                .addSystemMessage("You answer about CI builds.")
                .addUserMessage("Which jobs are failing?")
                .build());
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertEquals("stop", choice.finishReason().asString());
        String text = choice.message().content().orElseThrow();
        assertTrue(text.contains("**Failed**, most recent first"), text);
        assertTrue(text.contains("[npm/install](http://localhost:" + server.port() + "/jobs/npm/install)"), text);
        assertTrue(completion.id().startsWith("chatcmpl-"));
    }

    @Test
    void linksAreMadeAbsoluteWithThePublicUrlWhenOneIsSet() throws Exception {
        try (TestServer behindProxy = TestServer.start(logs.root(), Map.of("tailboard.answers.chunk-delay", "0ms",
                "tailboard.public-url", "https://ci.example.org/tailboard/"))) {
            HttpResponse<String> response = new Api(behindProxy).post("/v1/chat/completions",
                    "{\"messages\": [{\"role\": \"user\", \"content\": \"why did npm/install fail?\"}]}");
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("](https://ci.example.org/tailboard/jobs/npm/install#L2)"), response.body());
        }
    }

    @Test
    void theModelsListNamesTailboard() {
        List<Model> models = openai.models().list().data();
        assertEquals(List.of("tailboard"), models.stream().map(Model::id).toList());
    }

    @Test
    void theStreamIsServerSentEventsEndingInDone() throws Exception {
        Api api = api();
        assertEquals(405, api.get("/v1/chat/completions").statusCode(), "chat completions are posted");
        HttpResponse<String> response = api.post("/v1/chat/completions", "{\"model\": \"gpt-4o\", \"stream\": true, "
                + "\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"why did npm/install fail?\"}]}]}");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        List<String> data = response.body().lines().filter(line -> line.startsWith("data:"))
                .map(line -> line.substring(5).strip()).toList();
        assertEquals("[DONE]", data.get(data.size() - 1));
        Map<String, Object> first = api.read(data.get(0));
        assertEquals("chat.completion.chunk", first.get("object"));
        assertEquals("gpt-4o", first.get("model"), "the model asked for is named back");
        Map<String, Object> finish = api.read(data.get(data.size() - 2));
        @SuppressWarnings("unchecked")
        Map<String, Object> choice = ((List<Map<String, Object>>) finish.get("choices")).get(0);
        assertEquals("stop", choice.get("finish_reason"));
        assertFalse(finish.containsKey("usage"), "no usage chunk unless asked for");
        @SuppressWarnings("unchecked")
        Map<String, Object> middle = ((List<Map<String, Object>>) api.read(data.get(1)).get("choices")).get(0);
        assertTrue(middle.containsKey("finish_reason") && middle.get("finish_reason") == null, "finish_reason is null until the end");
    }

    @Test
    void badRequestsGetJsonErrors() {
        Api api = api();
        assertError(api, api.post("/v1/chat/completions", "{\"model\": \"tailboard\"}"), 400);
        assertError(api, api.post("/v1/chat/completions", "{\"messages\": [}"), 400);
        assertError(api, api.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"system\", \"content\": \"hi\"}]}"), 400);
        String huge = "x ".repeat(70_000);
        assertError(api, api.post("/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"" + huge + "\"}]}"), 413);
        assertError(api, api.get("/v1/no-such-thing"), 404);
    }

    private static void assertError(Api api, HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(api.read(response.body()).get("error") instanceof String, response.body());
    }
}
