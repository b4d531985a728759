package dev.tailboard.hardening;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.RawHttp;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every query parameter and header the API reads, with negative, huge, non-numeric and empty values, and
 * malformed and oversized bodies: a 4xx with a JSON error, never a 500 and never a stack trace.
 */
class BadInputTest {

    @TempDir
    static Path logs;
    static TestServer server;
    static String answer;

    @BeforeAll
    static void start() {
        new LogFolder(logs).append("a", "one\ntwo\n").finish("a", "success", 0);
        server = TestServer.start(logs, Map.of("tailboard.answers.chunk-delay", "0ms"));
        RawHttp.Response created = RawHttp.post(server.port(), "/api/answers", "application/json",
                "{\"prompt\":\"did a pass?\",\"job\":\"a\"}".getBytes(StandardCharsets.UTF_8));
        answer = (String) server.json(created.body()).get("id");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Values that are not a non-negative integer, as they go on the wire. */
    static final List<String> NOT_A_COUNT = List.of("-1", "-9223372036854775808", "99999999999999999999",
            "9".repeat(2000), "1e3", "1.5", "0x10", "abc", "", "%20", "%00", "1%00", "%EF%BC%91", "NaN", "null");

    /** A parameter of an endpoint, and the statuses a bad value may get. */
    record Parameter(String target, String name, boolean header) {
        RawHttp.Response call(int port, String value) {
            if (header) {
                return RawHttp.get(port, target, name + ": " + value);
            }
            return RawHttp.get(port, target + (target.contains("?") ? "&" : "?") + name + "=" + value);
        }

        @Override
        public String toString() {
            return target + (header ? " header " : " ?") + name;
        }
    }

    static List<Parameter> counts() {
        return List.of(
                new Parameter("/api/jobs/a/events", "from", false),
                new Parameter("/api/jobs/a/events", "tail", false),
                new Parameter("/api/jobs/a/events", "Last-Event-ID", true),
                new Parameter("/api/jobs/a/log", "from", false),
                new Parameter("/api/jobs/a/log", "tail", false),
                new Parameter("/api/jobs/a/log", "limit", false),
                new Parameter("/api/jobs/a/log", "wait", false),
                new Parameter("/api/jobs/a/log", "Last-Event-ID", true),
                new Parameter("/api/jobs/a/stream", "from", false),
                new Parameter("/api/jobs/a/stream", "tail", false),
                new Parameter("/api/jobs/a/stream", "Last-Event-ID", true),
                new Parameter("/ws/jobs/a", "from", false),
                new Parameter("/ws/jobs/a", "tail", false),
                new Parameter("/api/answers/" + answer + "/events", "from", false),
                new Parameter("/api/answers/" + answer + "/events", "Last-Event-ID", true));
    }

    static Stream<Arguments> badCounts() {
        List<Arguments> all = new ArrayList<>();
        for (Parameter parameter : counts()) {
            for (String value : NOT_A_COUNT) {
                if (parameter.header() && value.startsWith("%")) {
                    continue;
                }
                all.add(Arguments.of(parameter, value));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badCounts")
    void aValueThatIsNotACountIsA400(Parameter parameter, String value) {
        RawHttp.Response response = parameter.call(server.port(), value);
        assertEquals(400, response.status(), response::body);
        assertJsonError(response);
    }

    /** Counts out of their range: a page of 1 to 10,000 lines, a wait of at most 60 seconds. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"limit=0", "limit=10001", "limit=2147483648", "wait=61", "wait=86400"})
    void aCountOutOfItsRangeIsA400(String query) {
        RawHttp.Response response = RawHttp.get(server.port(), "/api/jobs/a/log?" + query);
        assertEquals(400, response.status(), response::body);
        assertJsonError(response);
    }

    /** Counts that are valid however large: a cursor past the end resets, a huge tail is the whole log. */
    @ParameterizedTest(name = "{0} = 9223372036854775807")
    @MethodSource("cursors")
    void theLargestCursorIsServed(Parameter parameter) {
        RawHttp.Response response = parameter.call(server.port(), "9223372036854775807");
        assertTrue(response.status() == 200 || response.status() == 204, response::body);
    }

    static Stream<Parameter> cursors() {
        return counts().stream().filter(parameter -> !Set.of("limit", "wait").contains(parameter.name())
                && !parameter.target().startsWith("/ws/"));
    }

    /** Bodies that are not what a JSON endpoint takes. */
    static Stream<Arguments> badJson() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("", " ", "{", "{bad", "[", "\"", "null", "[]", "42", "\"prompt\"", "{\"prompt\":5}",
                "{\"prompt\":\"\"}", "{\"prompt\":null}", "{\"prompt\":[\"x\"]}", "{\"prompt\":\"x\",\"job\":7}",
                "{\"messages\":\"x\"}", "{\"messages\":[{\"role\":5}]}", "{\"messages\":[]}",
                "[".repeat(100_000), "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000))) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'});
        bodies.add(new byte[] {0, 0, 0, 0});
        List<Arguments> all = new ArrayList<>();
        for (String target : List.of("/api/answers", "/v1/chat/completions")) {
            for (byte[] body : bodies) {
                all.add(Arguments.of(target, new String(body, StandardCharsets.ISO_8859_1)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("badJson")
    void aBodyThatIsNotTheRightJsonIsA4xx(String target, String body) {
        RawHttp.Response response = RawHttp.post(server.port(), target, "application/json",
                body.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(response.status() >= 400 && response.status() < 500, () -> response.head() + "\n" + response.body());
        assertJsonError(response);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonTargets")
    void aBodyOfAnotherTypeIsA415(String target) {
        RawHttp.Response response = RawHttp.post(server.port(), target, "text/plain", "{\"prompt\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, response.status(), response::body);
        assertJsonError(response);
    }

    static Stream<String> jsonTargets() {
        return Stream.of("/api/answers", "/v1/chat/completions");
    }

    @org.junit.jupiter.api.Test
    void aPromptOver32KibIsA413() {
        String prompt = "é".repeat(16 * 1024 + 1);
        RawHttp.Response response = RawHttp.post(server.port(), "/api/answers", "application/json",
                ("{\"prompt\":\"" + prompt + "\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(413, response.status(), response::body);
        assertJsonError(response);
    }

    static Stream<String> ranges() {
        return Stream.of("bytes=-1", "bytes=-0", "bytes=0--1", "bytes=-99999999999999999999", "bytes=99999999999999999999-",
                "bytes=9223372036854775807-", "bytes=5-2", "bytes=", "bytes=-", "bytes=a-b", "bytes=0-1,2-3", "bytes=%00",
                "lines=0-1", "", "bytes=" + "9".repeat(3000) + "-", "bytes=0-9223372036854775807");
    }

    @ParameterizedTest(name = "Range: {0}")
    @MethodSource("ranges")
    void aBadRangeGetsTheWholeLogOrA416(String range) {
        RawHttp.Response response = RawHttp.get(server.port(), "/api/jobs/a/raw", "Range: " + range);
        assertTrue(Set.of(200, 206, 416).contains(response.status()), response::head);
        assertNoStackTrace(response);
        if (response.status() == 200) {
            assertEquals("one\ntwo\n", response.body());
        }
    }

    /** A body that an endpoint reads, larger than {@code micronaut.server.max-request-size}. */
    record Body(String target, String contentType, String start) {
        @Override
        public String toString() {
            return "POST " + target + " " + contentType;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void anOversizedBodyIsA413(Body endpoint) {
        byte[] body = (endpoint.start() + "x".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.post(server.port(), endpoint.target(), endpoint.contentType(), body);
        assertEquals(413, response.status(), response::body);
        if (endpoint.target().startsWith("/api/") || endpoint.target().startsWith("/v1/")) {
            assertJsonError(response);
        }
        assertNoStackTrace(response);
    }

    static Stream<Body> bodies() {
        return Stream.of(new Body("/login", "application/x-www-form-urlencoded", "token="),
                new Body("/api/answers", "application/json", "{\"prompt\":\""),
                new Body("/v1/chat/completions", "application/json", "{\"model\":\"builtin\",\"messages\":[{\"role\":\"user\",\"content\":\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeHeads")
    void aHugeRequestHeadIsRefusedWithAJsonError(String head) {
        RawHttp.Response response = RawHttp.exchange(server.port(), head, new byte[0]);
        assertTrue(Set.of(400, 413, 414, 431).contains(response.status()), response::head);
        assertJsonError(response);
    }

    static Stream<String> hugeHeads() {
        return Stream.of(
                "GET /api/jobs/" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/jobs HTTP/1.1\r\nHost: x\r\nX-Big: " + "x".repeat(100_000) + "\r\nConnection: close\r\n\r\n",
                "GET /api/jobs/a/events HTTP/1.1\r\nHost: x\r\nLast-Event-ID: " + "1".repeat(100_000) + "\r\nConnection: close\r\n\r\n");
    }

    static void assertJsonError(RawHttp.Response response) {
        assertTrue(response.isJson(), () -> "not JSON: " + response.head() + "\n" + response.body());
        assertTrue(response.body().startsWith("{\"error\":"), response::body);
        assertNoStackTrace(response);
    }

    static void assertNoStackTrace(RawHttp.Response response) {
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response::body);
    }
}
