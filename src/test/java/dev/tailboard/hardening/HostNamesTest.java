package dev.tailboard.hardening;

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

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS rebinding as it is done: a page on {@code rebound.example} whose name now resolves to this machine. Its
 * browser sends {@code Host: rebound.example} and an {@code Origin} of the same name, so only the name tells it
 * from one of the server's own pages.
 */
class HostNamesTest {

    static final String REBOUND = "rebound.example";

    @TempDir
    static Path base;

    static TestServer serve(String folder, Map<String, Object> properties) {
        Path logs = base.resolve(folder);
        new LogFolder(logs).append("a", "the secret line\n").finish("a", "success", 0);
        Map<String, Object> all = new java.util.HashMap<>(properties);
        all.put("tailboard.pipelines.echo.command", List.of("sh", "-c", "echo ran"));
        return TestServer.start(logs, all);
    }

    static RawHttp.Response getAs(TestServer server, String host, String target) {
        return RawHttp.get(server.port(), target, "Host: " + host);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ByDefault {

        TestServer server;

        @BeforeAll
        void start() {
            server = serve("default", Map.of());
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void aReboundPageNeitherReadsNorActs() {
            String host = REBOUND + ":" + server.port();
            for (String target : List.of("/api/jobs", "/api/jobs/a/raw", "/api/jobs/a/events", "/jobs/a", "/", "/health")) {
                RawHttp.Response refused = getAs(server, host, target);
                assertEquals(421, refused.status(), target + ": " + refused.head());
                assertTrue(refused.isJson() && refused.body().contains("tailboard.allowed-hosts"), refused::body);
                assertFalse(refused.body().contains("secret"), refused::body);
                AccessTest.assertSecured(refused);
            }
            RawHttp.Response run = RawHttp.post(server.port(), "/api/pipelines/echo/runs", "application/json", new byte[0],
                    "Host: " + host, "Origin: http://" + host);
            assertEquals(421, run.status(), run::head);
            assertFalse(Files.exists(base.resolve("default/echo")), "the rebound page started a run");
            RawHttp.Response socket = RawHttp.exchange(server.port(), ForeignPagesTest.handshake("/ws/jobs/a", "Host: " + host)
                    + "Origin: http://" + host + "\r\n\r\n", new byte[0]);
            assertEquals(421, socket.status(), socket::head);
        }

        @ParameterizedTest(name = "Host: {0}")
        @ValueSource(strings = {"localhost", "LocalHost:%d", "localhost.:%d", "127.0.0.1:%d", "127.0.0.2:%d", "[::1]:%d",
                "[0:0:0:0:0:0:0:1]:%d"})
        void theLoopbackNamesAreAnswered(String host) {
            RawHttp.Response answered = getAs(server, host.formatted(server.port()), "/api/jobs");
            assertEquals(200, answered.status(), answered::head);
        }

        @Test
        void thisMachinesOwnNamesAndAddressesAreAnswered() throws Exception {
            InetAddress self = InetAddress.getLocalHost();
            for (String name : List.of(self.getHostName(), self.getCanonicalHostName())) {
                assertEquals(200, getAs(server, name + ":" + server.port(), "/api/jobs").status(), name);
            }
            Optional<InetAddress> own = ownAddress(false);
            own.ifPresent(address -> assertEquals(200, getAs(server, address.getHostAddress(), "/api/jobs").status(), address::toString));
            Optional<InetAddress> own6 = ownAddress(true);
            own6.ifPresent(address -> assertEquals(200, getAs(server, "[" + compressed(address) + "]:" + server.port(), "/api/jobs").status(),
                    address::toString));
            System.out.println("own addresses checked: " + own.orElse(null) + " " + own6.orElse(null));
        }

        @ParameterizedTest(name = "Host: {0}")
        @ValueSource(strings = {"localhost.rebound.example", "127.0.0.1.rebound.example", "rebound.example:%d",
                "192.0.2.254:%d", "999.0.0.1", "[fd00::dead:beef]:%d", "[::1", "localhost@rebound.example"})
        void otherNamesAreNot(String host) {
            RawHttp.Response refused = getAs(server, host.formatted(server.port()), "/api/jobs");
            assertEquals(421, refused.status(), refused::head);
        }

        @Test
        void norIsAHostForwardedByAProxy() {
            RawHttp.Response refused = RawHttp.get(server.port(), "/api/jobs", "X-Forwarded-Host: " + REBOUND);
            assertEquals(421, refused.status(), refused::head);
            RawHttp.Response refusedRun = RawHttp.post(server.port(), "/api/pipelines/echo/runs", "application/json",
                    new byte[0], "X-Forwarded-Host: " + REBOUND, "Origin: http://" + REBOUND);
            assertEquals(421, refusedRun.status(), refusedRun::head);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithAllowedHosts {

        TestServer server;

        @BeforeAll
        void start() {
            server = serve("allowed", Map.of("tailboard.allowed-hosts", "ci.example.org, Status.Example.org:8443"));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void theNamesListedAreAnsweredAsWellAsTheOwnOnes() {
            assertEquals(200, getAs(server, "ci.example.org", "/api/jobs").status());
            assertEquals(200, getAs(server, "CI.example.org:443", "/api/jobs").status());
            assertEquals(200, getAs(server, "status.example.org:8443", "/api/jobs").status());
            assertEquals(200, getAs(server, "localhost:" + server.port(), "/api/jobs").status());
            assertEquals(421, getAs(server, REBOUND, "/api/jobs").status());
            RawHttp.Response run = RawHttp.post(server.port(), "/api/pipelines/echo/runs", "application/json",
                    "".getBytes(StandardCharsets.UTF_8), "Host: ci.example.org", "Origin: https://ci.example.org");
            assertEquals(201, run.status(), run::head);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BehindAProxyThatChecksNames {

        TestServer server;

        @BeforeAll
        void start() {
            server = serve("any", Map.of("tailboard.allowed-hosts", "*"));
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void everyNameIsAnswered() {
            assertEquals(200, getAs(server, REBOUND, "/api/jobs").status());
            assertEquals(200, RawHttp.get(server.port(), "/api/jobs", "X-Forwarded-Host: " + REBOUND).status());
        }
    }

    /** An address of a network interface of this machine other than loopback, if it has one. */
    static Optional<InetAddress> ownAddress(boolean ipv6) throws SocketException {
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(face.getInetAddresses())) {
                if (!address.isLoopbackAddress() && !address.isLinkLocalAddress() && (address instanceof Inet6Address) == ipv6) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    /** The shortest form, as a browser writes it in {@code Host}. */
    static String compressed(InetAddress address) {
        String full = address.getHostAddress().replaceAll("%.*", "");
        return full.replaceFirst("(^|:)(0(:0)+)(:|$)", "::").replaceFirst("^:::", "::");
    }
}
