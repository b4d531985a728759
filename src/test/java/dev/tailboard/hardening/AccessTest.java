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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access token, the login cookie, CORS and the security headers, on a real server. */
class AccessTest {

    static final String TOKEN = "correct horse battery staple";
    static final String FOREIGN = "https://elsewhere.example";

    @TempDir
    static Path base;

    static TestServer serve(String folder, Map<String, Object> properties) {
        Path logs = base.resolve(folder);
        new LogFolder(logs).append("a", "one\n").finish("a", "success", 0);
        return TestServer.start(logs, properties);
    }

    /** Every kind of endpoint, as a target; each must be closed without the token. */
    static Stream<String> closed() {
        return Stream.of("/api/jobs", "/api/jobs/a", "/api/jobs/a/raw", "/api/jobs/a/events", "/api/jobs/a/log",
                "/api/jobs/a/stream", "/api/events", "/api/search?job=a&q=x", "/api/answers/x/events", "/api/pipelines",
                "/api/nothing-here", "/v1/models", "/ws/jobs/a", "/ws/answers", "/", "/jobs/a", "/ask", "/nothing-here");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAToken {

        TestServer server;

        @BeforeAll
        void start() {
            server = serve("token", Map.of("tailboard.auth.token", TOKEN));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.tailboard.hardening.AccessTest#closed")
        void everyEndpointAsksForTheToken(String target) {
            RawHttp.Response response = RawHttp.get(server.port(), target);
            if (target.startsWith("/api/") || target.startsWith("/v1/") || target.startsWith("/ws/")) {
                assertEquals(401, response.status(), response::head);
                assertTrue(response.isJson() && response.body().startsWith("{\"error\":"), response::body);
                assertEquals("Bearer realm=\"tailboard\"", response.header("WWW-Authenticate"));
            } else {
                assertEquals(303, response.status(), response::head);
                assertTrue(response.header("Location").startsWith("/login?next="), response::head);
            }
            assertSecured(response);
            RawHttp.Response wrong = RawHttp.get(server.port(), target, "Authorization: Bearer not-" + TOKEN.replace(' ', '-'));
            assertTrue(wrong.status() == 401 || wrong.status() == 303, wrong::head);
            assertSecured(wrong);
        }

        @Test
        void theBearerTokenOpensTheApiAndTheStreams() {
            String bearer = "Authorization: Bearer " + TOKEN;
            assertEquals(200, RawHttp.get(server.port(), "/api/jobs", bearer).status());
            RawHttp.Response events = RawHttp.get(server.port(), "/api/jobs/a/events", bearer);
            assertEquals(200, events.status(), events::head);
            assertTrue(events.body().contains("event: end"), events::body);
            assertEquals(200, RawHttp.get(server.port(), "/api/jobs/a/raw", "authorization: bearer " + TOKEN).status());
            assertEquals(401, RawHttp.post(server.port(), "/api/pipelines/x/runs", "application/json", new byte[0]).status());
            assertEquals(404, RawHttp.post(server.port(), "/api/pipelines/x/runs", "application/json", new byte[0], bearer).status());
        }

        @Test
        void aWebSocketHandshakeNeedsTheTokenToo() {
            String handshake = "GET /ws/jobs/a HTTP/1.1\r\nHost: localhost:" + server.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n";
            RawHttp.Response refused = RawHttp.exchange(server.port(), handshake + "\r\n", new byte[0]);
            assertEquals(401, refused.status(), refused::head);
            RawHttp.Response upgraded = RawHttp.exchange(server.port(), handshake + "Authorization: Bearer " + TOKEN + "\r\n\r\n", new byte[0]);
            assertEquals(101, upgraded.status(), upgraded::head);
        }

        @Test
        void healthStaysOpen() {
            RawHttp.Response health = RawHttp.get(server.port(), "/health");
            assertEquals(200, health.status(), health::body);
            assertTrue(health.body().contains("\"openReaders\""), health::body);
        }

        @Test
        void theLoginPageSetsAnHttpOnlyStrictCookieThatOpensEverything() {
            RawHttp.Response form = RawHttp.get(server.port(), "/login?next=/jobs/a");
            assertEquals(200, form.status());
            assertTrue(form.body().contains("name=\"token\"") && form.body().contains("value=\"/jobs/a\""), form::body);

            RawHttp.Response refused = login("not the token", "/jobs/a");
            assertEquals(401, refused.status());
            assertNull(refused.header("Set-Cookie"));

            RawHttp.Response accepted = login(TOKEN, "/jobs/a");
            assertEquals(303, accepted.status(), accepted::head);
            assertEquals("/jobs/a", accepted.header("Location"));
            String cookie = accepted.header("Set-Cookie");
            assertNotNull(cookie, accepted::head);
            String lower = cookie.toLowerCase();
            assertTrue(lower.contains("httponly") && lower.contains("samesite=strict") && lower.contains("path=/"), cookie);
            String pair = cookie.split(";", 2)[0];
            assertFalse(pair.contains(TOKEN) || pair.contains(TOKEN.replace(" ", "+")), "the cookie is not the token itself");

            assertEquals(200, RawHttp.get(server.port(), "/api/jobs", "Cookie: " + pair).status());
            RawHttp.Response events = RawHttp.get(server.port(), "/api/jobs/a/events", "Cookie: " + pair);
            assertEquals(200, events.status());
            assertEquals(401, RawHttp.get(server.port(), "/api/jobs", "Cookie: " + pair + "x").status());
        }

        @Test
        void eachLoginHasItsOwnCookieForTheSessionLifetimeAndLogoutEndsIt() {
            String first = cookieOf(login(TOKEN, "/"));
            String second = cookieOf(login(TOKEN, "/"));
            assertNotEquals(first, second, "each login has its own cookie");
            RawHttp.Response accepted = login(TOKEN, "/");
            assertTrue(accepted.header("Set-Cookie").contains("Max-Age=604800"), accepted::head);

            RawHttp.Response page = RawHttp.get(server.port(), "/", "Cookie: " + first);
            assertEquals(200, page.status(), page::head);
            assertTrue(page.body().contains("action=\"/logout\""), "the page offers to log out");
            assertFalse(RawHttp.get(server.port(), "/", "Authorization: Bearer " + TOKEN).body().contains("action=\"/logout\""),
                    "a script with the bearer token has no login to end");

            RawHttp.Response foreign = RawHttp.post(server.port(), "/logout", "application/x-www-form-urlencoded",
                    new byte[0], "Cookie: " + first, "Origin: " + FOREIGN);
            assertEquals(403, foreign.status(), foreign::head);
            RawHttp.Response logout = RawHttp.post(server.port(), "/logout", "application/x-www-form-urlencoded",
                    new byte[0], "Cookie: " + first, "Origin: http://localhost:" + server.port());
            assertEquals(303, logout.status(), logout::head);
            assertEquals("/login", logout.header("Location"));
            assertTrue(logout.header("Set-Cookie").startsWith("tailboard_session=;") && logout.header("Set-Cookie").contains("Max-Age=0"),
                    logout::head);
            assertEquals(200, RawHttp.get(server.port(), "/api/jobs", "Cookie: " + second).status(), "other logins go on");
        }

        @ParameterizedTest(name = "next={0}")
        @CsvSource(delimiter = '|', value = {"/a%20b | /a%20b", "/a%2520b | /a%20b", "/jobs/%C3%A9?q=%C3%BC#L2 | /jobs/%C3%A9?q=%C3%BC#L2",
                "/a\\b | /a%5Cb", "/a%25zz | /"})
        void theLoginReturnsToAnyPathEscaped(String sent, String location) {
            String form = "token=" + java.net.URLEncoder.encode(TOKEN, StandardCharsets.UTF_8) + "&next=" + sent;
            RawHttp.Response accepted = RawHttp.post(server.port(), "/login", "application/x-www-form-urlencoded",
                    form.getBytes(StandardCharsets.UTF_8));
            assertEquals(303, accepted.status(), accepted::head);
            assertEquals(location, accepted.header("Location"));
        }

        @Test
        void aFormThatIsNotOneIsBadInput() {
            RawHttp.Response refused = RawHttp.post(server.port(), "/login", "application/x-www-form-urlencoded",
                    "token=x&next=/a%zz".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, refused.status(), refused::head);
        }

        @ParameterizedTest(name = "next={0}")
        @MethodSource("dev.tailboard.hardening.AccessTest#foreignPlaces")
        void theLoginNeverSendsTheBrowserElsewhere(String next) {
            RawHttp.Response accepted = login(TOKEN, next);
            assertEquals(303, accepted.status());
            assertEquals("/", accepted.header("Location"));
        }

        private static String cookieOf(RawHttp.Response login) {
            return login.header("Set-Cookie").split(";", 2)[0];
        }

        private RawHttp.Response login(String token, String next) {
            String form = "token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)
                    + "&next=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8);
            return RawHttp.post(server.port(), "/login", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAShortSessionLifetime {

        TestServer server;

        @BeforeAll
        void start() {
            server = serve("short", Map.of("tailboard.auth.token", TOKEN, "tailboard.auth.session-lifetime", "1s"));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void aLoginEndsWhenItsLifetimeHasPassed() {
            String form = "token=" + java.net.URLEncoder.encode(TOKEN, StandardCharsets.UTF_8) + "&next=/";
            RawHttp.Response login = RawHttp.post(server.port(), "/login", "application/x-www-form-urlencoded",
                    form.getBytes(StandardCharsets.UTF_8));
            String cookie = "Cookie: " + login.header("Set-Cookie").split(";", 2)[0];
            Await.until("the login to end", () -> RawHttp.get(server.port(), "/api/jobs", cookie).status() == 401);
            assertEquals(200, RawHttp.get(server.port(), "/api/jobs", "Authorization: Bearer " + TOKEN).status());
        }
    }

    /** Guessing the token at the login form, as a script would: wrong tokens as fast as it can post them. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAGuesser {

        TestServer server;

        @BeforeAll
        void start() {
            server = serve("brake", Map.of("tailboard.auth.token", TOKEN));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void tenWrongTokensAMinuteThenTheAddressWaitsAndNoOneElseNotices() throws Exception {
            for (int i = 0; i < 10; i++) {
                assertEquals(401, loginFrom("127.0.0.1", "guess " + i).status());
            }
            RawHttp.Response braked = loginFrom("127.0.0.1", "guess 10");
            assertEquals(429, braked.status(), braked::head);
            long retryAfter = Long.parseLong(braked.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, braked::head);
            assertTrue(braked.body().contains("try again in " + retryAfter + " seconds"), braked::body);
            assertSecured(braked);
            assertEquals(429, loginFrom("127.0.0.1", TOKEN).status(), "while braked, no token is even checked");

            assertEquals(303, loginFrom("127.0.0.2", TOKEN).status(), "another address logs in at once");
            assertEquals(200, RawHttp.get(server.port(), "/api/jobs", "Authorization: Bearer " + TOKEN).status(),
                    "the API's bearer checks are not braked");
        }

        /** A login posted from {@code address} (any 127.x.y.z is this machine). */
        private RawHttp.Response loginFrom(String address, String token) throws IOException {
            byte[] form = ("token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8) + "&next=/")
                    .getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port(), InetAddress.getByName(address), 0)) {
                socket.getOutputStream().write(("POST /login HTTP/1.1\r\nHost: localhost:" + server.port()
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(form);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int end = answer.indexOf("\r\n\r\n");
                return new RawHttp.Response(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, end), answer.substring(end + 4));
            }
        }
    }

    static Stream<String> foreignPlaces() {
        return Stream.of("https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "evil", "");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutSettings {

        TestServer server;

        @BeforeAll
        void start() {
            server = serve("plain", Map.of());
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void everythingIsOpenAndTheLoginPageGoesHome() {
            assertEquals(200, RawHttp.get(server.port(), "/api/jobs").status());
            RawHttp.Response login = RawHttp.get(server.port(), "/login");
            assertEquals(303, login.status());
            assertEquals("/", login.header("Location"));
        }

        @Test
        void noOtherSiteMayReadTheApi() {
            RawHttp.Response preflight = preflight(server, FOREIGN);
            assertNull(preflight.header("Access-Control-Allow-Origin"), preflight::head);
            RawHttp.Response read = RawHttp.get(server.port(), "/api/jobs", "Origin: " + FOREIGN);
            assertNull(read.header("Access-Control-Allow-Origin"), read::head);
            assertFalse(read.body().contains("\"id\":\"a\""), "a page of another site read the job list");
            assertTrue(read.isJson() && read.body().startsWith("{\"error\":"), read::body);
        }

        @Test
        void pagesAndAnswersCarryTheSecurityHeaders() {
            for (String target : List.of("/api/jobs", "/api/nothing-here", "/", "/jobs/a", "/ask", "/nothing-here")) {
                assertSecured(RawHttp.get(server.port(), target));
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAnAllowedOrigin {

        static final String ALLOWED = "https://ci.example.org";

        TestServer server;

        @BeforeAll
        void start() {
            server = serve("cors", Map.of("tailboard.cors.allowed-origins", ALLOWED));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void thatOriginMayReadAndRunOthersMayNot() {
            RawHttp.Response preflight = preflight(server, ALLOWED);
            assertEquals(ALLOWED, preflight.header("Access-Control-Allow-Origin"), preflight::head);
            RawHttp.Response read = RawHttp.get(server.port(), "/api/jobs", "Origin: " + ALLOWED);
            assertEquals(200, read.status());
            assertEquals(ALLOWED, read.header("Access-Control-Allow-Origin"));
            RawHttp.Response run = RawHttp.post(server.port(), "/api/pipelines/x/runs", "application/json", new byte[0], "Origin: " + ALLOWED);
            assertEquals(404, run.status(), "the same-origin check lets an allowed origin through: " + run.body());

            assertNull(preflight(server, FOREIGN).header("Access-Control-Allow-Origin"));
            RawHttp.Response foreignRun = RawHttp.post(server.port(), "/api/pipelines/x/runs", "application/json", new byte[0], "Origin: " + FOREIGN);
            assertEquals(403, foreignRun.status());
        }
    }

    @Test
    void aMissingTokenFileIsCreatedWithARandomTokenThatStaysAcrossRestarts() throws IOException {
        Path file = base.resolve("secrets/token");
        Map<String, Object> settings = Map.of("tailboard.auth.token-file", file.toString());
        String token;
        try (TestServer server = serve("token-file", settings)) {
            token = Files.readString(file).strip();
            assertTrue(token.matches("[0-9a-f]{48}"), token);
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
            assertEquals(401, RawHttp.get(server.port(), "/api/jobs").status());
            assertEquals(200, RawHttp.get(server.port(), "/api/jobs", "Authorization: Bearer " + token).status());
        }
        try (TestServer server = serve("token-file", settings)) {
            assertEquals(token, Files.readString(file).strip());
            assertEquals(200, RawHttp.get(server.port(), "/api/jobs", "Authorization: Bearer " + token).status());
        }
    }

    @Test
    void aTokenAndATokenFileTogetherAreRefused() {
        Exception refused = assertThrows(Exception.class, () -> serve("both", Map.of("tailboard.auth.token", TOKEN,
                "tailboard.auth.token-file", base.resolve("both.token").toString())).close());
        assertTrue(String.valueOf(refused.getMessage()).contains("not both"), String.valueOf(refused.getMessage()));
    }

    /** The headers the README promises on every response, refusals included. */
    static void assertSecured(RawHttp.Response response) {
        assertEquals("nosniff", response.header("X-Content-Type-Options"), response::head);
        assertNotNull(response.header("Referrer-Policy"), response::head);
        String policy = response.header("Content-Security-Policy");
        assertNotNull(policy, response::head);
        String scripts = policy.replaceAll(".*script-src ([^;]*).*", "$1");
        assertEquals("'self'", scripts, policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    }

    static RawHttp.Response preflight(TestServer server, String origin) {
        return RawHttp.exchange(server.port(), "OPTIONS /api/jobs HTTP/1.1\r\nHost: localhost:" + server.port()
                + "\r\nOrigin: " + origin + "\r\nAccess-Control-Request-Method: GET\r\n"
                + "Access-Control-Request-Headers: authorization\r\nConnection: close\r\n\r\n", new byte[0]);
    }
}
