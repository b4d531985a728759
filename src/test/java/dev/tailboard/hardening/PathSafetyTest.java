package dev.tailboard.hardening;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.RawHttp;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every endpoint that takes a job id, asked with every way of naming a file outside the logs folder: the
 * answer is a 4xx, never a 500, and never holds a byte of the secret files placed just outside the folder.
 */
class PathSafetyTest {

    static final String SECRET = "TOP-SECRET-" + UUID.randomUUID();

    @TempDir
    static Path base;
    static Path logs;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        logs = base.resolve("logs");
        Files.writeString(base.resolve("secret.log"), SECRET + "\n");
        Files.writeString(base.resolve("secret.json"), "{\"status\":\"success\",\"title\":\"" + SECRET + "\"}");
        Files.createDirectories(base.resolve("outside"));
        Files.writeString(base.resolve("outside/x.log"), SECRET + "\n");
        LogFolder folder = new LogFolder(logs);
        folder.append("a", "hello\n").finish("a", "success", 0);
        Files.createSymbolicLink(logs.resolve("link.log"), base.resolve("secret.log"));
        Files.createSymbolicLink(logs.resolve("link.json"), base.resolve("secret.json"));
        Files.createSymbolicLink(logs.resolve("linkdir"), base);
        Files.createSymbolicLink(logs.resolve("relative.log"), Path.of("../secret.log"));
        server = TestServer.start(logs);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * An endpoint that takes a job id; {@code {id}} is replaced by the id exactly as it goes on the wire. The
     * method {@code WS} is a WebSocket handshake.
     */
    record Endpoint(String method, String target, boolean api) {
        RawHttp.Response call(int port, String id) {
            String path = target.replace("{id}", id);
            return switch (method) {
                case "POST" -> RawHttp.post(port, path, "application/json", new byte[0]);
                case "WS" -> RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n", new byte[0]);
                default -> RawHttp.get(port, path);
            };
        }

        @Override
        public String toString() {
            return method + " " + target;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/jobs/{id}", true),
            new Endpoint("GET", "/api/jobs/{id}/raw", true),
            new Endpoint("GET", "/api/jobs/{id}/events", true),
            new Endpoint("GET", "/api/jobs/{id}/events?from=0", true),
            new Endpoint("GET", "/api/jobs/{id}/log", true),
            new Endpoint("GET", "/api/jobs/{id}/log?from=0&limit=10&wait=1", true),
            new Endpoint("GET", "/api/jobs/{id}/stream", true),
            new Endpoint("WS", "/ws/jobs/{id}", true),
            new Endpoint("WS", "/ws/jobs/{id}?from=0", true),
            new Endpoint("POST", "/api/jobs/{id}/cancel", true),
            new Endpoint("GET", "/api/search?q=line&job={id}", true),
            new Endpoint("GET", "/jobs/{id}", false));

    /** Ways to name something outside the logs folder, as they go on the wire. */
    static List<String> hostileIds() {
        String absolute = base.resolve("secret").toString();
        return List.of(
                "..", "../secret", "..%2Fsecret", "%2e%2e%2fsecret", "%2E%2E%2Fsecret", "%2e%2e/secret",
                "a/../../secret", "a/%2e%2e/%2e%2e/secret", "%2F..%2Fsecret", "..%252Fsecret",
                "secret%00", "a%00", "a%00.log", "%00",
                "..\\secret", "..%5Csecret", "a%5C..%5C..%5Csecret",
                absolute, "/" + absolute, "%2F" + absolute.substring(1).replace("/", "%2F"),
                "//etc/passwd", "%2Fetc%2Fpasswd", "file:%2F%2F%2Fetc%2Fpasswd", "~root",
                "%EF%BC%8E%EF%BC%8E%EF%BC%8Fsecret", "%E2%80%A4%E2%80%A4/secret", "%C0%AE%C0%AE/secret",
                "%C0%AF", "%u002e%u002e/secret", "a;/../secret",
                "a".repeat(10_000), "../".repeat(3_000) + "secret",
                "link", "linkdir/secret", "linkdir/outside/x", "relative");
    }

    static Stream<Arguments> attacks() {
        List<Arguments> all = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (String id : hostileIds()) {
                all.add(Arguments.of(endpoint, id));
            }
        }
        return all.stream();
    }

    static final Set<Integer> REFUSALS = Set.of(400, 404, 405, 413, 414, 431);

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("attacks")
    void neverServesAFileFromOutsideTheLogsFolder(Endpoint endpoint, String id) {
        assumeTrue(!endpoint.target().contains("={id}") || !id.contains(";"),
                "in a query, ';' separates parameters: the job is the part before it");
        RawHttp.Response response = endpoint.call(server.port(), id);
        assertRefused(endpoint.api(), response);
    }

    /** Micronaut cannot build a request from such a target; the handshake is answered and closed, not left hanging. */
    @Test
    void aWebSocketHandshakeWhoseTargetIsNotAUriIs400AndClosed() throws IOException {
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout((int) Await.DEADLINE.toMillis());
            socket.getOutputStream().write(("GET /ws/jobs/..\\secret HTTP/1.1\r\nHost: localhost:" + server.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until closed
            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
            assertTrue(answer.toLowerCase(Locale.ROOT).contains("\r\ncontent-type: application/json\r\n"), answer);
            assertTrue(answer.endsWith("\r\n\r\n{\"error\":\"not a valid URL\"}"), answer);
        }
    }

    private static boolean isUri(String target) {
        try {
            URI.create(target);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static void assertRefused(boolean api, RawHttp.Response response) {
        assertTrue(REFUSALS.contains(response.status()), () -> "expected a refusal, got " + response.head() + "\n" + response.body());
        assertFalse(response.head().contains(SECRET) || response.body().contains(SECRET), "the secret leaked");
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), () -> "a stack trace: " + response.body());
        if (api) {
            assertTrue(response.isJson() && response.body().contains("\"error\""), () -> "not a JSON error: " + response.head() + "\n" + response.body());
        }
    }

    /** The question page pre-selects a job it is given, and only a job that exists. */
    @ParameterizedTest(name = "GET /ask?job={0}")
    @MethodSource("hostileIds")
    void theQuestionPageNeverShowsAFileFromOutsideTheLogsFolder(String id) {
        assumeTrue(isUri("/ask?job=" + id), "not a URI: refused before any page (see the table above)");
        RawHttp.Response response = RawHttp.get(server.port(), "/ask?job=" + id);
        assertTrue(response.status() == 200 || REFUSALS.contains(response.status()), response::head);
        assertFalse(response.body().contains(SECRET), "the secret leaked");
    }

    /** The same ids as a client would mean them (decoded), in the {@code job} of a question. */
    @ParameterizedTest(name = "POST /api/answers with job {0}")
    @MethodSource("hostileIds")
    void noAnswerIsAboutAFileFromOutsideTheLogsFolder(String id) {
        String job = decoded(id);
        RawHttp.Response response = RawHttp.post(server.port(), "/api/answers", "application/json",
                ("{\"prompt\":\"show the log and its errors\",\"job\":" + jsonString(job) + "}").getBytes(StandardCharsets.UTF_8));
        assertRefused(true, response);
    }

    private static String decoded(String id) {
        try {
            return URLDecoder.decode(id.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aValidIdIsServed(Endpoint endpoint) {
        RawHttp.Response response = endpoint.call(server.port(), "a");
        int expected = switch (endpoint.method()) {
            case "POST" -> 409;
            case "WS" -> 101;
            default -> 200;
        };
        assertEquals(expected, response.status(), response::body);
    }

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    @Test
    void linksAreNotJobs() {
        String list = server.get("/api/jobs").body();
        assertTrue(list.contains("\"a\""), list);
        assertFalse(list.contains(SECRET) || list.contains("link") || list.contains("relative"), list);
    }

    /** A job that was a plain file and is now a link: whatever the registry still remembers, the link is not followed. */
    @Test
    void aLogReplacedByALinkIsNotFollowed() throws IOException {
        LogFolder folder = new LogFolder(logs);
        folder.append("swap", "harmless\n").finish("swap", "success", 0);
        Await.until("the job to be known", () -> server.get("/api/jobs/swap").statusCode() == 200);
        Files.delete(folder.log("swap"));
        Files.createSymbolicLink(folder.log("swap"), base.resolve("secret.log"));
        for (String range : new String[] {null, "Range: bytes=0-"}) {
            RawHttp.Response raw = range == null ? RawHttp.get(server.port(), "/api/jobs/swap/raw")
                    : RawHttp.get(server.port(), "/api/jobs/swap/raw", range);
            assertFalse(raw.body().contains(SECRET), "raw leaked the secret");
            assertTrue(raw.status() != 500, raw::body);
        }
        Await.until("the registry to drop the link", () -> server.get("/api/jobs/swap").statusCode() == 404);
        for (String target : List.of("/api/jobs/swap/events?from=0", "/api/jobs/swap/log", "/api/jobs/swap/stream")) {
            assertRefused(true, RawHttp.get(server.port(), target));
        }
    }

    /**
     * A viewer follows {@code d/x}; the folder {@code d} is swapped for a link to a folder outside with an
     * {@code x.log} of its own, then put back. The viewer sees the log start again, never the outside file.
     */
    @Test
    void aFolderReplacedByALinkIsNotFollowedByItsViewers() throws Exception {
        LogFolder folder = new LogFolder(logs);
        folder.append("d/x", "before\n").sidecar("d/x", "{\"status\":\"running\"}");
        try (SseClient viewer = server.sse("/api/jobs/d/x/events")) {
            assertEquals(List.of("before"), linesOf(viewer.until("log")));
            Files.move(logs.resolve("d"), base.resolve("d-moved"));
            Files.createSymbolicLink(logs.resolve("d"), base.resolve("outside"));
            Await.until("the registry to drop d/x", () -> server.get("/api/jobs/d/x").statusCode() == 404);
            RawHttp.Response raw = RawHttp.get(server.port(), "/api/jobs/d/x/raw");
            assertFalse(raw.body().contains(SECRET), "raw leaked the secret");
            Files.delete(logs.resolve("d"));
            folder.append("d/x", "back\n").sidecar("d/x", "{\"status\":\"success\"}");
            List<SseClient.Event> seen = viewer.until("end");
            for (SseClient.Event event : seen) {
                assertFalse(String.valueOf(event.data()).contains(SECRET), "the viewer got the secret: " + seen);
            }
            assertTrue(seen.stream().anyMatch(event -> "reset".equals(event.event())), seen::toString);
            assertTrue(linesOf(seen).contains("back"), seen::toString);
        }
    }

    private static List<String> linesOf(List<SseClient.Event> events) {
        List<String> lines = new ArrayList<>();
        for (SseClient.Event event : events) {
            if ("log".equals(event.event())) {
                lines.addAll(TestServer.lines(server.json(event.data())));
            }
        }
        return lines;
    }

}
