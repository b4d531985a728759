package dev.tailboard.stream;

import dev.tailboard.testing.Await;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long polling: {@code GET /api/jobs/{id}/log?wait=S} held until the feed has news, without a thread. */
class LongPollTest extends TransportTest {

    private static final int WAIT_SECONDS = 60;

    /** A long poll from {@code from}, once it is waiting on the server. */
    private CompletableFuture<HttpResponse<String>> waitingPoll(String id, long from) {
        CompletableFuture<HttpResponse<String>> waiting =
                getAsync("/api/jobs/" + id + "/log?from=" + from + "&wait=" + WAIT_SECONDS);
        Await.until("the request waits", () -> feeds.viewers() == 1);
        assertFalse(waiting.isDone());
        return waiting;
    }

    /** The answer to a long poll started at {@code started}, which came before the wait was over. */
    private PollTest.Poll answer(CompletableFuture<HttpResponse<String>> waiting, long started) {
        PollTest.Poll poll = poll(join(waiting));
        assertTrue(System.nanoTime() - started < WAIT_SECONDS * 1_000_000_000L, "returned before its wait elapsed");
        return poll;
    }

    private PollTest.Poll poll(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return read(response.body(), PollTest.Poll.class);
    }

    @Test
    void aWaitingRequestReturnsWhenALineIsAppended() {
        String id = newJob();
        logs.append(id, "first\n");
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> waiting = waitingPoll(id, 6);

        logs.append(id, "second\n");
        assertEquals(new PollTest.Poll(id, 6, 13, 2, List.of("second"), "unknown", false, false), answer(waiting, started));
    }

    @Test
    void aRequestWaitingInsideAnUnfinishedLineWaitsForTheLineAfterIt() {
        String id = newJob();
        logs.append(id, "one\ntwo");
        CompletableFuture<HttpResponse<String>> waiting = waitingPoll(id, 6);

        logs.append(id, "-more\n");
        Await.until("the feed read the line", () -> server.get("/api/jobs/" + id + "/log").body().contains("two-more"));
        logs.append(id, "three\n");
        assertEquals(new PollTest.Poll(id, 13, 19, 3, List.of("three"), "unknown", false, false), poll(join(waiting)));
    }

    @Test
    void aWaitingRequestReturnsWhenTheJobBecomesFinal() {
        String id = newJob();
        logs.append(id, "done\nno newline");
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> waiting = waitingPoll(id, 5);

        finish(id);
        assertEquals(new PollTest.Poll(id, 5, 15, 2, List.of("no newline"), "success", false, false),
                answer(waiting, started));
    }

    @Test
    void pollsOnOneKeepAliveConnectionAnswerInTurn() {
        String id = newJob();
        logs.append(id, "a\n");
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of("a"), poll(server.get("/api/jobs/" + id + "/log?wait=1")).lines());
        }
    }

    @Test
    void aFinishedJobAtItsEndAnswersAtOnce() {
        String id = newJob();
        logs.append(id, "all\n");
        finish(id);
        Await.until("finished", () -> server.get("/api/jobs/" + id).body().contains("success"));
        PollTest.Poll poll = poll(server.get("/api/jobs/" + id + "/log?from=4&wait=" + WAIT_SECONDS));
        assertEquals(new PollTest.Poll(id, 4, 4, 2, List.of(), "success", false, false), poll);
    }

    @Test
    void withNothingNewTheWaitEndsWithNoLines() {
        String id = newJob();
        logs.append(id, "only\n");
        PollTest.Poll poll = poll(server.get("/api/jobs/" + id + "/log?from=5&wait=1"));
        assertEquals(new PollTest.Poll(id, 5, 5, 2, List.of(), "unknown", false, false), poll);
    }

    /**
     * Counts every live thread of this JVM, client's included: the client gets two fixed threads so that only
     * the server's threads can grow with the number of waiting requests.
     */
    @Test
    void aHundredWaitingRequestsDoNotHoldAHundredThreads() {
        String id = newJob();
        logs.append(id, "start\n");
        ExecutorService clientThreads = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
        try {
            // first start the pools a request touches (event loops, executors, timers), so that only waiting counts
            sendAll(client, id, 8, 0, 1).forEach(request -> assertEquals(200, join(request).statusCode()));
            sendAll(client, id, 8, 6, 1).forEach(request -> assertEquals(200, join(request).statusCode()));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int before = threads.getThreadCount();

            List<CompletableFuture<HttpResponse<String>>> waiting = sendAll(client, id, 100, 6, WAIT_SECONDS);
            Await.until("100 requests wait", () -> feeds.viewers() == 100);
            int during = threads.getThreadCount();
            assertTrue(during - before < 50, "threads before " + before + ", while 100 requests wait " + during);

            logs.append(id, "news\n");
            for (CompletableFuture<HttpResponse<String>> request : waiting) {
                assertEquals(List.of("news"), poll(join(request)).lines());
            }
        } finally {
            clientThreads.shutdownNow();
        }
    }

    /** {@code count} long polls from {@code from} sent at once. */
    private List<CompletableFuture<HttpResponse<String>>> sendAll(HttpClient client, String id, int count, long from,
                                                                  int wait) {
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(client.sendAsync(HttpRequest.newBuilder(
                    server.uri("/api/jobs/" + id + "/log?from=" + from + "&wait=" + wait)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return requests;
    }
}
