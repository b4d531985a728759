package dev.tailboard.hardening;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.RawHttp;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A method that a known route does not take is a {@code 405} JSON error naming the methods it takes in
 * {@code Allow} — also where the path could be read as a job id ({@code GET /api/jobs/x/cancel}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WrongMethodTest {

    TestServer server;
    LogFolder logs;

    @BeforeAll
    void start(@TempDir Path dir) {
        logs = new LogFolder(dir);
        server = TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET    | /api/jobs/x/cancel       | POST",
            "HEAD   | /api/jobs/x/cancel       | POST",
            "DELETE | /api/jobs/x/cancel       | POST",
            "GET    | /api/jobs/ci/42/cancel   | POST",
            "GET    | /api/pipelines/x/runs    | POST",
            "PUT    | /api/jobs/x              | GET, HEAD",
            "POST   | /api/jobs/x/log          | GET, HEAD",
            "DELETE | /api/jobs                | GET, HEAD",
    })
    void aWrongMethodIs405WithAllowAndAJsonError(String method, String path, String allow) {
        RawHttp.Response response = send(method, path);
        assertEquals(405, response.status(), response::head);
        assertEquals(allow, response.header("Allow"), response::head);
        if (!method.equals("HEAD")) {
            assertTrue(response.isJson(), response::head);
            assertEquals("{\"error\":\"" + method + " is not allowed on " + path + "\"}", response.body());
        }
    }

    @Test
    void idsThatOnlyLookLikeTheCancelRouteAreJobs() {
        logs.append("ci/cancelled", "line\n").append("cancel-me", "line\n");
        assertEquals(200, send("GET", "/api/jobs/ci/cancelled").status());
        assertEquals(200, send("GET", "/api/jobs/cancel-me").status());
        assertEquals(400, send("GET", "/api/jobs/cancel").status(), "a job id cannot be the reserved word");
    }

    private RawHttp.Response send(String method, String path) {
        return RawHttp.exchange(server.port(), method + " " + path + " HTTP/1.1\r\nHost: localhost:" + server.port()
                + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", new byte[0]);
    }
}
