package dev.tailboard.cluster;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tailboard.jobs.JobId;
import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.XAddArgs;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who owns a job, what Redis refuses, how long a log stays, and cancelling a run of another node. */
class ClusterRulesTest extends ClusterTestCase {


    @Test
    void theFirstNodeToPublishAnIdOwnsItTheOtherSaysSoNamingBoth() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(JobRegistry.class);
        log.start();
        logger.addAppender(log);
        try {
                cluster.folder("a").append("deploy", "deployed by a\n");
            cluster.folder("b").append("deploy", "deployed by b\n");
            TestServer a = cluster.start("a");
            Await.until("a's deploy in Redis", () -> "a".equals(cluster.redis.command("HGET tailboard:job:deploy node")));
            TestServer b = cluster.start("b");
            Await.until("b to say so", () -> log.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(line ->
                    line.contains("Job deploy is on node a and on node b") && line.contains("b does not publish")));
            Cluster.awaitJob(b, "deploy", "a", "deployed by a\n".length());
            assertEquals("deployed by a\n", b.get("/api/jobs/deploy/raw").body(), "every node shows the owner's");
            assertEquals("a", a.json(a.get("/api/jobs/deploy").body()).get("node"));
            assertEquals("deployed by a\n", a.get("/api/jobs/deploy/raw").body());
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void redisItselfRefusesADuplicatedOrOutOfOrderAppend() {
        TestServer a = cluster.start("a");
        LogWrites writes = a.context().getBean(LogWrites.class);
        JobId id = new JobId("probe");
        assertEquals("a", writes.claim(id, "a").owner());
        assertTrue(writes.start(id, "a", "e1", "file"));
        byte[] hello = "hello\n".getBytes(StandardCharsets.UTF_8);

        assertEquals(new LogWrites.At(6), writes.append(id, "a", "e1", 0, hello, 1));
        assertEquals(new LogWrites.At(6), writes.append(id, "a", "e1", 0, hello, 1), "the same chunk again: refused");
        assertEquals(new LogWrites.At(6), writes.append(id, "a", "e1", 10, hello, 1), "a chunk after a gap: refused");
        assertEquals(new LogWrites.At(6), writes.append(id, "a", "e1", 3, hello, 1), "an overlapping chunk: refused");
        assertInstanceOf(LogWrites.Lost.class, writes.append(id, "a", "e0", 6, hello, 1), "an older epoch: refused");
        assertEquals(new LogWrites.Owned("a"), writes.append(id, "b", "e1", 6, hello, 1), "another node: refused");
        assertEquals(":1", cluster.redis.command("XLEN tailboard:log:probe"), "one entry, none of the refused ones");
        assertEquals(new LogWrites.At(12), writes.append(id, "a", "e1", 6, hello, 1));

        var commands = a.context().getBean(ClusterRedis.class).commands();
        assertThrows(RedisCommandExecutionException.class, () -> commands.xadd("tailboard:log:probe",
                new XAddArgs().id("6-0"), Map.of("start", "0".getBytes(), "data", hello)), "ids must grow: Redis refuses");
    }

    @Test
    void aLogLeavesRedisOnlyOnceItsJobIsFinalAndPastRetention() {
        LogFolder a = cluster.folder("a");
        String ended = Instant.now().toString();
        a.append("old", "old log\n").sidecar("old", "{\"status\":\"success\",\"finishedAt\":\"" + ended + "\"}");
        a.append("live", "live log\n").sidecar("live", "{\"status\":\"running\"}");
        Map<String, Object> shortRetention = Map.of("tailboard.cluster.retention", "1s");
        TestServer nodeA = cluster.start("a", shortRetention);
        TestServer b = cluster.start("b", shortRetention);
        Cluster.awaitListed(b, "old", "a");
        Cluster.awaitListed(b, "live", "a");

        LogWrites writes = nodeA.context().getBean(LogWrites.class);
        long pastRetention = Instant.parse(ended).toEpochMilli() + 1001;
        Await.until("the retention to pass", () -> System.currentTimeMillis() > pastRetention);
        writes.expire(System.currentTimeMillis());
        Await.until("b to drop the old job", () -> b.get("/api/jobs/old").statusCode() == 404);
        assertEquals(":0", cluster.redis.command("EXISTS tailboard:log:old"));
        assertEquals(200, nodeA.get("/api/jobs/old").statusCode(), "its own node still serves it");
        assertEquals(":1", cluster.redis.command("EXISTS tailboard:log:live"), "a running job's log is never dropped");
        assertEquals(200, b.get("/api/jobs/live").statusCode());
    }

    @Test
    void aCopyOfAJobThatLeftRedisWhileItsNodeWasDownIsRemovedWhenItStarts() {
        cluster.folder("a").append("old", "old log\n").sidecar("old", "{\"status\":\"success\"}");
        TestServer nodeA = cluster.start("a");
        Cluster.awaitListed(cluster.start("b"), "old", "a");
        Path copy = base.resolve("b/.cluster/a/old.log");
        assertTrue(Files.isRegularFile(copy), "b's copy of a's log");
        cluster.stop("b");
        nodeA.context().getBean(LogWrites.class).expire(Long.MAX_VALUE / 2);

        TestServer b = cluster.start("b");
        Await.until("b to remove the copy", () -> !Files.exists(copy));
        assertEquals(404, b.get("/api/jobs/old").statusCode());
    }

    @Test
    void aLogReplacedOnItsNodeIsReplacedOnTheOthersAndTheirViewersStartAgain() throws Exception {
        LogFolder a = cluster.folder("a");
        a.append("rebuild", "old 1\nold 2\n").sidecar("rebuild", "{\"status\":\"running\"}");
        cluster.start("a");
        TestServer b = cluster.start("b");
        Cluster.awaitJob(b, "rebuild", "a", a.size("rebuild"));
        try (SseClient viewer = b.sse("/api/jobs/rebuild/events?from=0")) {
            assertEquals(List.of("old 1", "old 2"), TestServer.lines(b.json(nextLog(viewer).data())));
            Path fresh = base.resolve("fresh.log");
            Files.writeString(fresh, "new 1\n");
            Files.move(fresh, a.log("rebuild"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            SseClient.Event event = viewer.next();
            while (!"reset".equals(event.event())) {
                event = viewer.next();
            }
            assertEquals(List.of("new 1"), TestServer.lines(b.json(nextLog(viewer).data())));
        }
        assertEquals("new 1\n", b.get("/api/jobs/rebuild/raw").body());
    }

    private static SseClient.Event nextLog(SseClient viewer) throws InterruptedException {
        SseClient.Event event = viewer.next();
        while (!"log".equals(event.event())) {
            event = viewer.next();
        }
        return event;
    }

    @Test
    void aRunOfOneNodeIsCancelledFromAnother() {
        TestServer a = cluster.start("a", Map.of("tailboard.pipelines.sleeper.command", List.of("sleep", "60")));
        TestServer b = cluster.start("b");
        HttpResponse<String> run = a.send(HttpRequest.newBuilder(a.uri("/api/pipelines/sleeper/runs"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, run.statusCode(), run::body);
        String id = (String) a.json(run.body()).get("id");
        Cluster.awaitListed(b, id, "a");

        HttpResponse<String> cancel = b.send(HttpRequest.newBuilder(b.uri("/api/jobs/" + id + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, cancel.statusCode(), cancel::body);
        Await.until("the run cancelled on a", () -> "cancelled".equals(a.json(a.get("/api/jobs/" + id).body()).get("status")));
        Await.until("and so on b", () -> "cancelled".equals(b.json(b.get("/api/jobs/" + id).body()).get("status")));

        HttpResponse<String> again = b.send(HttpRequest.newBuilder(b.uri("/api/jobs/" + id + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(409, again.statusCode(), "no longer a running run of any node");
    }
}
