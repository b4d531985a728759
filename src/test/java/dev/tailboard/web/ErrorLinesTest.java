package dev.tailboard.web;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /api/errors}: the lines of a whole log the error finder marks as errors. */
class ErrorLinesTest {

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        new LogFolder(dir).append("build/1", String.join("\n",
                "compiling",                                             // 1
                "::error file=app.js,line=1::Unexpected token",          // 2
                "2026-11-21T10:00:00.1234567Z ##[error]Process completed with exit code 1", // 3
                "[ERROR] Failed to execute goal",                        // 4
                "src/main.c:10:5: error: expected ';'",                  // 5
                "npm ERR! code E404",                                    // 6
                "FAILED tests/test_app.py::test_login - AssertionError", // 7
                "Traceback (most recent call last):",                    // 8: the error is its last line, not this
                "\u001b[31mError: Cannot find module 'x'\u001b[0m",      // 9
                "Tests run: 3, Failures: 0, Errors: 0, Skipped: 0",      // 10
                "no errors found; 0 failed",                             // 11
                "terror-free",                                           // 12
                "")).finish("build/1", "failed", 1);
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void findsTheErrorLinesOfTheWholeLog() {
        HttpResponse<String> response = server.get("/api/errors?job=build/1");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> result = server.json(response.body());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 9), result.get("lines"));
        assertEquals(7, result.get("count"));
        assertEquals(13, result.get("line"), "the first line not looked at");
        assertEquals(false, result.get("truncated"));
    }

    @Test
    void refusesAMissingOrUnknownJob() {
        assertEquals(400, server.get("/api/errors").statusCode());
        assertEquals(400, server.get("/api/errors?job=..").statusCode());
        assertEquals(404, server.get("/api/errors?job=nope").statusCode());
    }
}
