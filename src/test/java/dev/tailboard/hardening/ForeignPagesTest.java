package dev.tailboard.hardening;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.RawHttp;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page of another site, as the attack was made: its browser names it in {@code Origin} on every POST and every
 * WebSocket handshake, and it may spell a path any way the router accepts. It may neither act nor read.
 */
class ForeignPagesTest {

    static final String EVIL = "http://evil.example";
    /** The server as its users reach it: by this machine's name (Micronaut guards only localhost by itself). */
    static final String NAME = machineName();
    static final String TOKEN = "correct horse battery staple";

    @TempDir
    static Path base;

    static TestServer serve(String folder, Map<String, Object> extra) {
        Path logs = base.resolve(folder);
        new LogFolder(logs).append("a", "the secret line\n").finish("a", "success", 0);
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("tailboard.pipelines.echo.command", List.of("sh", "-c", "echo ran"));
        return TestServer.start(logs, properties);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutAToken {

        TestServer server;

        @BeforeAll
        void start() {
            server = serve("open", Map.of());
        }

        @AfterAll
        void stop() {
            server.close();
        }

        String self() {
            return "http://" + NAME + ":" + server.port();
        }

        String host() {
            return "Host: " + NAME + ":" + server.port();
        }

        @ParameterizedTest(name = "POST {0}")
        @ValueSource(strings = {"/api/pipelines/echo/runs", "/api/pipelines/echo/runs/", "//api/pipelines/echo/runs",
                "/api//pipelines/echo/runs", "/api/pipelines/echo/runs//", "/api/pipelines/%65cho/runs",
                "/api/pipelines/echo/%72uns", "/%61pi/pipelines/echo/runs", "/api/./pipelines/echo/runs",
                "/api/pipelines/echo/runs?x=1", "/api/pipelines/echo/runs/?x=1", "/api/pipelines/echo/runs;x",
                "/API/pipelines/echo/runs", "/api/jobs/a/cancel", "/api/jobs/a/cancel/", "/api/answers", "/api/answers/",
                "/api/answers/x/cancel", "/v1/chat/completions", "/v1/chat/completions/", "/login", "/api/nothing-here"})
        void noSpellingOfAPathLetsAForeignPageAct(String target) {
            long before = runs();
            RawHttp.Response refused = RawHttp.post(server.port(), target, "application/json",
                    "{\"prompt\":\"which jobs failed?\"}".getBytes(StandardCharsets.UTF_8), host(), "Origin: " + EVIL);
            assertEquals(403, refused.status(), refused::head);
            assertTrue(refused.isJson() && refused.body().startsWith("{\"error\":\"cross-origin request refused"), refused::body);
            AccessTest.assertSecured(refused);
            assertEquals(before, runs(), "a foreign page started a run");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"PUT", "PATCH", "DELETE", "PROPFIND"})
        void everyStateChangingMethodIsCheckedToo(String method) {
            RawHttp.Response refused = RawHttp.exchange(server.port(), method + " /api/jobs/a HTTP/1.1\r\n" + host()
                    + "\r\nOrigin: " + EVIL + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", new byte[0]);
            assertEquals(403, refused.status(), refused::head);
        }

        @Test
        void aPageWithoutAnOriginOfItsOwnIsForeignToo() {
            RawHttp.Response refused = RawHttp.post(server.port(), "/api/pipelines/echo/runs/", "application/json",
                    new byte[0], host(), "Origin: null");
            assertEquals(403, refused.status(), refused::head);
        }

        @Test
        void theServersOwnPagesAndScriptsStillAct() {
            RawHttp.Response own = RawHttp.post(server.port(), "/api/pipelines/echo/runs/", "application/json",
                    new byte[0], host(), "Origin: " + self());
            assertEquals(201, own.status(), "the slash spelling reaches the route, which is why it must be checked: " + own.head());
            RawHttp.Response script = RawHttp.post(server.port(), "/api/pipelines/echo/runs", "application/json", new byte[0], host());
            assertEquals(201, script.status(), script::head);
            assertNotEquals(403, RawHttp.post(server.port(), "/api/jobs/echo/1/cancel/", "application/json",
                    new byte[0], host(), "Origin: " + self()).status());
        }

        @Test
        void aForeignPageReadsNoLogOverAWebSocket() {
            for (String path : List.of("/ws/jobs/a", "/ws/jobs/a/", "/ws/answers", "/ws/answers/", "//ws/answers")) {
                WebSocketHandshakeException refused = refusedHandshake(server, path, EVIL);
                assertEquals(403, refused.getResponse().statusCode(), path);
            }
            RawHttp.Response raw = RawHttp.exchange(server.port(), handshake("/ws/jobs/a", host())
                    + "Origin: " + EVIL + "\r\n\r\n", new byte[0]);
            assertEquals(403, raw.status(), raw::head);
            assertTrue(raw.isJson() && raw.body().startsWith("{\"error\":") && !raw.body().contains("secret"), raw::body);
        }

        @Test
        void theServersOwnPagesAndScriptsStillOpenWebSockets() {
            receives(server, "/ws/jobs/a", self(), null, "the secret line");
            receives(server, "/ws/jobs/a", null, null, "the secret line");
            receives(server, "/ws/answers", self(), "{\"type\":\"prompt\",\"prompt\":\"which jobs failed?\"}", "delta");
        }

        private long runs() {
            Path echo = base.resolve("open/echo");
            try (var files = Files.exists(echo) ? Files.list(echo) : Stream.<Path>empty()) {
                return files.filter(file -> file.toString().endsWith(".log")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** With a token and the victim logged in, a page on a sibling name is same-site: the cookie goes along. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithATokenAndALoggedInVictim {

        TestServer server;
        String cookie;

        @BeforeAll
        void start() {
            server = serve("token", Map.of("tailboard.auth.token", TOKEN));
            String form = "token=" + java.net.URLEncoder.encode(TOKEN, StandardCharsets.UTF_8) + "&next=/";
            RawHttp.Response login = RawHttp.post(server.port(), "/login", "application/x-www-form-urlencoded",
                    form.getBytes(StandardCharsets.UTF_8), "Origin: http://localhost:" + server.port());
            assertEquals(303, login.status(), login::head);
            cookie = "Cookie: " + login.header("Set-Cookie").split(";", 2)[0];
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void aSiblingPageCannotStartARunWithTheVictimsCookie() {
            String sibling = "http://evil." + NAME + ":" + server.port();
            String host = "Host: " + NAME + ":" + server.port();
            RawHttp.Response refused = RawHttp.post(server.port(), "/api/pipelines/echo/runs/", "application/json",
                    new byte[0], host, cookie, "Origin: " + sibling);
            assertEquals(403, refused.status(), refused::head);
            RawHttp.Response socket = RawHttp.exchange(server.port(), handshake("/ws/jobs/a", host)
                    + cookie + "\r\nOrigin: " + sibling + "\r\n\r\n", new byte[0]);
            assertEquals(403, socket.status(), socket::head);
            assertFalse(Files.exists(base.resolve("token/echo")), "a run was started");

            RawHttp.Response own = RawHttp.post(server.port(), "/api/pipelines/echo/runs/", "application/json",
                    new byte[0], host, cookie, "Origin: http://" + NAME + ":" + server.port());
            assertEquals(201, own.status(), own::head);
        }
    }

    static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            throw new AssertionError("this machine's name does not resolve", e);
        }
    }

    static String handshake(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\n" + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    }

    static WebSocketHandshakeException refusedHandshake(TestServer server, String path, String origin) {
        CompletionException failed = assertThrows(CompletionException.class, () -> server.http().newWebSocketBuilder()
                .header("Origin", origin).buildAsync(URI.create("ws://" + NAME + ":" + server.port() + path), new Frames()).join(),
                path);
        return assertInstanceOf(WebSocketHandshakeException.class, failed.getCause(), path);
    }

    /** Opens a real WebSocket (with {@code origin} if given), sends {@code message} if given, waits for a frame with {@code text}. */
    static void receives(TestServer server, String path, String origin, String message, String text) {
        Frames frames = new Frames();
        WebSocket.Builder builder = server.http().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        WebSocket socket = builder.buildAsync(URI.create("ws://" + NAME + ":" + server.port() + path), frames).join();
        if (message != null) {
            socket.sendText(message, true).join();
        }
        Await.until("a frame with '" + text + "' on " + path, () -> frames.texts.stream().anyMatch(frame -> frame.contains(text)));
        socket.abort();
    }

    /** Collects whole text frames. */
    static final class Frames implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
