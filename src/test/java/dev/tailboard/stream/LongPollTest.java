package dev.tailboard.stream;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long polling: {@code GET /api/jobs/{id}/log?wait=S} held until the feed has news, without a thread. */
@MicronautTest
class LongPollTest extends ServerTest {

    private static final int WAIT_SECONDS = 60;

    /** A long poll from {@code from}, once it is waiting on the server. */
    private CompletableFuture<HttpResponse<String>> waitingPoll(String id, long from) {
        CompletableFuture<HttpResponse<String>> waiting =
                http.getAsync("/api/jobs/" + id + "/log?from=" + from + "&wait=" + WAIT_SECONDS);
        Eventually.await("the request waits", () -> feeds.viewers() == 1);
        assertFalse(waiting.isDone());
        return waiting;
    }

    /** The answer to a long poll started at {@code started}, which came before the wait was over. */
    private PollTest.Poll answer(CompletableFuture<HttpResponse<String>> waiting, long started) {
        PollTest.Poll poll = poll(Http.join(waiting));
        assertTrue(System.nanoTime() - started < WAIT_SECONDS * 1_000_000_000L, "returned before its wait elapsed");
        return poll;
    }

    private PollTest.Poll poll(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return http.json(response, PollTest.Poll.class);
    }

    @Test
    void aWaitingRequestReturnsWhenALineIsAppended() {
        String id = logs.newJob();
        logs.append(id, "first\n");
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> waiting = waitingPoll(id, 6);

        logs.append(id, "second\n");
        assertEquals(new PollTest.Poll(id, 6, 13, 2, List.of("second"), "unknown", false, false), answer(waiting, started));
    }

    @Test
    void aRequestWaitingInsideAnUnfinishedLineWaitsForTheLineAfterIt() {
        String id = logs.newJob();
        logs.append(id, "one\ntwo");
        CompletableFuture<HttpResponse<String>> waiting = waitingPoll(id, 6);

        logs.append(id, "-more\n");
        Eventually.await("the feed read the line", () -> http.get("/api/jobs/" + id + "/log").body().contains("two-more"));
        logs.append(id, "three\n");
        assertEquals(new PollTest.Poll(id, 13, 19, 3, List.of("three"), "unknown", false, false), poll(Http.join(waiting)));
    }

    @Test
    void aWaitingRequestReturnsWhenTheJobBecomesFinal() {
        String id = logs.newJob();
        logs.append(id, "done\nno newline");
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> waiting = waitingPoll(id, 5);

        logs.finish(id);
        assertEquals(new PollTest.Poll(id, 5, 15, 2, List.of("no newline"), "success", false, false),
                answer(waiting, started));
    }

    @Test
    void aClientThatHangsUpIsNoLongerWaitedFor() throws IOException {
        String id = logs.newJob();
        logs.append(id, "x\n");
        try (Socket socket = new Socket("localhost", server.getPort())) {
            socket.getOutputStream().write(("GET /api/jobs/" + id + "/log?from=2&wait=" + WAIT_SECONDS
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Eventually.await("the request waits", () -> feeds.viewers() == 1);
        }
        Eventually.await("the wait is released", () -> feeds.viewers() == 0);
    }

    @Test
    void pollsOnOneKeepAliveConnectionAnswerInTurn() {
        String id = logs.newJob();
        logs.append(id, "a\n");
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of("a"), poll(http.get("/api/jobs/" + id + "/log?wait=1")).lines());
        }
    }

    @Test
    void aFinishedJobAtItsEndAnswersAtOnce() {
        String id = logs.newJob();
        logs.append(id, "all\n");
        logs.finish(id);
        Eventually.await("finished", () -> http.get("/api/jobs/" + id).body().contains("success"));
        PollTest.Poll poll = poll(http.get("/api/jobs/" + id + "/log?from=4&wait=" + WAIT_SECONDS));
        assertEquals(new PollTest.Poll(id, 4, 4, 2, List.of(), "success", false, false), poll);
    }

    @Test
    void withNothingNewTheWaitEndsWithNoLines() {
        String id = logs.newJob();
        logs.append(id, "only\n");
        PollTest.Poll poll = poll(http.get("/api/jobs/" + id + "/log?from=5&wait=1"));
        assertEquals(new PollTest.Poll(id, 5, 5, 2, List.of(), "unknown", false, false), poll);
    }

    @Test
    void aHundredWaitingRequestsDoNotHoldAHundredThreads() {
        String id = logs.newJob();
        logs.append(id, "start\n");
        warmUp(id);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();

        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            waiting.add(http.getAsync("/api/jobs/" + id + "/log?from=6&wait=" + WAIT_SECONDS));
        }
        Eventually.await("100 requests wait", () -> feeds.viewers() == 100);
        int during = threads.getThreadCount();
        assertTrue(during - before < 50, "threads before " + before + ", while 100 requests wait " + during);

        logs.append(id, "news\n");
        for (CompletableFuture<HttpResponse<String>> request : waiting) {
            assertEquals(List.of("news"), poll(Http.join(request)).lines());
        }
    }

    /** Starts the pools a request touches (event loops, executors) so that only waiting is counted. */
    private void warmUp(String id) {
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(http.getAsync("/api/jobs/" + id + "/log?from=0&wait=1"));
            requests.add(http.getAsync("/api/jobs/" + id + "/log?from=6&wait=1"));
        }
        requests.forEach(request -> assertEquals(200, Http.join(request).statusCode()));
    }
}
