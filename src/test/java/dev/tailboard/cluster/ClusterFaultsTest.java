package dev.tailboard.cluster;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.BuildWriter;
import dev.tailboard.testing.ResumingViewer;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each fault a cluster meets, with real nodes and a real Redis: every viewer still gets every line exactly once. */
class ClusterFaultsTest extends ClusterTestCase {

    static final int LINES = 20_000;
    static final Duration DEADLINE = Duration.ofMinutes(2);

    /** The build, on node a. */
    BuildWriter build;

    @BeforeEach
    void newBuild() {
        build = new BuildWriter(cluster.folder("a"), "nightly", LINES);
    }

    @Test
    void aViewerWhoseNodeIsKilledResumesOnAnotherWithItsLastId() throws InterruptedException {
        cluster.start("a");
        TestServer b = cluster.start("b");
        TestServer c = cluster.start("c");
        Cluster.awaitListed(c, "nightly", "a");
        ResumingViewer viewer = viewerOn(b);
        buildUntilFollowed(viewer);

        viewer.moveTo(Cluster.events(c, "nightly"));
        cluster.stop("b");
        long atKill = viewer.received.get();

        build.join(DEADLINE.toMillis());
        assertEveryLineOnce(List.of(viewer));
        System.out.printf("figure: node b killed at line %,d of %,d; the viewer resumed on c with every line exactly once%n",
                atKill, LINES);
    }

    @Test
    void theNodeHoldingTheFileKilledWhileItsBuildWritesGoesOnFromWhereRedisStands() throws InterruptedException {
        cluster.start("a");
        ResumingViewer viewer = viewerOn(cluster.start("b"));
        buildUntilFollowed(viewer);

        cluster.stop("a");
        long atKill = build.written.get();
        TestServer b = cluster.node("b");
        assertEquals("running", b.json(b.get("/api/jobs/nightly").body()).get("status"), "b keeps the last status");
        Await.until("the build to write on while its node is down", DEADLINE,
                () -> build.written.get() > atKill + LINES / 4 || !build.isAlive());
        long seenWhileDown = viewer.received.get();
        long atRestart = build.written.get();
        cluster.start("a");

        build.join(DEADLINE.toMillis());
        assertEveryLineOnce(List.of(viewer));
        assertTrue(seenWhileDown <= atKill + 1, "nothing reached b while the node holding the file was down");
        System.out.printf("figure: node a killed when its build had written %,d of %,d lines, started again when it had "
                + "written %,d; it went on from where Redis stood and the viewer on b got every line exactly once%n",
                atKill, LINES, atRestart);
    }

    @Test
    void redisKilledAndRestartedEmptyNodesKeepServingThenPublishAgain() throws InterruptedException {
        TestServer a = cluster.start("a", Map.of("tailboard.pipelines.hello.command", List.of("echo", "hello")));
        TestServer b = cluster.start("b");
        ResumingViewer onA = viewerOn(a);
        ResumingViewer onB = viewerOn(b);
        buildUntilFollowed(onB);

        cluster.redis.kill();
        long atKill = onA.received.get();
        Await.until("a to go on serving its own log without Redis", DEADLINE,
                () -> onA.received.get() > atKill + LINES / 10 || onA.ended);
        assertEquals(200, b.get("/api/jobs/nightly").statusCode(), "b still lists the job");
        assertEquals(200, b.get("/api/jobs/nightly/log?from=0&limit=10").statusCode(), "b still serves its copy");
        HttpResponse<String> run = a.send(HttpRequest.newBuilder(a.uri("/api/pipelines/hello/runs"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, run.statusCode(), "a runs pipelines without Redis");
        cluster.redis.startAgain();
        Cluster.awaitListed(b, "hello/1", "a");

        build.join(DEADLINE.toMillis());
        assertEveryLineOnce(List.of(onA, onB));
        Await.until("the log in Redis again", DEADLINE, () -> ":1".equals(cluster.redis.command("EXISTS tailboard:log:nightly")));
        System.out.printf("figure: Redis killed at line %,d of %,d and restarted empty; a kept serving, then published "
                + "again; viewers on a and b got every line exactly once%n", atKill, LINES);
    }

    /** A viewer of the build's log on {@code node}, once the node lists it. */
    private static ResumingViewer viewerOn(TestServer node) {
        Cluster.awaitListed(node, "nightly", "a");
        ResumingViewer viewer = new ResumingViewer(Cluster.events(node, "nightly"));
        viewer.start();
        return viewer;
    }

    /** Starts the build and waits until {@code viewer} has a tenth of its lines. */
    private void buildUntilFollowed(ResumingViewer viewer) {
        build.start();
        Await.until("the viewer to follow", DEADLINE, () -> viewer.received.get() > LINES / 10);
    }

    private static void assertEveryLineOnce(List<ResumingViewer> viewers) throws InterruptedException {
        Await.until("every viewer to reach the end", DEADLINE, () -> viewers.stream().allMatch(ResumingViewer::done));
        for (ResumingViewer viewer : viewers) {
            viewer.join(DEADLINE.toMillis());
            assertNull(viewer.failure, () -> "a viewer failed: " + viewer.failure);
            assertEquals(LINES, viewer.received.get(), "every line exactly once");
        }
    }
}
