package dev.tailboard.answers;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /ws/answers}: prompt in, deltas and an end out; stop cancels; bad messages get an error message. */
class AnswerSocketTest extends ServerTest {

    @Override
    protected Map<String, Object> settings() {
        return Map.of("tailboard.answers.chunk-delay", "20ms");
    }

    /** A real WebSocket client that queues the messages it gets. */
    private static final class Socket implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final WebSocket socket;

        Socket(URI uri) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        void send(String message) {
            socket.sendText(message, true).join();
        }

        String next() throws InterruptedException {
            String message = messages.poll(15, TimeUnit.SECONDS);
            assertNotNull(message, "a message from the server");
            return message;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            assertEquals(WebSocket.NORMAL_CLOSURE, closed.orTimeout(15, TimeUnit.SECONDS).join(), "the server closed too");
        }
    }

    private Socket connect() {
        return new Socket(URI.create("ws://localhost:" + server.port() + "/ws/answers"));
    }

    /** The messages up to the end: the deltas' text, and the end message. */
    private record Received(String text, int deltas, Map<String, Object> end) {
        static Received until(Socket socket, Api api) throws InterruptedException {
            StringBuilder text = new StringBuilder();
            int deltas = 0;
            Map<String, Object> message = api.read(socket.next());
            while ("delta".equals(message.get("type"))) {
                text.append(message.get("text"));
                deltas++;
                message = api.read(socket.next());
            }
            return new Received(text.toString(), deltas, message);
        }
    }

    @Test
    void aPromptGetsDeltasThenAnEnd() throws Exception {
        Api api = api();
        try (Socket socket = connect()) {
            socket.send("{\"type\": \"prompt\", \"prompt\": \"why did it fail?\", \"job\": \"npm/install\"}");
            Received received = Received.until(socket, api);
            assertEquals(Map.of("type", "end", "finishReason", "stop"), received.end());
            assertTrue(received.deltas() > 10, "in word-sized chunks: " + received.deltas());
            assertTrue(received.text().contains("[line 1](/jobs/npm/install#L1): `npm error code E404`"), received.text());

            socket.send("{\"type\": \"prompt\", \"prompt\": \"and which jobs failed?\"}");
            assertEquals("delta", api.read(socket.next()).get("type"), "the socket takes the next prompt");
        }
    }

    @Test
    void stopCancelsTheAnswer() throws Exception {
        Api api = api();
        try (Socket socket = connect()) {
            socket.send("{\"type\": \"prompt\", \"prompt\": \"why did maven/test-failure fail?\"}");
            assertEquals("delta", api.read(socket.next()).get("type"));
            socket.send("{\"type\": \"stop\"}");
            assertEquals(Map.of("type", "end", "finishReason", "cancelled"), Received.until(socket, api).end());
        }
    }

    @Test
    void badMessagesGetAnErrorAndTheSocketStaysOpen() throws Exception {
        Api api = api();
        try (Socket socket = connect()) {
            socket.send("not json");
            assertEquals("error", api.read(socket.next()).get("type"));
            socket.send("{\"type\": \"prompt\", \"prompt\": \"\"}");
            assertEquals("error", api.read(socket.next()).get("type"));
            socket.send("{\"type\": \"prompt\", \"prompt\": \"why?\", \"job\": \"no/such-job\"}");
            assertEquals(Map.of("type", "error", "error", "no job 'no/such-job'"), api.read(socket.next()));
            socket.send("{\"type\": \"dance\"}");
            assertEquals("error", api.read(socket.next()).get("type"));
            socket.send("{\"type\": \"prompt\", \"prompt\": \"which jobs failed?\"}");
            assertEquals("delta", api.read(socket.next()).get("type"));
        }
    }
}
