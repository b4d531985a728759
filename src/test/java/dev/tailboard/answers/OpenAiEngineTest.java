package dev.tailboard.answers;

import dev.tailboard.analyst.ContextExcerpt;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code openai} engine against a real HTTP server that streams like an OpenAI-compatible one, slowly. */
class OpenAiEngineTest extends ServerTest {

    private final FakeUpstream upstream = new FakeUpstream();

    @Override
    protected Map<String, Object> settings() {
        return Map.of("tailboard.answers.engine", "openai",
                "tailboard.answers.openai.base-url", upstream.baseUrl(),
                "tailboard.answers.openai.model", "test-model",
                "tailboard.answers.openai.api-key", "test-key");
    }

    @AfterAll
    void stop() throws IOException {
        upstream.close();
    }

    /** Sends one delta, then neither ends nor says anything more until the client closes the connection. */
    private static void startsThenHangsOn(FakeUpstream.Exchange exchange) throws IOException {
        exchange.start(200, "text/event-stream");
        exchange.delta("Looking ", null);
        exchange.awaitClose();
    }

    @Test
    void chunksAreRelayedBeforeTheUpstreamFinishes() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        upstream.script(exchange -> {
            exchange.start(200, "text/event-stream");
            exchange.data("{\"id\": \"up-1\", \"object\": \"chat.completion.chunk\", \"created\": 1, \"model\": \"test-model\", "
                    + "\"choices\": [{\"index\": 0, \"delta\": {\"role\": \"assistant\", \"content\": \"\"}, \"finish_reason\": null}]}");
            exchange.delta("Three tests ", null);
            exchange.delta("failed ", null);
            released.await();
            exchange.delta("in PriceCalculatorTest.", null);
            exchange.delta(null, "stop");
            exchange.data("[DONE]");
            exchange.finish();
        });
        Api api = api();
        Map<String, Object> created = api.ask("why did it fail?", "maven/test-failure");
        Answer answer = answers().find((String) created.get("id")).orElseThrow();
        try (SseClient stream = api.events((String) created.get("events"))) {
            StringBuilder text = new StringBuilder();
            while (!text.toString().equals("Three tests failed ")) {
                SseClient.Event event = Api.next(stream);
                assertEquals("delta", event.event());
                text.append(api.read(event.data()).get("text"));
            }
            assertTrue(answer.finish().isEmpty(), "relayed while the upstream is still writing");
            released.countDown();
            Api.Answered rest = Api.Answered.of(stream.until("end"), api);
            assertEquals("in PriceCalculatorTest.", rest.text());
            assertEquals("stop", rest.finishReason());
        }

        FakeUpstream.Exchange exchange = upstream.nextExchange();
        assertEquals("POST /v1/chat/completions HTTP/1.1", exchange.requestLine);
        assertEquals("Bearer test-key", exchange.headers.get("authorization"));
        Map<String, Object> request = api.read(exchange.body);
        assertEquals("test-model", request.get("model"));
        assertEquals(true, request.get("stream"));
        @SuppressWarnings("unchecked")
        List<Map<String, String>> messages = (List<Map<String, String>>) request.get("messages");
        assertEquals("system", messages.get(0).get("role"));
        String context = messages.get(0).get("content");
        assertTrue(context.contains("`demo.PriceCalculatorTest.tenPercent` ([line 47](/jobs/maven/test-failure#L47))"), context);
        assertTrue(context.contains("47: [ERROR] demo.PriceCalculatorTest.tenPercent -- Time elapsed: 0.016 s <<< FAILURE!"), context);
        assertTrue(context.contains("48: org.opentest4j.AssertionFailedError: expected: <900> but was: <901>"), context);
        assertTrue(context.length() < ContextExcerpt.MAX_CHARS * 2, "the excerpt is bounded: " + context.length());
        assertEquals(Map.of("role", "user", "content", "why did it fail?"), messages.get(messages.size() - 1));
    }

    @Test
    void aFollowUpPassesTheEarlierTurnsOnInOrder() throws Exception {
        upstream.script(exchange -> {
            exchange.start(200, "text/event-stream");
            exchange.delta("The second.", "stop");
            exchange.data("[DONE]");
            exchange.finish();
        });
        Api api = api();
        List<ChatMessage> earlier = List.of(ChatMessage.user("why did it fail?"),
                new ChatMessage("assistant", "A test failed."));
        Api.Answered answered = api.follow((String) api.ask("which one?", "maven/test-failure", earlier).get("events"));
        assertEquals("The second.", answered.text());

        @SuppressWarnings("unchecked")
        List<Map<String, String>> messages = (List<Map<String, String>>) api.read(upstream.nextExchange().body).get("messages");
        assertEquals("system", messages.get(0).get("role"));
        assertEquals(List.of(Map.of("role", "user", "content", "why did it fail?"),
                Map.of("role", "assistant", "content", "A test failed."),
                Map.of("role", "user", "content", "which one?")), messages.subList(1, messages.size()));
    }

    @Test
    void cancellingTheAnswerClosesTheUpstreamConnection() throws Exception {
        upstream.script(OpenAiEngineTest::startsThenHangsOn);
        Api api = api();
        Map<String, Object> created = api.ask("which jobs failed?", null);
        try (SseClient stream = api.events((String) created.get("events"))) {
            assertEquals("delta", Api.next(stream).event());
            assertEquals(202, api.post("/api/answers/" + created.get("id") + "/cancel", "").statusCode());
            FakeUpstream.Exchange exchange = upstream.nextExchange();
            assertTrue(exchange.closedByClient.await(15, TimeUnit.SECONDS), "the upstream request was aborted");
            Api.Answered rest = Api.Answered.of(stream.until("end"), api);
            assertEquals("cancelled", rest.finishReason());
        }
    }

    @Test
    void anUpstreamErrorEndsTheAnswerWithError() throws Exception {
        upstream.script(exchange -> {
            exchange.start(500, "application/json");
            exchange.chunk("{\"error\": {\"message\": \"model 'test-model' exploded\", \"type\": \"server_error\"}}");
            exchange.finish();
        });
        Api api = api();
        Api.Answered answered = api.follow((String) api.ask("why?", "npm/install").get("events"));
        assertEquals("error", answered.finishReason());
        assertTrue(answered.text().contains("**Error:** the model server at " + upstream.baseUrl()
                + " answered 500: model 'test-model' exploded"), answered.text());
    }

    @Test
    void anErrorInTheStreamEndsTheAnswerWithError() throws Exception {
        upstream.script(exchange -> {
            exchange.start(200, "text/event-stream");
            exchange.delta("Partly ", null);
            exchange.data("{\"error\": {\"message\": \"context length exceeded\"}}");
            exchange.finish();
        });
        Api api = api();
        Api.Answered answered = api.follow((String) api.ask("why?", "npm/install").get("events"));
        assertEquals("error", answered.finishReason());
        assertTrue(answered.text().startsWith("Partly \n\n**Error:** "), answered.text());
        assertTrue(answered.text().contains("reported an error: context length exceeded"), answered.text());
    }

    @Test
    void aChatCompletionWhoseUpstreamFailsIsABadGatewayOrAnErrorInTheStream() {
        FakeUpstream.Script failing = exchange -> {
            exchange.start(500, "application/json");
            exchange.chunk("{\"error\": {\"message\": \"out of memory\"}}");
            exchange.finish();
        };
        String question = "{\"model\": \"tailboard\", \"messages\": [{\"role\": \"user\", \"content\": \"why did npm/install fail?\"}]";
        Api api = api();
        upstream.script(failing);
        HttpResponse<String> whole = api.post("/v1/chat/completions", question + "}");
        assertEquals(502, whole.statusCode(), whole.body());
        assertTrue(((String) api.read(whole.body()).get("error")).endsWith("answered 500: out of memory"), whole.body());

        upstream.script(failing);
        HttpResponse<String> streamed = api.post("/v1/chat/completions", question + ", \"stream\": true}");
        assertEquals(200, streamed.statusCode());
        List<String> data = streamed.body().lines().filter(line -> line.startsWith("data:")).toList();
        assertEquals("data: [DONE]", data.get(data.size() - 1));
        assertTrue(data.get(data.size() - 2).startsWith("data: {\"error\":\"the model server at "), data.toString());
    }

    @Test
    void aChatClientThatLeavesCancelsTheUpstreamRequest() throws Exception {
        upstream.script(OpenAiEngineTest::startsThenHangsOn);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\": \"tailboard\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"why did npm/install fail?\"}]}"))
                .build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Iterator<String> lines = response.body().iterator();
        while (!lines.next().contains("\"content\":\"Looking \"")) {
            // the role chunk comes first, then the relayed content
        }
        response.body().close();
        assertTrue(upstream.nextExchange().closedByClient.await(15, TimeUnit.SECONDS), "the upstream request was aborted");
    }

    @Test
    void anUpstreamThatSaysNothingTimesOut() throws Exception {
        upstream.script(exchange -> {
            exchange.start(200, "text/event-stream");
            exchange.awaitClose();
        });
        Map<String, Object> settings = new HashMap<>(settings());
        settings.put("tailboard.answers.openai.timeout", "300ms");
        try (TestServer quick = TestServer.start(logs.root(), settings)) {
            Api api = new Api(quick);
            Api.Answered answered = api.follow((String) api.ask("why?", "npm/install").get("events"));
            assertEquals("error", answered.finishReason());
            assertTrue(answered.text().contains("sent nothing for 300 ms"), answered.text());
            assertTrue(upstream.nextExchange().closedByClient.await(15, TimeUnit.SECONDS), "the silent request was aborted");
        }
    }
}
