package dev.tailboard.cluster;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each fault a cluster meets, with real nodes and a real Redis: every viewer still gets every line exactly once. */
@EnabledIf("dev.tailboard.testing.RedisServer#available")
class ClusterFaultsTest {

    static final int LINES = 20_000;
    static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path base;
    Cluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aViewerWhoseNodeIsKilledResumesOnAnotherWithItsLastId() throws InterruptedException {
        cluster = new Cluster(base);
        Writer build = new Writer(cluster.folder("a"), "nightly", LINES);
        cluster.start("a");
        TestServer b = cluster.start("b");
        TestServer c = cluster.start("c");
        Cluster.awaitListed(b, "nightly", "a");
        Cluster.awaitListed(c, "nightly", "a");
        Viewer viewer = new Viewer(Cluster.events(b, "nightly"));
        viewer.start();
        build.start();
        Await.until("the viewer to follow on b", DEADLINE, () -> viewer.received.get() > LINES / 10);

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
        cluster = new Cluster(base);
        Writer build = new Writer(cluster.folder("a"), "nightly", LINES);
        cluster.start("a");
        TestServer b = cluster.start("b");
        Cluster.awaitListed(b, "nightly", "a");
        Viewer viewer = new Viewer(Cluster.events(b, "nightly"));
        viewer.start();
        build.start();
        Await.until("the viewer to follow on b", DEADLINE, () -> viewer.received.get() > LINES / 10);

        cluster.stop("a");
        long atKill = build.written.get();
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
        cluster = new Cluster(base);
        Writer build = new Writer(cluster.folder("a"), "nightly", LINES);
        TestServer a = cluster.start("a");
        TestServer b = cluster.start("b");
        Cluster.awaitListed(b, "nightly", "a");
        Viewer onA = new Viewer(Cluster.events(a, "nightly"));
        Viewer onB = new Viewer(Cluster.events(b, "nightly"));
        onA.start();
        onB.start();
        build.start();
        Await.until("the viewer to follow on b", DEADLINE, () -> onB.received.get() > LINES / 10);

        cluster.redis.kill();
        long atKill = onA.received.get();
        Await.until("a to go on serving its own log without Redis", DEADLINE,
                () -> onA.received.get() > atKill + LINES / 10 || onA.ended);
        assertEquals(200, b.get("/api/jobs/nightly").statusCode(), "b still lists the job");
        assertEquals(200, b.get("/api/jobs/nightly/log?from=0&limit=10").statusCode(), "b still serves its copy");
        cluster.redis.startAgain();

        build.join(DEADLINE.toMillis());
        assertEveryLineOnce(List.of(onA, onB));
        Await.until("the log in Redis again", DEADLINE, () -> ":1".equals(cluster.redis.command("EXISTS tailboard:log:nightly")));
        System.out.printf("figure: Redis killed at line %,d of %,d and restarted empty; a kept serving, then published "
                + "again; viewers on a and b got every line exactly once%n", atKill, LINES);
    }

    private static void assertEveryLineOnce(List<Viewer> viewers) throws InterruptedException {
        Await.until("every viewer to reach the end", DEADLINE, () -> viewers.stream().allMatch(Viewer::done));
        for (Viewer viewer : viewers) {
            viewer.join(DEADLINE.toMillis());
            assertNull(viewer.failure, () -> "a viewer failed: " + viewer.failure);
            assertEquals(LINES, viewer.received.get(), "every line exactly once");
        }
    }
}
